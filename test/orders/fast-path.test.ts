/**
 * The fast paths of the payload checks (orders/schema.ts, the transaction validation schema) against zod, with
 * fast-check: whatever a fast path accepts, zod accepts too and gives the same value, so taking the
 * fast path never changes what is sent to Awin nor lets through what zod would refuse (zod keeps
 * every error message: the fast path only ever says "not plainly valid, ask zod"). And plainly
 * valid payloads do take the fast path, or it would save nothing.
 */
import fc from 'fast-check';

import {
	conversionOrderSchema,
	plainConversionOrder,
	plainProofOfPurchaseOrder,
	proofOfPurchaseOrderSchema,
} from '../../dist/nodes/shared/orders/schema.js';
import {
	plainValidation,
	validationSchema,
} from '../../dist/nodes/Awin/actions/transaction/validationSchema.js';

const RUNS = { numRuns: 3_000 };

/** Values near the edge of what each field takes, and plainly wrong ones. */
const anything = fc.oneof(
	fc.constant(undefined),
	fc.constant(null),
	fc.constant(''),
	fc.constant(' '),
	fc.boolean(),
	fc.double(),
	fc.integer(),
	fc.string({ maxLength: 5 }),
	fc.constant([]),
	fc.constant({}),
);
const text = (maxLength = 60) =>
	fc.oneof(fc.string({ minLength: 1, maxLength }), fc.integer(), anything);
const money = fc.oneof(
	fc.double({ min: 0, max: 1e9, noNaN: true }),
	fc.constantFrom('12.50', '1,234.50', -1, Infinity, NaN),
	anything,
);
const unixSeconds = fc.oneof(
	fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }),
	fc.constantFrom(
		999_999_999,
		10_000_000_000,
		1_762_859_931_000,
		1_762_859_931.5,
		'1762859931',
		'2025-11-11T10:00:00Z',
	),
	anything,
);
const currency = fc.oneof(
	fc.constantFrom('GBP', 'EUR', 'USD'),
	fc.constantFrom('gbp', ' GBP', 'XXX', 'GB'),
	anything,
);
const groupCode = fc.oneof(
	fc.constantFrom('DEFAULT', 'CG_1', 'A.B-2'),
	fc.constantFrom('default', 'A B', ''),
	anything,
);
const group = fc.oneof(
	fc.record({ code: groupCode, amount: money }),
	fc.record({ code: groupCode, amount: money, extra: fc.constant(1) }),
	fc.record({ code: groupCode }, { requiredKeys: [] }),
);
const groups = fc.oneof(fc.array(group, { maxLength: 3 }), anything);

const custom = fc.oneof(
	fc.dictionary(
		fc.constantFrom('1', '2', '127', '0', '128', 'x', '01'),
		fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
	),
	anything,
);
const customerAcquisition = fc.oneof(
	fc.constantFrom('NEW', 'RETURNING', 'new', 'Returning ', 'OTHER'),
	anything,
);
const isTest = fc.oneof(fc.boolean(), fc.constantFrom('true', 1), anything);
const orderReference = fc.oneof(
	fc.string({ minLength: 1, maxLength: 20 }),
	fc.constantFrom('R'.repeat(50), 'R'.repeat(51)),
	fc.integer(),
	anything,
);

