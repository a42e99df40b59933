import type { INodeProperties } from 'n8n-workflow';

/**
 * Rows for a database table: snake_case columns matching examples/warehouse/schema.sql one to one,
 * the same columns on every row, amounts as numbers, dates as ISO 8601 with the offset of the
 * timezone Awin was asked in (Awin itself shows local times without offset). A SQL node that
 * auto-maps input fields to columns (n8n's Postgres, MySQL...) writes them as they are.
 */
export const databaseRowsField: INodeProperties = {
	displayName: 'Database Rows',
	name: 'databaseRows',
	type: 'boolean',
	default: false,
	description:
		'Whether to return rows whose fields match the tables of examples/warehouse/schema.sql one to one (snake_case, amounts as numbers, dates in ISO 8601 with offset); reports then come one row per day',
};
