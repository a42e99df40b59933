/**
 * One sandbox per test file, with the token quota shrunk to 20 calls per second on both sides
 * (the node's limiter in dist and the sandbox), so a file's many calls never wait a minute.
 */
import type { AwinSandbox } from '../harness/index.ts';
import { startSandbox } from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';

const QUOTA = { limit: 20, windowMs: 1_000 };

export function useSandbox(): { readonly sandbox: AwinSandbox } {
	const state = {} as { sandbox: AwinSandbox };
	beforeAll(async () => {
		setLimitsForTests({ quotas: { bearer: QUOTA } });
		state.sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
	});
	afterAll(async () => await state.sandbox.close());
	beforeEach(() => state.sandbox.reset());
	return state;
}

/** The sandbox publisher account, as the resource locator saves it when typed by ID. */
export const PUBLISHER = { __rl: true, mode: 'id', value: '20001' };
export const ADVERTISER = {
	__rl: true,
	mode: 'list',
	value: '10001',
	cachedResultName: 'Demo Shop UK (10001)',
};
