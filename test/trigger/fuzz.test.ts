/**
 * Thousands of random requests (seeded, so a failure replays) against both events through n8n's
 * webhook path. Nothing may crash; a request the oracle below calls invalid is refused and
 * starts nothing; a valid one starts exactly one execution with the expected number of items.
 * The oracle restates the documented rules in the simplest terms, independently of parse.ts.
 */
import type { WebhookCall, WebhookEndpoint } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { SECRET, triggerWorkflow } from './helpers.ts';

const SEED = 0x5eed_a771;
const ROUNDS = 3000;

/** mulberry32: small, fast, good enough to vary inputs reproducibly. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	const chance = (p: number) => next() < p;
	return { next, int, pick, chance };
}
type Random = ReturnType<typeof prng>;

const GARBAGE_ALPHABET = [
	'{',
	'}',
	'[',
	']',
	'"',
	':',
	',',
	'=',
	'&',
	'%',
	'!!!',
	'a',
	'1',
	'.',
	' ',
	'\\',
	'\u0000',
	'é',
	'\ud83d',
	'null',
	'true',
	'-',
	'e',
	'+',
];
function garbage(r: Random, max = 60): string {
	return Array.from({ length: r.int(max) }, () => r.pick(GARBAGE_ALPHABET)).join('');
}
/** encodeURIComponent throws on lone surrogates; a URL carries them as U+FFFD. */
const encode = (text: string) =>
	encodeURIComponent(
		text.replace(
			/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
			'\ufffd',
		),
	);

function randomScalar(r: Random): unknown {
	return r.pick([
		() => garbage(r, 12),
		() => String(r.int(100000)),
		() => `${r.int(1000)}.${r.int(100)}`,
		() => r.int(1e6) - 5e5,
		() => r.chance(0.5),
		() => null,
		() => '!!!clickRef3!!!',
		() => '0012',
		() => '1e5',
		() => '99999999999999999999',
	])();
}

function randomValue(r: Random, depth = 0): unknown {
	if (depth > 2 || r.chance(0.6)) return randomScalar(r);
	return r.chance(0.5)
		? Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1))
		: Object.fromEntries(
				Array.from({ length: r.int(4) }, () => [garbage(r, 8) || 'k', randomValue(r, depth + 1)]),
			);
}

const MACRO = /!!![A-Za-z0-9_]*!!!/g;
const FIELDS = [
	'transactionDate',
	'transactionAmount',
	'commission',
	'merchantId',
	'clickRef',
	'clickRef2',
	'clickTime',
	'url',
	'constructor',
	'__proto__',
	'token',
];

/** A transaction id as Awin might (or might not) send it, and whether it identifies a transaction. */
function randomTransactionId(
	r: Random,
	asText: boolean,
): { value: unknown; valid: boolean } | undefined {
	const options: Array<() => unknown> = [
		() => String(100000 + r.int(1e6)),
		() => `  ${r.int(1e6)}  `,
		() => '!!!transactionId!!!',
		() => '',
		() => '   ',
		() => garbage(r, 10),
	];
	if (!asText)
		options.push(
			() => r.int(1e9),
			() => ({ id: 1 }),
			() => [String(r.int(9))],
			() => null,
			() => true,
		);
	if (r.chance(0.1)) return undefined;
	const value = r.pick(options)();
	const valid =
		(typeof value === 'string' && value.replace(MACRO, '').trim() !== '') ||
		typeof value === 'number';
	return { value, valid };
}

interface Case {
	endpoint: 'transaction' | 'batch';
	method: 'GET' | 'POST';
	query: string;
	headers: Record<string, string>;
	body?: string;
	/** Expected outcome; undefined when only the invariants apply (random garbage). */
	expect?: { status: number; items?: number } | { refused: true };
}

