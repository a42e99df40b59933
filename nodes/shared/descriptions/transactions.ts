import type { INodeProperties } from 'n8n-workflow';

import { AWIN_TIMEZONES } from '../limits';

/** The timezone Awin reads the dates in and shows transaction dates in. */
export const timezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: [...AWIN_TIMEZONES].sort().map((zone) => ({ name: zone, value: zone })),
	default: 'UTC',
	description: 'Timezone of the dates you give and of the dates Awin returns (Awin accepts only these)',
};

/** Start Date, End Date and Timezone of a read Awin takes 31 days at a time. */
export const dateTimeRangeFields: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Earliest date to read, in the timezone below. Any span works: the node asks Awin 31 days at a time.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Latest date to read, included, in the timezone below. A date without a time means the whole day.',
	},
	timezoneField,
];

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return flat columns for spreadsheets (the same columns on every row: amounts and currencies apart, click refs flattened, lists as JSON text) instead of Awin\'s raw transactions',
};
