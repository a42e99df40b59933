import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { AWIN_DATETIME, parseLocal } from '../../../shared/dates';
import {
	checkText,
	perItemParameter,
	readBoolean,
	readOption,
	readPayloadValue,
	readText,
	refuse,
} from '../../../shared/params';

/** Local date-times Awin wants; an n8n date with offset is moved into the chosen timezone first. */
function toAwinDateTime(value: unknown, timezone: string): unknown {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string') return text;
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text))
		return text;
	const local = parseLocal(text, timezone);
	return local.isValid ? local.toFormat(AWIN_DATETIME) : text;
}

/** Shop systems give amounts as strings ("12.50"); Awin wants numbers. */
function toNumber(value: unknown): unknown {
	return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
		? Number(value)
		: value;
}

const IDENTIFY_BY = ['transactionId', 'orderRef'] as const;

/** Builds one batch element from the fields; the schema decides whether it is valid. */
function validationFromFields(ctx: IExecuteFunctions, i: number): unknown {
	const value = (name: string, fallback?: unknown) => readPayloadValue(ctx, name, i, fallback);
	const chosen = value('validationAction') as string;
	const action = chosen === 'fromInput' ? String(value('actionFromInput', '')).trim() : chosen;
	const transaction: Record<string, unknown> = {};
	// Texts go to Awin as they are: each at most MAX_TEXT_LENGTH characters (the schema checks the rest).
	const text = (label: string, value: unknown) =>
		typeof value === 'string' ? checkText(ctx.getNode(), i, label, value) : value;
	if (
		readOption(ctx, 'identifyBy', 'Identify Transaction By', IDENTIFY_BY, i) === 'transactionId'
	) {
		transaction.transactionId = toNumber(value('transactionId'));
	} else {
		const timezone = value('timezone') as string;
		transaction.orderRef = text('Order Reference', String(value('orderRef') ?? ''));
		transaction.transactionDate = toAwinDateTime(value('transactionDate'), timezone);
		transaction.timezone = timezone;
	}
	const validation: Record<string, unknown> = { action, transaction };
	if (action === 'decline') {
		transaction.declineReason = text('Decline Reason', value('declineReason'));
	} else if (action === 'amend') {
		transaction.amendReason = text('Amend Reason', value('amendReason'));
		transaction.currency = String(value('currency') ?? '')
			.trim()
			.toUpperCase();
		transaction.saleAmount = toNumber(value('saleAmount'));
		const parts = value('transactionParts.part', []) as IDataObject[];
		if (parts.length > 0) {
			transaction.transactionParts = parts.map((p) => ({
				amount: toNumber(p.amount),
				commissionGroupCode: text('Commission Group Code', p.commissionGroupCode),
			}));
		}
		validation.approve = readBoolean(ctx, 'approveAfterAmend', 'Approve After Amending', i);
	} else if (action === 'amendTrackingParameters') {
		const reason = readText(ctx, 'amendReason', 'Amend Reason', i);
		if (reason) transaction.amendReason = reason;
		const parameters = value('customParameters.parameter', []) as IDataObject[];
		transaction.customParameters = parameters.map((p) => ({
			key: text('Tracking Parameters > Key', p.key),
			value: text('Tracking Parameters > Value', p.value),
		}));
	}
	return validation;
}

/** The parameter's default: the whole input item. */
const WHOLE_ITEM = '={{ $json }}';

/** item is given when the parameter is the default: evaluating it per item was most of the CPU of large runs. */
function validationFromJson(
	ctx: IExecuteFunctions,
	i: number,
	item?: { json: IDataObject },
): unknown {
	const value = item ? item.json : readPayloadValue(ctx, 'validationJson', i);
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw refuse(ctx.getNode(), i, 'Validation (JSON)', value, 'must be valid JSON');
	}
}

/**
 * How an item becomes its validation (not yet checked: validationSchema does that), in the input
 * mode chosen. The JSON parameter at its default reads the input item itself.
 */
export function itemValidations(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	const jsonParameter = ctx.getNode().parameters.validationJson;
	const readsWholeItem =
		jsonParameter === undefined ||
		(typeof jsonParameter === 'string' && jsonParameter.trim() === WHOLE_ITEM);
	const inputMode = perItemParameter<string>(ctx, 'inputMode');
	return (i) =>
		inputMode(i) === 'json'
			? validationFromJson(ctx, i, readsWholeItem ? items[i] : undefined)
			: validationFromFields(ctx, i);
}
