/**
 * The order payloads of the Conversion API (seed 003) and the Proof of Purchase API (seed 004), as
 * zod schemas. Every order is checked against them before anything is sent to Awin.
 *
 * Lenient where n8n expressions naturally produce something else (a decimal number as the string
 * "111.50", an order number as 1001, an ISO date for a unix time, "new" for NEW); strict where a
 * guess could register a wrong order ("1,234.50", unknown field names, a lower-case group code).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

import { NO_WARNINGS } from '../helpers/outcomes';
import { ISO_4217_CURRENCIES } from './currencies';

/**
 * Awin's length limits. Identifiers over their limit are REJECTED: Awin would cut them, and two
 * orders (or two basket lines) could then become one. Descriptive texts are TRUNCATED here, exactly
 * as Awin would, and the output item says so in `warnings`.
 */
export const ORDER_LIMITS = {
	/** Rejected when longer. */
	orderReference: 50,
	/** Rejected when longer. */
	basketId: 75,
	/** Basket name, category, sku: truncated to this length. */
	basketText: 255,
	/** Custom parameter keys: numbers in this range. */
	customKeyMin: 1,
	customKeyMax: 127,
} as const;

/**
 * The Proof of Purchase field holding the commission groups. Awin's PoP example body spells it
 * `commissionGroup`, its field table `commissionGroups`. We send the table's spelling, which is also
 * the Conversion API's. Change it here if Awin answers otherwise; input in either spelling is read.
 */
export const POP_COMMISSION_GROUPS_FIELD: string = 'commissionGroups';
const POP_COMMISSION_GROUPS_SPELLINGS = ['commissionGroups', 'commissionGroup'];

const NUMBER_HINT =
	'must be a number with a period for decimals and no thousand separators, e.g. 1234.50 (not "1,234.50")';
const DECIMAL = /^-?\d+(\.\d+)?$/;
const GROUP_CODE = /^[A-Z0-9_.-]+$/;

/** n8n expressions yield '' (or null) for "not set". */
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

/** Optional: blank values count as absent. */
function optional<T extends z.ZodTypeAny>(schema: T) {
	return z.preprocess(blank, schema.optional());
}

/** A string; numbers (e.g. an order number from a shop) become strings. */
function text(max?: { length: number; message: string }) {
	let schema = z.string({ required_error: 'Required', invalid_type_error: 'must be text' }).min(1, 'Required');
	if (max) schema = schema.max(max.length, max.message);
	return z.preprocess((v) => (typeof v === 'number' ? String(v) : blank(v)), schema);
}

/** A non-negative amount; a plain decimal string such as "111.50" is read as a number. */
const money = z.preprocess(
	(v) => {
		const value = blank(v);
		return typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value.trim()) : value;
	},
	z
		.number({ required_error: 'Required', invalid_type_error: NUMBER_HINT })
		.finite(NUMBER_HINT)
		.nonnegative('must not be negative'),
);

/** Unix seconds (10 digits); a digit string, an ISO 8601 date or a luxon DateTime is converted. */
const unixSeconds = z.preprocess(
	(v) => {
		const value = blank(v);
		if (DateTime.isDateTime(value)) return Math.floor(value.toSeconds());
		if (value instanceof Date) return Math.floor(value.getTime() / 1000);
		if (typeof value !== 'string') return value;
		const trimmed = value.trim();
		if (/^\d+$/.test(trimmed)) return Number(trimmed);
		const date = DateTime.fromISO(trimmed, { setZone: true });
		return date.isValid ? Math.floor(date.toSeconds()) : value;
	},
	z
		.number({
			required_error: 'Required',
			invalid_type_error: 'must be a unix time in seconds (10 digits) or an ISO 8601 date',
		})
		.int('must be whole seconds')
		.superRefine((n, ctx) => {
			if (n >= 1e12) {
				ctx.addIssue({ code: 'custom', message: 'looks like milliseconds: Awin wants unix seconds (10 digits), divide by 1000' });
			} else if (n < 1e9 || n > 9_999_999_999) {
				ctx.addIssue({ code: 'custom', message: 'must be a unix time in seconds of 10 digits' });
			}
		}),
);

