/**
 * Attacks on the secrets: Awin, or something in front of it, echoes
 * the credential's key or token in its answer. Each test: the answer the sandbox gives, and the
 * assertion that no part of the secret reaches output items, the node error (message, description)
 * or the serialized execution data n8n stores and logs.
 */
import type { RunResult } from '../harness/index.ts';
import { credentialsFor, runWorkflow, SANDBOX_SECRETS, workflowOf } from '../harness/index.ts';
import { accountsWorkflow, FAST_RETRIES, items, useSandbox } from '../client/support.ts';
import { asItems, conversionNode, conversionOrder } from '../orders/setup.ts';

const sandbox = useSandbox({}, { retryPolicy: FAST_RETRIES });

const { apiKey, apiToken } = SANDBOX_SECRETS;
const continueOnFail = { onError: 'continueRegularOutput' as const };

/** No whole secret and no 8-character start of it anywhere in what n8n keeps of the run. */
function expectNoSecret(run: RunResult, secret: string): void {
	expect(run.serialized).not.toContain(secret);
	expect(run.serialized).not.toContain(secret.slice(0, 8));
	const error = run.nodes.Awin?.error;
	expect(`${error?.message ?? ''} ${error?.description ?? ''}`).not.toContain(secret.slice(0, 8));
	for (const item of run.nodes.Awin?.outputs?.[0] ?? [])
		expect(JSON.stringify(item.json)).not.toContain(secret.slice(0, 8));
}

describe('Awin echoes the secret', () => {
	test('Conversion 400 with the x-api-key in `message` and in failedOrders[].errors[].message: redacted everywhere (continue on fail)', async () => {
		sandbox.fault({
			path: /\/orders$/,
			status: 400,
			body: {
				message: `Invalid request for key ${apiKey}`,
				failedOrders: [
					{
						order: { orderReference: 'S-1' },
						errors: [{ field: 'awc', message: `awc rejected (x-api-key: ${apiKey})` }],
					},
				],
			},
		});

		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('S-1')]) },
		});

		const out = run.output('Awin');
		expect(out[0].json.status).toBe('failed');
		expect(JSON.stringify(out[0].json)).toContain('x-api-key: ***');
		expectNoSecret(run, apiKey);
	});

	test('Conversion 400 echoing the key, without continue on fail: the node error carries no secret', async () => {
		sandbox.fault({
			path: /\/orders$/,
			status: 400,
			body: {
				message: `Bad key ${apiKey}`,
				failedOrders: [{ order: { orderReference: 'S-2' }, errors: [{ message: apiKey }] }],
			},
		});

		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('S-2')]) },
		});

		expect(run.status).toBe('error');
		expectNoSecret(run, apiKey);
	});

	test('Conversion 400 echoing the key written in JSON \\u escapes: parsed, then redacted like any other echo', async () => {
		// The node checks answers for secrets as text before parsing; escapes must not slip past it.
		const escaped = [...apiKey]
			.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
			.join('');
		sandbox.fault({
			path: /\/orders$/,
			status: 400,
			headers: { 'content-type': 'application/json' },
			body: `{"message":"Bad key ${escaped}","failedOrders":[{"order":{"orderReference":"S-3"},"errors":[{"message":"key ${escaped}"}]}]}`,
		});

		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('S-3')]) },
		});

		const out = run.output('Awin');
		expect(out[0].json.status).toBe('failed');
		expect(JSON.stringify(out[0].json)).toContain('key ***');
		expectNoSecret(run, apiKey);
	});

	test('a 400 whose message puts the token across the 150-character cut of the headline: no start of it is left', async () => {
		// The token starts at character 140 of Awin's sentence, so a cut at 150 keeps its first 10.
		sandbox.fault({
			status: 400,
			body: { error: 'invalid', description: `${'x'.repeat(140)}${apiToken} was sent` },
		});

		const run = await runWorkflow(accountsWorkflow({ maxTries: 1 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});

		expect(run.nodes.Awin.error?.httpCode).toBe('400');
		expectNoSecret(run, apiToken);
	});

	test('a 500 HTML page from a proxy showing the Authorization header: redacted in the description', async () => {
		sandbox.fault({
			status: 502,
			body: `<html><body>Upstream got Authorization: Bearer ${apiToken}</body></html>`,
			times: 5,
		});

		const run = await runWorkflow(accountsWorkflow({ maxTries: 2 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});

		expect(run.nodes.Awin.error?.description).toContain('Bearer ***');
		expectNoSecret(run, apiToken);
	});

	test('a 200 read whose rows echo the token: the rows reach the output without it', async () => {
		sandbox.fault({
			status: 200,
			body: {
				userId: 1,
				accounts: [{ accountId: 1, accountName: `Shop ${apiToken}`, accountType: 'advertiser' }],
			},
		});

		const run = await runWorkflow(accountsWorkflow({ maxTries: 1 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});

		expect(run.status).toBe('success');
		expect(JSON.stringify(run.output('Awin'))).toContain('Shop ***');
		expectNoSecret(run, apiToken);
	});
});
