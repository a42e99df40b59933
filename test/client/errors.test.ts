/**
 * What a user reads when Awin (or something in front of it) refuses a call: a NodeApiError with a
 * sentence they understand, Awin's own words in the details, the HTTP code, and never the secret.
 */
import { credentialsFor, runWorkflow, SANDBOX_SECRETS } from '../harness/index.ts';
import { accountsWorkflow, FAST_RETRIES, items, transport, useSandbox } from './support.ts';

const sandbox = useSandbox({}, { retryPolicy: FAST_RETRIES });

const PROXY_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body { font-family: sans-serif; color: #333 }</style>
<script>window.trace = "abc";</script></head>
<body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response &amp; was dropped.</p>
<hr><center>nginx</center></body></html>`;

async function run(options = {}, extra = {}) {
	return await runWorkflow(accountsWorkflow({ maxTries: 1, ...options }, extra), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items: items('all') },
	});
}

describe('Awin error bodies become readable NodeApiErrors', () => {
	test('an HTML page from a proxy: its text, not its markup, with the HTTP code', async () => {
		sandbox.fault({ status: 502, body: PROXY_PAGE, times: 5 });

		const result = await run();

		const error = result.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('502');
		expect(error?.message).toBe('Awin answered 502 (server error) after 1 try');
		expect(error?.description).toBe(
			'GET /accounts: 502 Bad Gateway The upstream server returned an invalid response & was dropped. nginx ' +
				'(an HTML page, likely from a proxy or gateway between n8n and Awin)',
		);
	});

	test("Awin's {error, description}: the description in the message, both in the details", async () => {
		sandbox.fault({
			status: 400,
			body: { error: 'invalid.parameter', description: "Unknown account type 'partner'" },
		});

		const error = (await run()).nodes.Awin.error;

		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe(
			"Awin rejected the request as invalid (400): Unknown account type 'partner'",
		);
		expect(error?.description).toBe(
			"GET /accounts: invalid.parameter - Unknown account type 'partner'",
		);
	});

	test('a validation list names each field', async () => {
		sandbox.fault({
			status: 422,
			body: {
				message: 'Validation failed',
				errors: [
					{ field: 'startDate', message: 'must be before endDate' },
					{ field: 'timezone', message: 'is not supported' },
				],
			},
		});

		const error = (await run()).nodes.Awin.error;

		expect(error?.httpCode).toBe('422');
		expect(error?.message).toBe('Awin answered 422: Validation failed');
		expect(error?.description).toBe(
			'GET /accounts: Validation failed - startDate: must be before endDate; timezone: is not supported',
		);
	});

	test('a body that echoes the token never shows it, in the error or anything n8n stores', async () => {
		sandbox.fault({
			status: 403,
			body: {
				error: 'forbidden',
				description: `Token ${SANDBOX_SECRETS.apiToken} may not read this`,
			},
		});

		const result = await run({}, { onError: 'continueRegularOutput' });

		const [item] = result.output('Awin');
		expect(item.json.httpCode).toBe('403');
		expect(item.json.error).toBe(
			'Awin refused access (403): the credential cannot reach this account or API',
		);
		expect(item.json.errorDetails).toContain('Token *** may not read this');
		expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	});

	test('a server error after the last try names the tries and keeps the code, without the token', async () => {
		sandbox.fault({
			status: 500,
			body: { error: 'internal', description: 'Unexpected failure' },
			times: 5,
		});

		const result = await run({ maxTries: 2 });

		const error = result.nodes.Awin.error;
		expect(error?.httpCode).toBe('500');
		expect(error?.message).toBe('Awin answered 500 (server error) after 2 tries');
		expect(error?.description).toBe('GET /accounts: internal - Unexpected failure');
		expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	});
});

describe('describeBody (pure)', () => {
	const { describeBody } = transport;

	test.each([
		[undefined, ''],
		['', ''],
		['  Service   Unavailable \n', 'Service Unavailable'],
		[{ error: 'request.limit.exceeded', description: 'limit' }, 'request.limit.exceeded - limit'],
		[
			[{ field: 'amount', message: 'must be positive' }, { field: 'currency' }],
			'amount: must be positive; {"field":"currency"}',
		],
		[{ errors: ['first', 'second'] }, 'first; second'],
		[{ error: { message: 'nested' } }, 'nested'],
		[{ unexpected: true }, '{"unexpected":true}'],
	])('%j -> %j', (body, expected) => {
		expect(describeBody(body)).toBe(expected);
	});

	test('long bodies are cut', () => {
		expect(describeBody('x'.repeat(1_000))).toHaveLength(301);
	});
});
