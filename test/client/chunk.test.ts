/**
 * Chunking and the element -> input item mapping (pure). ItemOutcomes gets a minimal stand-in of
 * n8n's execute context: it only asks for the node (for errors) and for Continue On Fail.
 */
import path from 'node:path';

import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type * as BatchModule from '../../nodes/shared/helpers/batch';
import type * as OutcomesModule from '../../nodes/shared/helpers/outcomes';
import { PACKAGE_ROOT } from '../harness/index.ts';
import { limits } from './support.ts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chunk } = require(
	path.join(PACKAGE_ROOT, 'dist/nodes/shared/helpers/batch.js'),
) as typeof BatchModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ItemOutcomes } = require(
	path.join(PACKAGE_ROOT, 'dist/nodes/shared/helpers/outcomes.js'),
) as typeof OutcomesModule;

const node: INode = {
	id: 'awin',
	name: 'Awin',
	type: 'n8n-nodes-awin.awin',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const context = (continueOnFail: boolean) =>
	({ getNode: () => node, continueOnFail: () => continueOnFail }) as unknown as IExecuteFunctions;

interface Order {
	orderReference: string;
}

describe('chunk', () => {
	test('2,500 orders from 2,500 items go in 3 calls of at most 1,000, in order, each keeping its item', () => {
		const entries = Array.from({ length: 2_500 }, (_, itemIndex) => ({
			itemIndex,
			payload: { orderReference: `R${itemIndex}` } as Order,
		}));

		const calls = chunk(entries, limits.MAX_PER_CALL.orders);

		expect(calls.map((c) => c.length)).toEqual([1_000, 1_000, 500]);
		expect(calls.flat()).toEqual(entries);
		for (const entry of calls.flat())
			expect(entry.payload.orderReference).toBe(`R${entry.itemIndex}`);
	});

	test('no entries make no calls; a bad size is refused', () => {
		expect(chunk([], 10)).toEqual([]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
		expect(() => chunk([1], 1.5)).toThrow(RangeError);
	});
});

describe('chunk -> calls -> ItemOutcomes round trip', () => {
	test('answers that come back per call, out of order, give one output item per input item, paired', () => {
		// Items 0..6; item 3 had no valid order and was failed before sending.
		const outcomes = new ItemOutcomes(context(true), 7);
		outcomes.fail(
			3,
			{ orderReference: 'R3' },
			new NodeOperationError(node, 'amount is missing', { itemIndex: 3 }),
		);
		const entries = [0, 1, 2, 4, 5, 6].map((itemIndex) => ({
			itemIndex,
			payload: { orderReference: `R${itemIndex}` },
		}));

		// Awin answers each call with the references it accepted and those it refused.
		const calls = chunk(entries, 4);
		expect(calls).toHaveLength(2);
		for (const call of [...calls].reverse()) {
			for (const { itemIndex, payload } of call) {
				if (payload.orderReference === 'R5') {
					outcomes.fail(
						itemIndex,
						{ ...payload },
						new NodeApiError(
							node,
							{},
							{ message: 'Awin refused order R5', httpCode: '206', itemIndex },
						),
					);
				} else {
					outcomes.succeed(itemIndex, { ...payload, status: 'accepted' });
				}
			}
		}

		const output = outcomes.finish();
		expect(output).toHaveLength(7);
		expect(output.map((o) => o.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })),
		);
		expect(output.map((o) => o.json.orderReference)).toEqual([
			'R0',
			'R1',
			'R2',
			'R3',
			'R4',
			'R5',
			'R6',
		]);
		expect(output[3].json.error).toBe('amount is missing');
		expect(output[5].json.error).toBe('Awin refused order R5');
		expect(
			output.filter((o) => o.json.error).map((o) => (o.pairedItem as { item: number }).item),
		).toEqual([3, 5]);
		expect(output[0].json.status).toBe('accepted');
	});

	test('without Continue On Fail, finish() throws the first failure, naming every failed item', () => {
		const outcomes = new ItemOutcomes(context(false), 3);
		outcomes.succeed(0, {});
		outcomes.fail(
			1,
			{},
			new NodeOperationError(node, 'bad amount', { itemIndex: 1, description: 'amount: required' }),
		);
		outcomes.fail(2, {}, new NodeOperationError(node, 'bad currency', { itemIndex: 2 }));

		let thrown: NodeOperationError | undefined;
		try {
			outcomes.finish('1 order was registered by Awin.');
		} catch (error) {
			thrown = error as NodeOperationError;
		}
		expect(thrown?.message).toBe('bad amount');
		expect(thrown?.description).toContain('amount: required');
		expect(thrown?.description).toContain('2 of 3 items failed (items 1, 2).');
		expect(thrown?.description).toContain('1 order was registered by Awin.');
		expect(thrown?.context.itemIndex).toBe(1);
	});

	test('an item left without an outcome, or given two, is a loud internal error, never a silent drop', () => {
		const missing = new ItemOutcomes(context(true), 2);
		missing.succeed(0, {});
		expect(() => missing.finish()).toThrow('item 1 got no outcome');

		const twice = new ItemOutcomes(context(true), 1);
		twice.succeed(0, {});
		expect(() => twice.succeed(0, {})).toThrow('item 0 got two outcomes');
	});
});
