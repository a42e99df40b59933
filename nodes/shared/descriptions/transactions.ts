import type { INodeProperties } from 'n8n-workflow';

import { AWIN_TIMEZONES } from '../limits';

/** The one timezone option list: the zones an endpoint accepts, in alphabetical order. */
export function timezoneOptions(zones: readonly string[]): Array<{ name: string; value: string }> {
	return [...zones].sort().map((zone) => ({ name: zone, value: zone }));
}

/**
 * The one Start Date and End Date pair; each read says what its dates mean (a day or a moment),
 * so each gives its own descriptions.
 */
export function startEndDateFields(start: string, end: string): INodeProperties[] {
	const field = (displayName: string, name: string, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'dateTime',
		default: '',
		required: true,
		description,
	});
	return [field('Start Date', 'startDate', start), field('End Date', 'endDate', end)];
}

/** The timezone Awin reads the dates in and shows transaction dates in. */
export const timezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: timezoneOptions(AWIN_TIMEZONES),
	default: 'UTC',
	description:
		'Timezone of the dates you give and of the dates Awin returns (Awin accepts only these)',
};

/** Start Date, End Date and Timezone of a read Awin takes 31 days at a time. */
export const dateTimeRangeFields: INodeProperties[] = [
	...startEndDateFields(
		'Earliest date to read, in the timezone below. Any span works: the node asks Awin 31 days at a time.',
		'Latest date to read, included, in the timezone below. A date without a time means the whole day.',
	),
	timezoneField,
];

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		"Whether to return flat columns for spreadsheets (the same columns on every row: amounts and currencies apart, click refs flattened, lists as JSON text) instead of Awin's raw transactions",
};

/** Which date of a transaction query a range applies to (the values of TRANSACTION_QUERIES.dateTypes). */
export function queryDateTypeField(description: string): INodeProperties {
	return {
		displayName: 'Date Type',
		name: 'dateType',
		type: 'options',
		options: [
			{ name: 'Enquiry Date', value: 'enquiryDate', description: 'When you raised the query' },
			{ name: 'Transaction Date', value: 'transactionDate', description: 'When the sale happened' },
			{
				name: 'Validation Date',
				value: 'validationDate',
				description: 'When the advertiser approved or declined the query',
			},
		],
		default: 'transactionDate',
		description,
	};
}
