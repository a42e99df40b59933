// Pure functions of the validation operation, from the built package.
import {
	jobState,
	parseJobId,
	transactionKeys,
} from '../../dist/nodes/Awin/actions/transaction/validationJobs.js';
import {
	partsWarning,
	validationSchema,
} from '../../dist/nodes/Awin/actions/transaction/validationSchema.js';

describe('parseJobId (the batch answer is undocumented)', () => {
	test.each([
		[{ jobId: '5cb8290460b59a6e7ae22d0b' }, '5cb8290460b59a6e7ae22d0b'],
		[{ jobId: 42 }, '42'],
		[{ id: 'abc-1' }, 'abc-1'],
		[{ job: { jobId: 'x1' } }, 'x1'],
		[{ job: { id: 7 } }, '7'],
		['"5cb8"', '5cb8'],
		[123, '123'],
	])('%j -> %s', (body, expected) => expect(parseJobId(body)).toBe(expected));

	test.each([[{}], [''], [null], [[{ jobId: 1 }]], ['<html>ok</html>'], [{ jobId: '' }]])(
		'%j -> none',
		(body) => expect(parseJobId(body)).toBeUndefined(),
	);
});

describe('jobState', () => {
	test.each([
		['DONE', 'done'],
		['done', 'done'],
		['COMPLETED', 'done'],
		['FAILED', 'failed'],
		['ERROR', 'failed'],
		['IN_PROGRESS', 'running'],
		['PENDING', 'running'],
		[undefined, 'running'],
	])('%s -> %s', (status, state) => expect(jobState(status)).toBe(state));
});

test('transactionKeys matches by id and by order reference + date (seconds precision)', () => {
	expect(transactionKeys({ transactionId: 5, orderRef: null })).toEqual(['id:5']);
	expect(
		transactionKeys({
			transactionId: null,
			orderRef: 'A',
			transactionDate: '2024-05-01T10:00:00.000',
		}),
	).toEqual(['ref:A|2024-05-01T10:00:00']);
});

describe('validationSchema', () => {
	test('accepts a numeric-string transaction id and sends it as a number', () => {
		expect(
			validationSchema.parse({ action: 'approve', transaction: { transactionId: '484816099' } }),
		).toEqual({
			action: 'approve',
			transaction: { transactionId: 484816099 },
		});
	});

	test('orderRef identification needs the date and timezone too', () => {
		const result = validationSchema.safeParse({
			action: 'approve',
			transaction: { orderRef: 'A' },
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
			'transaction.transactionDate',
			'transaction.timezone',
		]);
	});

	test('rejects impossible dates', () => {
		const result = validationSchema.safeParse({
			action: 'approve',
			transaction: { orderRef: 'A', transactionDate: '2024-02-30T10:00:00', timezone: 'UTC' },
		});
		expect(result.error?.issues[0].message).toBe('Not a real date and time');
	});

	test('a decline needs a reason', () => {
		const result = validationSchema.safeParse({
			action: 'decline',
			transaction: { transactionId: 1, declineReason: ' ' },
		});
		expect(result.error?.issues[0]).toMatchObject({
			path: ['transaction', 'declineReason'],
			message: 'declineReason cannot be blank',
		});
	});

	test('parts that do not add up give a warning, parts that do give none', () => {
		const amend = (parts: number[]) =>
			validationSchema.parse({
				action: 'amend',
				transaction: {
					transactionId: 1,
					amendReason: 'r',
					currency: 'EUR',
					saleAmount: 55.96,
					transactionParts: parts.map((amount) => ({ amount, commissionGroupCode: 'DEFAULT' })),
				},
			});
		expect(partsWarning(amend([44.76, 11.2]))).toBeUndefined();
		expect(partsWarning(amend([44.76]))).toBe(
			'transactionParts add up to 44.76 but saleAmount is 55.96: Awin will balance the difference (11.2) with the DEFAULT commission group',
		);
	});
});