const currency = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim().toUpperCase() : blank(v)),
	z
		.string({ required_error: 'Required', invalid_type_error: 'must be an ISO 4217 code such as GBP' })
		.refine((code) => ISO_4217_CURRENCIES.has(code), 'must be an ISO 4217 currency code such as GBP, EUR or USD'),
);

const groupCode = z
	.string({ required_error: 'Required', invalid_type_error: 'must be text' })
	.regex(GROUP_CODE, 'may contain only upper-case letters, digits, _ . and - (e.g. DEFAULT)');

const customerAcquisition = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
	z.enum(['NEW', 'RETURNING'], { errorMap: () => ({ message: 'must be NEW or RETURNING' }) }),
);

const commissionGroups = z
	.array(z.object({ code: groupCode, amount: money }).strict(), { invalid_type_error: 'must be a list of {code, amount}' })
	.min(1, 'needs at least one group (e.g. code DEFAULT carrying the whole amount)');

const positiveInteger = z.preprocess(
	(v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v),
	z.number({ required_error: 'Required', invalid_type_error: 'must be a whole number' }).int('must be a whole number').positive('must be at least 1'),
);

const basketItem = z
	.object({
		id: text({ length: ORDER_LIMITS.basketId, message: `is longer than Awin's ${ORDER_LIMITS.basketId} characters` }),
		name: text(),
		price: money,
		quantity: positiveInteger,
		commissionGroupCode: groupCode,
		category: text(),
		sku: text(),
	})
	.strict();