/** Orders as a shop sends them: every value already in Awin's form. */
const plainGroups = fc.array(
	fc.record({
		code: fc.constantFrom('DEFAULT', 'CG_1'),
		amount: fc.double({ min: 0, max: 1e6, noNaN: true }),
	}),
	{
		minLength: 1,
		maxLength: 3,
	},
);
const plainConversion = fc.record(
	{
		orderReference: fc.oneof(fc.string({ minLength: 1, maxLength: 50 }), fc.integer({ min: 1 })),
		amount: fc.double({ min: 0, max: 1e6, noNaN: true }),
		channel: fc.constant('aw'),
		currency: fc.constantFrom('GBP', 'EUR'),
		awc: fc.string({ minLength: 1, maxLength: 40 }),
		voucher: fc.constantFrom('SUMMER10', ''),
		customerAcquisition: fc.constantFrom('NEW', 'RETURNING'),
		transactionTime: fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }),
		custom: fc.constant({ '1': 'a', '2': 3 }),
		basket: fc.constant([
			{
				id: 'A',
				name: 'Shirt',
				price: 10,
				quantity: 2,
				commissionGroupCode: 'DEFAULT',
				category: 'Tops',
				sku: 'S-1',
			},
		]),
		commissionGroups: plainGroups,
		isTest: fc.boolean(),
	},
	{ requiredKeys: ['orderReference', 'amount', 'channel', 'currency', 'awc', 'commissionGroups'] },
);
const plainPop = fc.record(
	{
		orderReference: fc.string({ minLength: 1, maxLength: 50 }),
		amount: fc.double({ min: 0, max: 1e6, noNaN: true }),
		currency: fc.constantFrom('GBP', 'EUR'),
		transactionTime: fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }),
		commissionGroups: plainGroups,
		clickRef: fc.constant('newsletter'),
		awc: fc.constant('1001_1762859852_1'),
	},
	{ requiredKeys: ['orderReference', 'amount', 'currency', 'transactionTime'] },
);
const plainValidations = fc
	.record({
		action: fc.constantFrom('approve', 'decline'),
		transaction: fc.record({
			transactionId: fc.integer({ min: 1, max: 2 ** 40 }),
			declineReason: fc.constant('returned'),
		}),
	})
	.map((v) =>
		v.action === 'approve'
			? { action: v.action, transaction: { transactionId: v.transaction.transactionId } }
			: v,
	);

/** Per field, values near the edge of what it takes and plainly wrong ones (valid ones too). */
const conversionFields: Record<string, fc.Arbitrary<unknown>> = {
	orderReference,
	amount: money,
	channel: text(),
	currency,
	voucher: text(),
	awc: text(),
	publisherId: fc.oneof(fc.integer({ min: -1, max: 99_999 }), anything),
	clickTime: unixSeconds,
	transactionTime: unixSeconds,
	customerAcquisition,
	commissionGroups: groups,
	custom,
	basket: anything,
	isTest,
	unknownField: fc.constant('x'),
	// Named like members every object inherits: still unknown fields.
	toString: fc.constant('x'),
	constructor: fc.constant('x'),
};
const popFields = {
	orderReference,
	amount: money,
	currency,
	transactionTime: unixSeconds,
	commissionGroups: groups,
	commissionGroup: groups,
	clickTime: unixSeconds,
	awc: text(),
	clickRef: text(),
	customerAcquisition,
	isTest,
	channel: fc.constant('aw'),
	hasOwnProperty: fc.constant('x'),
};
const transactionFields = {
	transactionId: fc.oneof(
		fc.integer({ min: -2, max: 1e9 }),
		fc.constantFrom('123', ' 42 ', '0', '1e3', '12a'),
		anything,
	),
	declineReason: fc.oneof(
		text(),
		fc.constantFrom(' returned ', 'r'.repeat(1_000), 'r'.repeat(1_001)),
	),
	orderRef: text(),
	extra: fc.constant(1),
};

/** A valid payload with 0 to 3 fields changed or removed: valid, nearly valid and invalid ones. */
function mutated<T extends Record<string, unknown>>(
	valid: fc.Arbitrary<T>,
	fields: Record<string, fc.Arbitrary<unknown>>,
	at?: string,
) {
	type Change = { field: string; remove: boolean; value: unknown };
	const change = fc
		.tuple(fc.constantFrom(...Object.keys(fields)), fc.boolean())
		.chain(([field, remove]): fc.Arbitrary<Change> =>
			remove
				? fc.constant({ field, remove, value: undefined })
				: fields[field].map((value) => ({ field, remove, value })),
		);
	return fc.tuple(valid, fc.array(change, { maxLength: 3 })).map(([base, changes]) => {
		const payload = structuredClone(base) as Record<string, unknown>;
		const target = (at ? payload[at] : payload) as Record<string, unknown>;
		for (const { field, remove, value } of changes) {
			if (remove) delete target[field];
			else target[field] = value;
		}
		return payload;
	});
}

const basketLine = mutated(
	fc.record({
		id: fc.constantFrom('A', 'B', 'I'.repeat(75)),
		name: fc.constant('Shirt'),
		price: fc.constant(10),
		quantity: fc.constant(2),
		commissionGroupCode: fc.constant('DEFAULT'),
		category: fc.constant('Tops'),
		sku: fc.constant('S-1'),
	}),
	{
		id: fc.oneof(fc.constantFrom('A', 'B', 'I'.repeat(75), 'I'.repeat(76)), text()),
		name: text(300),
		price: money,
		quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 1.5, '2'), anything),
		commissionGroupCode: groupCode,
		category: text(),
		sku: text(),
		extra: fc.constant('x'),
	},
);
const basket = fc.oneof(fc.array(basketLine, { maxLength: 3 }), anything);
conversionFields.basket = basket;

