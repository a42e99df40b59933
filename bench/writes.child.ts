/**
 * One bench measurement in a fresh process: N items through one write operation, either the Awin
 * node or the minimal node, via n8n's engine against a sandbox started by bench/writes.bench.ts.
 * Prints one JSON line. Peak RSS is this process's own (getrusage), so each run needs a process.
 */

import type { IDataObject, INode } from 'n8n-workflow';

import {
	awinNode,
	nodeTypes,
	runWorkflow,
	SANDBOX_SECRETS,
	workflowOf,
} from '../test/harness/index.ts';
import { setLimitsForTests } from '../test/harness/limits.ts';
import { MinimalWriteNode } from './minimal.node.ts';

export type Operation = 'conversion' | 'proofOfPurchase' | 'validate';

const arg = (name: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? '';
const operation = arg('op') as Operation;
const n = Number(arg('n'));
const implementation = arg('impl') as 'awin' | 'minimal';
const url = arg('url');
const roomy = { limit: 100_000, windowMs: 1_000 };

// The quota must not set the pace: the bench measures the engine and the node.
setLimitsForTests({
	quotas: { bearer: roomy, conversion: roomy, proofOfPurchase: roomy },
});
nodeTypes['bench.minimalWrite'] = new MinimalWriteNode();

function item(i: number): IDataObject {
	if (operation === 'validate')
		return { action: 'approve', transaction: { transactionId: 100_000 + i } };
	if (operation === 'conversion') return conversionOrder(i);
	const base = { orderReference: `BENCH-${i}`, amount: 49.99, currency: 'GBP' };
	return {
		...base,
		transactionTime: 1762859931,
		commissionGroups: [{ code: 'DEFAULT', amount: 49.99 }],
	};
}

/** The full example order of Awin's Conversion API page: every field a shop typically sends. */
function conversionOrder(i: number): IDataObject {
	return {
		orderReference: `BENCH-${i}`,
		amount: 111,
		channel: 'aw',
		currency: 'GBP',
		voucher: '10_OFF',
		awc: `1001_1762859852_${i}`,
		customerAcquisition: 'NEW',
		commissionGroups: [{ code: 'DEFAULT', amount: 111 }],
		custom: { '1': 's2sAPI' },
		basket: [
			{
				id: '123',
				name: 'Fish',
				price: 111,
				quantity: 1,
				commissionGroupCode: 'DEFAULT',
				category: 'Food',
				sku: '111',
			},
		],
	};
}

const account = (value: string) => ({ __rl: true, mode: 'id', value });
const awinParameters = {
	conversion: {
		resource: 'conversion',
		operation: 'createOrders',
		advertiserId: '10001',
		inputMode: 'json',
	},
	proofOfPurchase: {
		resource: 'proofOfPurchase',
		operation: 'createOrders',
		publisherId: '20001',
		advertiserId: '10001',
		inputMode: 'json',
	},
	validate: {
		resource: 'transaction',
		operation: 'validate',
		advertiserId: account('10001'),
		inputMode: 'json',
	},
}[operation];
const minimalParameters = {
	conversion: {
		url: `${url}/s2s/advertiser/10001/orders`,
		kind: 'orders',
		batchSize: 1000,
		credentialType: 'awinConversionApi',
	},
	proofOfPurchase: {
		url: `${url}/publishers/20001/advertiser/10001/orders`,
		kind: 'orders',
		batchSize: 1000,
		credentialType: 'awinConversionApi',
	},
	validate: {
		url: `${url}/advertisers/10001/transactions/batch`,
		kind: 'validations',
		batchSize: 40_000,
		credentialType: 'awinApi',
	},
}[operation];

const node: INode =
	implementation === 'awin'
		? awinNode(awinParameters)
		: {
				id: 'minimal',
				name: 'Awin',
				type: 'bench.minimalWrite',
				typeVersion: 1,
				position: [400, 0],
				parameters: minimalParameters,
				credentials: {
					awinApi: { id: '1', name: 'Awin API' },
					awinConversionApi: { id: '2', name: 'Awin Conversion API' },
				},
			};

const items = Array.from({ length: n }, (_, i) => ({ json: item(i) }));
globalThis.gc?.();
const cpu = process.cpuUsage();
const mainThread = process.threadCpuUsage();
const started = performance.now();
const run = await runWorkflow(workflowOf(node), {
	credentials: {
		awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl: url },
		awinConversionApi: { apiKey: SANDBOX_SECRETS.apiKey, baseUrl: url },
	},
	start: { node: 'Start', items },
	serialize: false,
});
const used = process.cpuUsage(cpu);
const usedMain = process.threadCpuUsage(mainThread);
const wallMs = performance.now() - started;
const statuses: Record<string, number> = {};
for (const out of run.output('Awin'))
	statuses[String(out.json.status)] = (statuses[String(out.json.status)] ?? 0) + 1;
console.log(
	JSON.stringify({
		operation,
		implementation,
		n,
		status: run.status,
		error: run.error?.message,
		statuses,
		cpuUsPerItem: (used.user + used.system) / n,
		// The main thread alone: the rest is V8's helper threads (garbage collection) and libuv's.
		mainThreadUsPerItem: (usedMain.user + usedMain.system) / n,
		wallMs,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		nodeMs: run.nodes.Awin?.executionTime,
	}),
);