function tokenPart(r: Random): { query: string; headers: Record<string, string>; ok: boolean } {
	switch (r.int(10)) {
		case 0:
			return { query: '', headers: {}, ok: false };
		case 1:
			return { query: `token=${encode(garbage(r, 20))}`, headers: {}, ok: false };
		case 2:
			return { query: '', headers: { 'x-awin-token': SECRET }, ok: true };
		case 3:
			return { query: `token=${SECRET}&token=${SECRET}`, headers: {}, ok: false };
		default:
			return { query: `token=${SECRET}`, headers: {}, ok: true };
	}
}

const join = (...parts: string[]) => {
	const query = parts.filter(Boolean).join('&');
	return query ? `?${query}` : '';
};

function transactionCase(r: Random): Case {
	const token = tokenPart(r);
	const method = r.chance(0.4) ? 'GET' : 'POST';
	const id = randomTransactionId(r, method === 'GET');
	const fields: Record<string, unknown> = {};
	// defineProperty, so that a field named __proto__ is sent as a field.
	const set = (name: string, value: unknown) =>
		Object.defineProperty(fields, name, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	for (const name of FIELDS)
		if (r.chance(0.4)) set(name, method === 'GET' ? String(randomScalar(r)) : randomValue(r));
	if (r.chance(0.5))
		set('products', r.chance(0.5) ? JSON.stringify(randomValue(r)) : garbage(r, 30));
	if (r.chance(0.3))
		set('commissionGroups', method === 'GET' ? '!!!commissionGroups!!!' : randomValue(r));
	if (id) set('transactionId', id.value);
	const valid = token.ok && id?.valid === true;
	const refusedStatus = token.ok ? 400 : 401;

	if (method === 'GET') {
		delete fields.token;
		const query = Object.entries(fields)
			.map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
			.join('&');
		return {
			endpoint: 'transaction',
			method,
			query: join(token.query, query),
			headers: token.headers,
			expect: valid ? { status: 200, items: 1 } : { status: refusedStatus },
		};
	}
	const document = JSON.stringify(fields);
	const delivery = r.int(4);
	const headers = { ...token.headers };
	let body = document;
	if (delivery === 0) headers['content-type'] = 'application/json';
	if (delivery === 1) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams({ AwinTransactionPush: document }).toString();
	}
	if (delivery === 2) headers['content-type'] = 'text/plain';
	return {
		endpoint: 'transaction',
		method,
		query: join(token.query),
		headers,
		body,
		expect: valid ? { status: 200, items: 1 } : { status: refusedStatus },
	};
}

function batchCase(r: Random): Case {
	const token = tokenPart(r);
	const method = r.chance(0.1) ? 'GET' : 'POST';
	const document: Record<string, unknown> = {};
	const batchId = r.pick<unknown>([
		`b-${r.int(1e9)}`,
		r.int(1e6),
		'',
		'   ',
		null,
		{ x: 1 },
		['b'],
		undefined,
		garbage(r, 10),
	]);
	if (batchId !== undefined) document.batchId = batchId;
	let listsValid = true;
	let orders = 0;
	for (const list of ['successfulOrders', 'pendingOrders', 'failedOrders']) {
		const kind = r.int(8);
		if (kind === 0) continue;
		if (kind === 1) {
			document[list] = r.pick([null, 'none', 3, { orderReference: 'x' }]);
			if (document[list] !== null) listsValid = false;
			continue;
		}
		const entries = Array.from({ length: r.int(5) }, () =>
			r.chance(0.9)
				? {
						orderReference: r.chance(0.8) ? `#${r.int(1e6)}` : r.int(1e6),
						correlationId: garbage(r, 10),
						code: randomScalar(r),
					}
				: randomScalar(r),
		);
		if (entries.some((e) => typeof e !== 'object' || e === null || Array.isArray(e)))
			listsValid = false;
		orders += entries.length;
		document[list] = entries;
	}
	if (r.chance(0.3)) document.timestamp = randomScalar(r);
	const idValid =
		(typeof batchId === 'string' && batchId.trim() !== '') || typeof batchId === 'number';
	const valid = token.ok && method === 'POST' && idValid && listsValid;
	const refusedStatus = !token.ok ? 401 : method === 'GET' ? 405 : 400;
	return {
		endpoint: 'batch',
		method,
		query: join(token.query),
		headers: { ...token.headers, ...(r.chance(0.7) ? { 'content-type': 'application/json' } : {}) },
		body: method === 'POST' ? JSON.stringify(document) : undefined,
		expect: valid ? { status: 200, items: orders } : { status: refusedStatus },
	};
}