const conversionOrder = mutated(plainConversion, conversionFields);
const popOrder = mutated(plainPop, popFields);
/** Baskets and custom parameters get their own runs: each line has seven fields to get wrong. */
const conversionWithBasket = fc
	.tuple(plainConversion, fc.array(basketLine, { minLength: 1, maxLength: 3 }), custom)
	.map(([order, lines, values]) => ({ ...order, basket: lines, custom: values }));
const validation = fc.oneof(
	mutated(plainValidations, transactionFields, 'transaction'),
	mutated(plainValidations, {
		action: fc.oneof(
			fc.constantFrom('approve', 'decline', 'amend', 'amendTrackingParameters', 'Approve'),
			anything,
		),
		approve: fc.boolean(),
		transaction: anything,
		note: fc.constant('kept by the input item, dropped by the schema'),
	}),
);

function agrees(
	schema: { safeParse(input: unknown): { success: boolean; data?: unknown } },
	plain: (input: unknown) => unknown,
) {
	return (input: unknown) => {
		const fast = plain(input);
		if (fast === undefined) return;
		const parsed = schema.safeParse(input);
		expect(parsed.success).toBe(true);
		expect(fast).toEqual(parsed.data);
	};
}

describe('fast paths agree with zod', () => {
	test.each([
		['Conversion API order', conversionOrder, conversionOrderSchema, plainConversionOrder],
		[
			'Conversion API order with basket and custom',
			conversionWithBasket,
			conversionOrderSchema,
			plainConversionOrder,
		],
		['Proof of Purchase order', popOrder, proofOfPurchaseOrderSchema, plainProofOfPurchaseOrder],
		['validation', validation, validationSchema, plainValidation],
	] as const)(
		'%s: whatever the fast path accepts, zod accepts with the same value',
		(_what, payloads, schema, plain) => {
			let taken = 0;
			fc.assert(
				fc.property(payloads, (input) => {
					agrees(schema, plain)(input);
					if (plain(input) !== undefined) taken++;
				}),
				RUNS,
			);
			// Not vacuous: some generated payloads were plainly valid.
			expect(taken).toBeGreaterThan(0);
		},
	);

	test.each([
		['Conversion API order', plainConversion, conversionOrderSchema, plainConversionOrder],
		['Proof of Purchase order', plainPop, proofOfPurchaseOrderSchema, plainProofOfPurchaseOrder],
	] as const)('%s: plainly valid orders take the fast path', (_what, payloads, schema, plain) => {
		fc.assert(
			fc.property(payloads, (input) => {
				expect(plain(input)).toBeDefined();
				agrees(schema, plain)(input);
			}),
			{ numRuns: 500 },
		);
	});

	// Tens of thousands of orders are not held twice: one already in Awin's form is sent as it came.
	test.each([
		['Conversion API order', plainConversion, plainConversionOrder],
		['Proof of Purchase order', plainPop, plainProofOfPurchaseOrder],
	] as const)(
		"%s: an order already in Awin's form is taken as it is, not copied",
		(_what, payloads, plain) => {
			fc.assert(
				fc.property(payloads, (generated) => {
					// Custom values become text and basket lines are rebuilt; a blank voucher is left out.
					const order: Record<string, unknown> = {
						...generated,
						orderReference: String(generated.orderReference),
					};
					delete order.custom;
					delete order.basket;
					if (order.voucher === '') order.voucher = 'SUMMER10';
					expect(plain(order)).toBe(order);
					// One key more than Awin takes, and it is no longer plainly valid.
					expect(plain({ ...order, note: 'x' })).toBeUndefined();
				}),
				{ numRuns: 300 },
			);
		},
	);

	test('validation: approvals and declines by transaction ID take the fast path', () => {
		fc.assert(
			fc.property(plainValidations, (input) => {
				expect(plainValidation(input)).toBeDefined();
				agrees(validationSchema, plainValidation)(input);
			}),
			{ numRuns: 500 },
		);
	});
});
