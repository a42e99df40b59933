/** Unit tests of the trigger's pure parser (the built module), for the rules the README states. */
import {
	DEDUP_MEMORY,
	parseTransactionNotification,
	seenBefore,
} from '../../dist/nodes/AwinTrigger/parse.js';
import { checkToken, queryFields, sameSecret } from '../../dist/nodes/AwinTrigger/request.js';

const get = (query: Record<string, unknown>) =>
	parseTransactionNotification({ method: 'GET', headers: {}, query });

function fieldsOf(query: Record<string, unknown>) {
	const parsed = get({ transactionId: '1', ...query });
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.value.fields;
}

describe('typing of notification values', () => {
	test('amounts become numbers, also with trailing zeros', () => {
		expect(
			fieldsOf({ transactionAmount: '12.50', commission: '0.75', other: '12.50' }),
		).toMatchObject({
			transactionAmount: 12.5,
			commission: 0.75,
			// An unknown field converts only when nothing is lost: "12.50" would print as 12.5.
			other: '12.50',
		});
	});

	test('ids, click refs and codes stay text, even when they look numeric', () => {
		expect(
			fieldsOf({
				merchantId: '1001',
				affiliateId: '445566',
				groupId: '0',
				clickRef: '000731',
				clickRef6: '42',
				voucherCode: '0042',
				orderRef: '77',
			}),
		).toMatchObject({
			merchantId: '1001',
			affiliateId: '445566',
			groupId: '0',
			clickRef: '000731',
			clickRef6: '42',
			voucherCode: '0042',
			orderRef: '77',
		});
	});

	test('unknown numeric text converts only when it prints back identically', () => {
		expect(
			fieldsOf({
				a: '42',
				b: '-3.25',
				c: '0012',
				d: '1e5',
				e: '99999999999999999999',
				f: '+1',
				g: ' 7 ',
			}),
		).toMatchObject({
			a: 42,
			b: -3.25,
			c: '0012',
			d: '1e5',
			e: '99999999999999999999',
			f: '+1',
			g: 7, // blanks around a value are trimmed first
		});
	});

	test('unreplaced macros become empty, also inside text; an empty amount stays empty', () => {
		expect(
			fieldsOf({ clickRef2: '!!!clickRef2!!!', note: 'a!!!x!!!b', commission: '!!!commission!!!' }),
		).toMatchObject({
			clickRef2: '',
			note: 'ab',
			commission: '',
		});
	});

	test('commissionGroups and products: JSON text parsed, a single object becomes a list, values typed', () => {
		const fields = fieldsOf({
			commissionGroups: '{"id":"12","code":"DEFAULT"}',
			products:
				'[{"productName":"Mug","unitPrice":"9.90","quantity":"2","skuCode":"0099","cgId":"12"}]',
		});
		expect(fields.commissionGroups).toEqual([{ id: '12', code: 'DEFAULT' }]);
		expect(fields.products).toEqual([
			{ productName: 'Mug', unitPrice: 9.9, quantity: 2, skuCode: '0099', cgId: '12' },
		]);
	});

	test('a numeric transactionId in JSON becomes text; a field named __proto__ is dropped', () => {
		const parsed = parseTransactionNotification({
			method: 'POST',
			headers: {},
			body: JSON.parse('{"transactionId": 123, "__proto__": {"polluted": true}}'),
		});
		expect(parsed).toMatchObject({
			ok: true,
			value: { transactionId: '123', fields: { transactionId: '123' } },
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('query and token', () => {
	test('the token is never a field; a repeated parameter keeps its first value', () => {
		expect(queryFields({ token: 'x', transactionId: ['5', '6'], a: 'b' })).toEqual({
			transactionId: '5',
			a: 'b',
		});
	});

	test('secrets compare by content, whatever their lengths', () => {
		expect(sameSecret('abc', 'abc')).toBe(true);
		expect(sameSecret('abc', 'abcd')).toBe(false);
		expect(sameSecret('abc', '')).toBe(false);
	});

	test('token from the query or the header; missing and wrong are told apart', () => {
		const request = (query: Record<string, unknown>, headers: Record<string, string> = {}) => ({
			method: 'GET',
			headers,
			query,
		});
		expect(checkToken('', request({}))).toBeUndefined();
		expect(checkToken('s', request({ token: 's' }))).toBeUndefined();
		expect(checkToken('s', request({}, { 'x-awin-token': 's' }))).toBeUndefined();
		expect(checkToken('s', request({ token: 'bad' }, { 'x-awin-token': 's' }))).toBeUndefined();
		expect(checkToken('s', request({}))).toEqual({ status: 401, reason: 'Missing token' });
		expect(checkToken('s', request({ token: '' }))).toEqual({
			status: 401,
			reason: 'Invalid token',
		});
		expect(checkToken('s', request({ token: ['s', 's'] }))).toEqual({
			status: 401,
			reason: 'Invalid token',
		});
	});
});

test(`the duplicate memory keeps the last ${DEDUP_MEMORY} keys`, () => {
	const memory: string[] = [];
	for (let i = 0; i < DEDUP_MEMORY + 5; i++) expect(seenBefore(memory, `k${i}`)).toBe(false);
	expect(memory).toHaveLength(DEDUP_MEMORY);
	expect(seenBefore(memory, 'k4')).toBe(false); // forgotten
	expect(seenBefore(memory, `k${DEDUP_MEMORY + 4}`)).toBe(true);
});