function garbageCase(r: Random): Case {
	const method = r.pick(['GET', 'POST'] as const);
	const contentType = r.pick([
		undefined,
		'application/json',
		'application/x-www-form-urlencoded',
		'text/plain',
		'application/xml',
		'application/octet-stream',
	]);
	const rawQuery = r.pick([
		() => garbage(r, 40),
		() => '%E0%A4%A&%%&&=&a[b]=c&transactionId',
		() => `AwinTransactionPush=${encode(garbage(r, 30))}`,
		() => 'transactionId=!!!transactionId!!!&token=',
	])();
	return {
		endpoint: r.pick(['transaction', 'batch'] as const),
		method,
		query: `?token=${SECRET}&${rawQuery}`,
		headers: contentType ? { 'content-type': contentType } : {},
		body:
			method === 'POST'
				? r.chance(0.5)
					? garbage(r, 200)
					: `AwinTransactionPush=${encode(garbage(r, 60))}`
				: undefined,
		expect: { refused: true },
	};
}

let endpoints: Record<Case['endpoint'], WebhookEndpoint>;
beforeAll(async () => {
	const options = { ignoreDuplicates: false, includeHeaders: true };
	endpoints = {
		transaction: await startWebhookEndpoint(
			triggerWorkflow({ event: 'transactionNotification', secretToken: SECRET, options }),
		),
		batch: await startWebhookEndpoint(
			triggerWorkflow({ event: 'conversionBatch', secretToken: SECRET, options }),
		),
	};
});
afterAll(async () => {
	await endpoints.transaction.close();
	await endpoints.batch.close();
});

test(`${ROUNDS} random requests: no crash, invalid ones refused and never started, valid ones started once (seed ${SEED})`, async () => {
	const r = prng(SEED);
	const tally: Record<string, number> = {};
	for (let round = 0; round < ROUNDS; round++) {
		const kind = r.int(10);
		const c = kind < 5 ? transactionCase(r) : kind < 8 ? batchCase(r) : garbageCase(r);
		const call: WebhookCall = await endpoints[c.endpoint].send(c.method, c.query, {
			headers: c.headers,
			body: c.body,
		});
		const seen = {
			round,
			status: call.status,
			body: call.body,
			started: call.started,
			items: call.items.length,
			crashed: call.crashed,
		};
		const context = `round ${round} (seed ${SEED}): ${JSON.stringify({ ...c, body: c.body?.slice(0, 300) })}`;

		const check = (ok: boolean, what: string) => {
			if (!ok) throw new Error(`${what}: ${context}\n${JSON.stringify(seen)}`);
		};

		// Invariants for every request.
		check(
			!call.crashed && [200, 400, 401, 405, 413, 422].includes(call.status),
			'crash or unexpected status',
		);
		check(
			call.started === (call.status === 200 && call.items.length > 0),
			'started without 200 and items',
		);
		check(!call.started || call.run?.status === 'success', 'execution failed');
		check(!JSON.stringify(call.items).includes(SECRET), 'secret in items');

		// The oracle.
		const expected = c.expect;
		if (expected && 'refused' in expected) {
			check(call.status !== 200, 'garbage accepted');
		} else if (expected) {
			check(call.status === expected.status, `expected ${expected.status}`);
			if (expected.items !== undefined)
				check(call.items.length === expected.items, `expected ${expected.items} items`);
		}
		tally[call.status] = (tally[call.status] ?? 0) + 1;
	}
	// The generator reaches every outcome, so the oracle is exercised on both sides.
	expect(Object.keys(tally).sort()).toEqual(['200', '400', '401', '405', '422']);
	console.log(`fuzz outcomes by status: ${JSON.stringify(tally)}`);
}, 180_000);
