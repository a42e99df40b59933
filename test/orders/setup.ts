/** What the order tests share: the built limits module, node builders and orders. */
import path from 'node:path';

import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { awinNode, PACKAGE_ROOT } from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';

type Limits = typeof import('../../nodes/shared/limits');

/** The limits module the built node uses (same module registry as the harness). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const limits = require(path.join(PACKAGE_ROOT, 'dist/nodes/shared/limits.js')) as Limits;

/** Quotas shrunk in both the client and the sandbox, so a test file never waits a minute. */
export const TEST_QUOTAS = { conversion: { limit: 20, windowMs: 1_000 } };

/** Order tests' limits: a one-second Conversion quota and short waits. */
export const TEST_LIMITS = {
	quotas: TEST_QUOTAS,
	retryPolicy: { backoffBaseMs: 20, backoffMaxMs: 50, rateLimitWaitMs: 1_500 },
};

export function shrinkLimits(): void {
	setLimitsForTests(structuredClone(TEST_LIMITS));
}

/** The example request body of Awin's Conversion API page, its first order. */
export const SEED_003_ORDER = {
	orderReference: '#1100011',
	amount: 111,
	channel: 'aw',
	currency: 'GBP',
	voucher: '10_OFF',
	awc: '1001_xxx_xxx',
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

/** A small valid Conversion API order. */
export function conversionOrder(orderReference: string, overrides: IDataObject = {}): IDataObject {
	return {
		orderReference,
		amount: 20,
		channel: 'aw',
		currency: 'GBP',
		awc: '1001_1762859852_abc',
		commissionGroups: [{ code: 'DEFAULT', amount: 20 }],
		...overrides,
	};
}

/** A small valid Proof of Purchase order. */
export function proofOfPurchaseOrder(
	orderReference: string,
	overrides: IDataObject = {},
): IDataObject {
	return {
		orderReference,
		amount: 123.45,
		currency: 'EUR',
		transactionTime: 1762859931,
		...overrides,
	};
}

export function conversionNode(
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	return awinNode(
		{
			resource: 'conversion',
			operation: 'createOrders',
			advertiserId: '10001',
			inputMode: 'json',
			options: {},
			...parameters,
		},
		extra,
	);
}

export function proofOfPurchaseNode(
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	return awinNode(
		{
			resource: 'proofOfPurchase',
			operation: 'createOrders',
			publisherId: '20001',
			advertiserId: '10001',
			inputMode: 'json',
			options: {},
			...parameters,
		},
		extra,
	);
}

export const asItems = (orders: IDataObject[]): INodeExecutionData[] =>
	orders.map((json) => ({ json }));

/** Orders of every call the sandbox received at a path, flattened. */
export function ordersSent(requests: Array<{ body: unknown }>): IDataObject[] {
	return requests.flatMap((r) => (r.body as { orders: IDataObject[] }).orders);
}