const basket = z.array(basketItem, { invalid_type_error: 'must be a list of basket lines' }).superRefine((lines, ctx) => {
	const seen = new Set<string>();
	lines.forEach((line, index) => {
		if (seen.has(line.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${line.id}" appears twice: basket ids must be unique` });
		seen.add(line.id);
	});
});

const custom = z
	.record(
		z.string(),
		z.union([z.string(), z.number(), z.boolean()], { invalid_type_error: 'must be text' }).transform(String),
		{ invalid_type_error: 'must be an object of {"1": "value"}' },
	)
	.superRefine((values, ctx) => {
		for (const key of Object.keys(values)) {
			const n = Number(key);
			if (!/^\d+$/.test(key) || n < ORDER_LIMITS.customKeyMin || n > ORDER_LIMITS.customKeyMax) {
				ctx.addIssue({
					code: 'custom',
					path: [key],
					message: `custom parameter keys are numbers from ${ORDER_LIMITS.customKeyMin} to ${ORDER_LIMITS.customKeyMax}`,
				});
			}
		}
	});

const orderReference = text({
	length: ORDER_LIMITS.orderReference,
	message: `is longer than Awin's ${ORDER_LIMITS.orderReference} characters; Awin would cut it and could mix it up with another order`,
});

/** Conversion API order (seed 003). */
export const conversionOrderSchema = z
	.object({
		orderReference,
		amount: money,
		channel: text(),
		currency,
		voucher: optional(text()),
		awc: optional(text()),
		publisherId: optional(positiveInteger),
		clickTime: optional(unixSeconds),
		transactionTime: optional(unixSeconds),
		customerAcquisition: optional(customerAcquisition),
		commissionGroups,
		custom: optional(custom),
		basket: optional(basket),
		isTest: optional(z.boolean({ invalid_type_error: 'must be true or false' })),
	})
	.strict()
	.superRefine((order, ctx) => {
		// Awin: attribution by awc, or voucher, or publisherId together with clickTime.
		if (order.publisherId !== undefined && order.clickTime === undefined) {
			ctx.addIssue({ code: 'custom', path: ['clickTime'], message: 'Required when publisherId is set' });
		}
		if (order.clickTime !== undefined && order.publisherId === undefined) {
			ctx.addIssue({ code: 'custom', path: ['publisherId'], message: 'Required when clickTime is set' });
		}
		if (!order.awc && !order.voucher && (order.publisherId === undefined || order.clickTime === undefined)) {
			ctx.addIssue({
				code: 'custom',
				path: ['awc'],
				message: 'Awin needs an attribution: awc, or voucher, or publisherId together with clickTime',
			});
		}
	});

export type ConversionOrder = z.infer<typeof conversionOrderSchema>;

/** Proof of Purchase order (seed 004): no channel, basket, voucher or custom; clickRef instead. */
export const proofOfPurchaseOrderSchema = z.preprocess(
	(input) => {
		// Read either spelling of the commission groups, send POP_COMMISSION_GROUPS_FIELD.
		if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
		const order = { ...(input as Record<string, unknown>) };
		const given = POP_COMMISSION_GROUPS_SPELLINGS.filter((name) => order[name] !== undefined);
		if (given.length === 1 && given[0] !== POP_COMMISSION_GROUPS_FIELD) {
			order[POP_COMMISSION_GROUPS_FIELD] = order[given[0]];
			delete order[given[0]];
		}
		return order;
	},
	z
		.object({
			orderReference,
			amount: money,
			currency,
			transactionTime: unixSeconds,
			[POP_COMMISSION_GROUPS_FIELD]: optional(commissionGroups),
			clickTime: optional(unixSeconds),
			awc: optional(text()),
			clickRef: optional(text()),
			customerAcquisition: optional(customerAcquisition),
			isTest: optional(z.boolean({ invalid_type_error: 'must be true or false' })),
		})
		.strict(),
);

export type ProofOfPurchaseOrder = z.infer<typeof proofOfPurchaseOrderSchema>;

/**
 * Cuts the descriptive basket texts to Awin's limit, as Awin itself would, and says which.
 * Returns the warnings for the output item.
 */
export function truncateOrderTexts(order: { basket?: Array<Record<string, unknown>> }): readonly string[] {
	if (!order.basket) return NO_WARNINGS;
	const warnings: string[] = [];
	order.basket?.forEach((line, index) => {
		for (const field of ['name', 'category', 'sku']) {
			const value = line[field];
			if (typeof value === 'string' && value.length > ORDER_LIMITS.basketText) {
				line[field] = value.slice(0, ORDER_LIMITS.basketText);
				warnings.push(`basket[${index}].${field} was cut to Awin's ${ORDER_LIMITS.basketText} characters (it had ${value.length})`);
			}
		}
	});
	return warnings;
}

/*
 * The fast path. zod's safeParse costs about 70 µs and much garbage per order, most of the CPU of a
 * large run. An order whose every value is already in the form Awin takes is recognised here with
 * direct checks and copied; anything else returns undefined and goes through zod, so every error
 * message stays zod's. test/orders/fast-path.test.ts checks with fast-check that, whenever these
 * accept an order, zod accepts it too and gives the same value.
 */
type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === undefined || v === null || v === '';
const isMoney = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isUnixSeconds = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1e9 && v <= 9_999_999_999;
const isPositiveInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isGroupCode = (v: unknown) => typeof v === 'string' && GROUP_CODE.test(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A required text as zod's text() gives it (numbers become strings), or undefined. */
function plainText(v: unknown, max = Infinity): string | undefined {
	const value = typeof v === 'number' ? String(v) : v;
	return isText(value) && value.length <= max ? value : undefined;
}

/** Every key is one the schema knows (zod's .strict()). A loop: no list of keys is made. */
function onlyKnownKeys(input: Plain, known: ReadonlySet<string>): boolean {
	for (const key in input) if (!known.has(key)) return false;
	return true;
}

/** The groups as given: plainly valid groups hold only code and amount, nothing to copy. */
function plainGroups(v: unknown): Plain[] | undefined {
	if (!Array.isArray(v) || v.length === 0) return undefined;
	for (const g of v) if (!isObject(g) || !isGroupCode(g.code) || !isMoney(g.amount) || keyCount(g) !== 2) return undefined;
	return v;
}

const BASKET_KEYS = new Set(['id', 'name', 'price', 'quantity', 'commissionGroupCode', 'category', 'sku']);
function plainBasket(v: unknown): Plain[] | undefined {
	if (!Array.isArray(v)) return undefined;
	const ids = new Set<string>();
	const lines: Plain[] = [];
	for (const line of v) {
		if (!isObject(line) || !onlyKnownKeys(line, BASKET_KEYS)) return undefined;
		const id = plainText(line.id, ORDER_LIMITS.basketId);
		const [name, category, sku] = [plainText(line.name), plainText(line.category), plainText(line.sku)];
		if (!id || !name || !category || !sku || ids.has(id)) return undefined;
		if (!isMoney(line.price) || !isPositiveInteger(line.quantity) || !isGroupCode(line.commissionGroupCode)) return undefined;
		ids.add(id);
		lines.push({ id, name, price: line.price, quantity: line.quantity, commissionGroupCode: line.commissionGroupCode, category, sku });
	}
	return lines;
}

function plainCustom(v: unknown): Plain | undefined {
	if (!isObject(v)) return undefined;
	const values: Plain = {};
	for (const [key, value] of Object.entries(v)) {
		const n = Number(key);
		if (!/^\d+$/.test(key) || n < ORDER_LIMITS.customKeyMin || n > ORDER_LIMITS.customKeyMax) return undefined;
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
		values[key] = String(value);
	}
	return values;
}

/** A field's check: true keeps the value as it is, another value replaces it, undefined or false refuses. */
type FieldCheck = (v: unknown) => unknown;

interface PlainField {
	check: FieldCheck;
	required: boolean;
}

interface PlainSchema {
	/** Every field the schema knows: one map lookup per key of an order. */
	fields: ReadonlyMap<string, PlainField>;
	required: ReadonlyArray<[string, FieldCheck]>;
	/**
	 * Whether an order is already as Awin takes it: only known keys, the required ones present,
	 * nothing blank, nothing to convert. The usual case, so it is written out field by field: direct
	 * reads cost a fraction of the table's map lookups and calls, on every order of a large run.
	 */
	asGiven(order: Plain): boolean;
}

const plainSchema = (
	required: Record<string, FieldCheck>,
	optional: Record<string, FieldCheck>,
	asGiven: (order: Plain) => boolean,
): PlainSchema => ({
	fields: new Map([
		...Object.entries(required).map(([key, check]): [string, PlainField] => [key, { check, required: true }]),
		...Object.entries(optional).map(([key, check]): [string, PlainField] => [key, { check, required: false }]),
	]),
	required: Object.entries(required),
	asGiven,
});

/** Keys as for...in (and zod's strict check) sees them, counted without making a list. */
export function keyCount(value: object): number {
	let count = 0;
	for (const _key in value) count++;
	return count;
}

/** 1 for a field that is set: the set fields of an order given as Awin takes it are all its keys. */
const oneIfSet = (v: unknown) => (v === undefined ? 0 : 1);

const passed = (out: unknown) => out !== undefined && out !== false;

/** The order as the schema gives it: blank optional fields left out, values converted. */
function copyPlain(input: Plain, schema: PlainSchema): Plain | undefined {
	const order: Plain = {};
	for (const [key, check] of schema.required) {
		const out = check(input[key]);
		if (!passed(out)) return undefined;
		order[key] = out === true ? input[key] : out;
	}
	for (const key in input) {
		const field = schema.fields.get(key);
		if (!field) return undefined;
		if (field.required || isBlank(input[key])) continue;
		const out = field.check(input[key]);
		if (!passed(out)) return undefined;
		order[key] = out === true ? input[key] : out;
	}
	return order;
}

/**
 * A plainly valid order, or undefined. As given, it is the input itself: tens of thousands of
 * orders are not held twice.
 */
function plainOrder(input: unknown, schema: PlainSchema): Plain | undefined {
	if (!isObject(input)) return undefined;
	return schema.asGiven(input) ? input : copyPlain(input, schema);
}

const isCurrency = (v: unknown) => typeof v === 'string' && ISO_4217_CURRENCIES.has(v);
const isCustomerAcquisition = (v: unknown) => v === 'NEW' || v === 'RETURNING';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const orderReferenceText = (v: unknown) => plainText(v, ORDER_LIMITS.orderReference);
const isReference = (v: unknown) => isText(v) && v.length <= ORDER_LIMITS.orderReference;
const anyText = (v: unknown) => plainText(v);

const CONVERSION = plainSchema(
	{ orderReference: orderReferenceText, amount: isMoney, channel: anyText, currency: isCurrency, commissionGroups: plainGroups },
	{
		voucher: anyText,
		awc: anyText,
		publisherId: isPositiveInteger,
		clickTime: isUnixSeconds,
		transactionTime: isUnixSeconds,
		customerAcquisition: isCustomerAcquisition,
		custom: plainCustom,
		basket: plainBasket,
		isTest: isBoolean,
	},
	(order) => {
		// custom and basket are always copied (custom values become text, basket lines are rebuilt).
		const { orderReference, amount, channel, currency, commissionGroups } = order;
		const { voucher, awc, publisherId, clickTime, transactionTime, customerAcquisition, isTest } = order;
		return (
			isReference(orderReference) &&
			isMoney(amount) &&
			isText(channel) &&
			isCurrency(currency) &&
			plainGroups(commissionGroups) !== undefined &&
			(voucher === undefined || isText(voucher)) &&
			(awc === undefined || isText(awc)) &&
			(publisherId === undefined || isPositiveInteger(publisherId)) &&
			(clickTime === undefined || isUnixSeconds(clickTime)) &&
			(transactionTime === undefined || isUnixSeconds(transactionTime)) &&
			(customerAcquisition === undefined || isCustomerAcquisition(customerAcquisition)) &&
			(isTest === undefined || isBoolean(isTest)) &&
			5 +
				oneIfSet(voucher) +
				oneIfSet(awc) +
				oneIfSet(publisherId) +
				oneIfSet(clickTime) +
				oneIfSet(transactionTime) +
				oneIfSet(customerAcquisition) +
				oneIfSet(isTest) ===
				keyCount(order)
		);
	},
);

/** A plainly valid Conversion API order, as conversionOrderSchema would give it; else undefined. */
export function plainConversionOrder(input: unknown): ConversionOrder | undefined {
	const order = plainOrder(input, CONVERSION);
	if (!order) return undefined;
	// Attribution as the schema's refinement wants it.
	if ((order.publisherId === undefined) !== (order.clickTime === undefined)) return undefined;
	if (!order.awc && !order.voucher && order.publisherId === undefined) return undefined;
	return order as ConversionOrder;
}

const PROOF_OF_PURCHASE = plainSchema(
	{ orderReference: orderReferenceText, amount: isMoney, currency: isCurrency, transactionTime: isUnixSeconds },
	{
		[POP_COMMISSION_GROUPS_FIELD]: plainGroups,
		clickTime: isUnixSeconds,
		awc: anyText,
		clickRef: anyText,
		customerAcquisition: isCustomerAcquisition,
		isTest: isBoolean,
	},
	(order) => {
		const { orderReference, amount, currency, transactionTime, clickTime, awc, clickRef, customerAcquisition, isTest } = order;
		const commissionGroups = order[POP_COMMISSION_GROUPS_FIELD];
		return (
			isReference(orderReference) &&
			isMoney(amount) &&
			isCurrency(currency) &&
			isUnixSeconds(transactionTime) &&
			(commissionGroups === undefined || plainGroups(commissionGroups) !== undefined) &&
			(clickTime === undefined || isUnixSeconds(clickTime)) &&
			(awc === undefined || isText(awc)) &&
			(clickRef === undefined || isText(clickRef)) &&
			(customerAcquisition === undefined || isCustomerAcquisition(customerAcquisition)) &&
			(isTest === undefined || isBoolean(isTest)) &&
			4 +
				oneIfSet(commissionGroups) +
				oneIfSet(clickTime) +
				oneIfSet(awc) +
				oneIfSet(clickRef) +
				oneIfSet(customerAcquisition) +
				oneIfSet(isTest) ===
				keyCount(order)
		);
	},
);

/** A plainly valid Proof of Purchase order, as proofOfPurchaseOrderSchema would give it; else undefined. */
export function plainProofOfPurchaseOrder(input: unknown): ProofOfPurchaseOrder | undefined {
	return plainOrder(input, PROOF_OF_PURCHASE) as ProofOfPurchaseOrder | undefined;
}
