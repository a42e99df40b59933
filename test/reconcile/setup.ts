import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { AwinSandbox, OutputItem, RunResult } from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import type { ShopOrderJson } from '../sandbox/shop.ts';

export const OUTPUT_KEYS = [
	'matched',
	'missingInAwin',
	'decline',
	'amend',
	'declinedAtAwin',
	'inAwinOnly',
	'summary',
];

export const ADVERTISER = { __rl: true, mode: 'id', value: '10001' };

/** Transaction > Reconcile as a user sets it up after a Set node named the order fields. */
export function reconcileNode(parameters: INodeParameters = {}, extra = {}) {
	return awinNode(
		{
			resource: 'transaction',
			operation: 'reconcile',
			advertiserId: ADVERTISER,
			shopOrderReference: '={{ $json.orderReference }}',
			shopAmount: '={{ $json.amount }}',
			shopCurrency: '={{ $json.currency }}',
			shopOrderDate: '={{ $json.orderDate }}',
			shopStatus: '={{ $json.status }}',
			shopRefundedAmount: '={{ $json.refundedAmount }}',
			resendAttribution: { awc: '={{ $json.awc }}' },
			timezone: 'Europe/London',
			...parameters,
		},
		extra,
	);
}

export async function reconcileRun(
	sandbox: AwinSandbox,
	orders: ShopOrderJson[] | Array<Record<string, unknown>>,
	parameters: INodeParameters = {},
	extra = {},
): Promise<RunResult> {
	const items: INodeExecutionData[] = orders.map((json) => ({
		json: json as INodeExecutionData['json'],
	}));
	return await runWorkflow(workflowOf(reconcileNode(parameters, extra)), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items },
		serialize: false,
	});
}

/** The node's items, output by output, by the names the node shows. */
export function byOutput(run: RunResult): Record<string, OutputItem[]> {
	return Object.fromEntries(OUTPUT_KEYS.map((key, index) => [key, run.output('Awin', index)]));
}

/** Items per output and per `output/reason`, as plantShop counts them. */
export function counted(outputs: Record<string, OutputItem[]>) {
	const perOutput: Record<string, number> = {};
	const perReason: Record<string, number> = {};
	for (const [key, items] of Object.entries(outputs)) {
		if (key === 'summary' || items.length === 0) continue;
		perOutput[key] = items.length;
		for (const item of items) {
			const reason = `${key}/${String(item.json.reason)}`;
			perReason[reason] = (perReason[reason] ?? 0) + 1;
		}
	}
	return { perOutput, perReason };
}

export function useSandbox(): { sandbox: AwinSandbox } {
	const state = {} as { sandbox: AwinSandbox };
	// Awin's 20 calls a minute would make the later tests of a file wait: tests lift it.
	beforeAll(() => setLimitsForTests({ quotas: { bearer: { limit: 1000, windowMs: 1000 } } }));
	beforeEach(async () => {
		// A sandbox per test: each plants its own shop.
		state.sandbox = await startSandbox({ quotas: { bearer: { limit: 1000, windowMs: 1000 } } });
	});
	afterEach(async () => await state.sandbox.close());
	return state;
}
