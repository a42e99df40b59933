/** Parameter fragments several operations share. Nothing here runs: descriptions only. */
export type { AccountSide } from './accounts';
export { accountFields, accountLocator } from './accounts';
export { databaseRowsField } from './databaseRows';
export {
	clickTimeField,
	commissionGroupsField,
	customerAcquisitionField,
	inputModeField,
	orderFieldField,
	orderOptions,
} from './orders';
export { requestOptionFields, requestOptionsCollection } from './requestOptions';
export { returnAllFields } from './returnAll';
export {
	dateTimeRangeFields,
	queryDateTypeField,
	simplifyField,
	startEndDateFields,
	timezoneField,
	timezoneOptions,
} from './transactions';
