import { DateTime } from 'luxon';
import { z } from 'zod';

import { AWIN_DATETIME } from '../../../shared/dates';
import { AWIN_TIMEZONES } from '../../../shared/limits';
import { MAX_TEXT_LENGTH } from '../../../shared/params';
import { keyCount } from '../../../shared/orders/schema';

/**
 * One element of `POST /advertisers/{id}/transactions/batch`, in Awin's names:
 * `{ action, approve?, transaction: {...} }`. Awin's page "Validate Transactions" is the source.
 */
const VALIDATION_ACTIONS = ['approve', 'decline', 'amend', 'amendTrackingParameters'] as const;

const nonBlank = (what: string) =>
	z
		.string()
		.trim()
		.min(1, `${what} cannot be blank`)
		.max(MAX_TEXT_LENGTH, `${what} must be at most ${MAX_TEXT_LENGTH} characters`);

const transactionId = z.union(
	[z.number().int().positive(), z.string().trim().regex(/^\d+$/).transform(Number)],
	{ errorMap: () => ({ message: 'Expected an Awin transaction ID (a positive whole number)' }) },
);

const awinDateTime = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/,
		'Expected yyyy-MM-ddTHH:mm:ss without offset, e.g. 2024-05-01T14:30:00',
	)
	.refine((value) => DateTime.fromFormat(value, AWIN_DATETIME).isValid, 'Not a real date and time');

const timezone = z.enum(AWIN_TIMEZONES, {
	errorMap: () => ({ message: `Expected one of Awin's timezones: ${AWIN_TIMEZONES.join(', ')}` }),
});

/** A transaction is named by its id, or by order reference + date + timezone. */
const identity = {
	transactionId: transactionId.optional(),
	orderRef: nonBlank('orderRef').optional(),
	transactionDate: awinDateTime.optional(),
	timezone: timezone.optional(),
};

type Identity = {
	transactionId?: number;
	orderRef?: string;
	transactionDate?: string;
	timezone?: string;
};

function requireIdentity(transaction: Identity, context: z.RefinementCtx): void {
	if (transaction.transactionId !== undefined) return;
	const missing = (['orderRef', 'transactionDate', 'timezone'] as const).filter(
		(f) => transaction[f] === undefined,
	);
	if (missing.length === 3) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			message: 'Give transactionId, or orderRef + transactionDate + timezone',
		});
		return;
	}
	for (const field of missing) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: [field],
			message: `Required when the transaction is identified by orderRef (no transactionId)`,
		});
	}
}

const transactionOf = <T extends z.ZodRawShape>(shape: T) =>
	z
		.object({ ...identity, ...shape })
		.strict()
		.superRefine(requireIdentity);

const amount = z.number({ invalid_type_error: 'Expected a number' }).finite();

const transactionPartSchema = z
	.object({
		amount,
		commissionGroupCode: nonBlank('commissionGroupCode'),
	})
	.strict();

const customParameterSchema = z
	.object({
		key: z.union([z.string(), z.number()]).transform(String).pipe(nonBlank('The key')),
		// Awin: "Advertisers cannot DELETE or send blank custom parameter values."
		value: z.union([z.string(), z.number()]).transform(String).pipe(nonBlank('The value')),
	})
	.strict();

/** Top-level keys other than these are dropped (an input item may carry more than the validation). */
export const validationSchema = z.discriminatedUnion(
	'action',
	[
		z.object({ action: z.literal('approve'), transaction: transactionOf({}) }),
		z.object({
			action: z.literal('decline'),
			transaction: transactionOf({ declineReason: nonBlank('declineReason') }),
		}),
		z.object({
			action: z.literal('amend'),
			// Awin amends first and then approves when true.
			approve: z.boolean().optional(),
			transaction: transactionOf({
				amendReason: nonBlank('amendReason'),
				currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as GBP'),
				saleAmount: amount.nonnegative(),
				transactionParts: z.array(transactionPartSchema).min(1).optional(),
			}),
		}),
		z.object({
			action: z.literal('amendTrackingParameters'),
			transaction: transactionOf({
				amendReason: nonBlank('amendReason').optional(),
				customParameters: z.array(customParameterSchema).min(1, 'Give at least one key and value'),
			}),
		}),
	],
	{
		errorMap: (issue, ctx) =>
			issue.code === z.ZodIssueCode.invalid_union_discriminator
				? { message: `Expected one of ${VALIDATION_ACTIONS.join(', ')}` }
				: { message: ctx.defaultError },
	},
);

export type Validation = z.infer<typeof validationSchema>;

/**
 * Awin: "the sum of the transaction parts must be identical to the saleAmount. Otherwise, the
 * DEFAULT commissionGroup is adjusted automatically". Not an error, but the user should know.
 */
export function partsWarning(validation: Validation): string | undefined {
	if (validation.action !== 'amend' || !validation.transaction.transactionParts) return undefined;
	const { saleAmount, transactionParts } = validation.transaction;
	const sum = transactionParts.reduce((total, part) => total + part.amount, 0);
	if (Math.abs(sum - saleAmount) < 0.005) return undefined;
	return `transactionParts add up to ${round(sum)} but saleAmount is ${round(saleAmount)}: Awin will balance the difference (${round(saleAmount - sum)}) with the DEFAULT commission group`;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The fast path (as for orders in ./order.ts): an approval or decline naming its transaction by ID,
 * every value in the form Awin takes, is recognised with direct checks; anything else returns
 * undefined and goes through zod, whose messages stay. test/orders/fast-path.test.ts checks
 * with fast-check that zod gives the same value whenever this accepts.
 */
export function plainValidation(input: unknown): Validation | undefined {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
	const { action, transaction } = input as { action?: unknown; transaction?: unknown };
	if (
		(action !== 'approve' && action !== 'decline') ||
		typeof transaction !== 'object' ||
		transaction === null
	)
		return undefined;
	const given = transaction as Record<string, unknown>;
	for (const key in given)
		if (key !== 'transactionId' && (action !== 'decline' || key !== 'declineReason'))
			return undefined;
	const { transactionId, declineReason } = given;
	const id =
		typeof transactionId === 'number'
			? Number.isInteger(transactionId) && transactionId > 0
				? transactionId
				: undefined
			: typeof transactionId === 'string' && /^\d+$/.test(transactionId.trim())
				? Number(transactionId.trim())
				: undefined;
	if (id === undefined || !Number.isFinite(id)) return undefined;
	const reason = typeof declineReason === 'string' ? declineReason.trim() : '';
	if (action === 'decline' && (!reason || reason.length > MAX_TEXT_LENGTH)) return undefined;
	// Already as Awin takes it (only these keys, nothing to convert): the input itself, not a copy.
	const asGiven =
		id === transactionId &&
		reason === (declineReason ?? '') &&
		keyCount(input) === 2 &&
		!Array.isArray(transaction);
	if (asGiven) return input as Validation;
	return action === 'approve'
		? { action, transaction: { transactionId: id } }
		: { action, transaction: { transactionId: id, declineReason: reason } };
}
