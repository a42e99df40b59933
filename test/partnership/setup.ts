/**
 * One sandbox per test file for the Public API (v1) operations: the token's per-minute quota is
 * shrunk to 50 calls per second on both sides, and the sandbox's burst is widened to 100 a second
 * unless a test narrows it, so a file's many calls never wait long. Partnerships start over before
 * each test.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { AwinSandbox, OutputItem } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { configurePublicBurst } from '../sandbox/routes/publicApi.ts';
import { resetPartnerships } from '../sandbox/routes/partnerships.ts';

const QUOTA = { limit: 50, windowMs: 1_000 };

export function usePublicSandbox(): { readonly sandbox: AwinSandbox } {
	const state = {} as { sandbox: AwinSandbox };
	beforeAll(async () => {
		setLimitsForTests({ quotas: { bearer: QUOTA } });
		state.sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
	});
	afterAll(async () => await state.sandbox.close());
	beforeEach(() => {
		state.sandbox.reset();
		resetPartnerships(state.sandbox);
		configurePublicBurst(state.sandbox, { limit: 100, windowMs: 1_000 });
	});
	return state;
}

export const ADVERTISER = { __rl: true, mode: 'id', value: '10001' };
export const VIEWER_ADVERTISER = { __rl: true, mode: 'id', value: '10002' };
export const PUBLISHER = { __rl: true, mode: 'id', value: '20001' };

export function runner(env: { readonly sandbox: AwinSandbox }) {
	return (
		parameters: Record<string, unknown>,
		items: Array<{ json: IDataObject }> = [{ json: {} }],
		extra = {},
	) =>
		runWorkflow(
			workflowOf(awinNode({ resource: 'partnership', ...parameters } as INodeParameters, extra)),
			{
				credentials: credentialsFor(env.sandbox),
				start: { node: 'Start', items },
			},
		);
}

/** The JSON of each output item with its paired input item. */
export const shown = (items: OutputItem[]) =>
	items.map((item) => ({ ...item.json, pairedItem: item.pairedItem }));
