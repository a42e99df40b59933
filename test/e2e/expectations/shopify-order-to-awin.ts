// examples/shopify-order-to-awin.json: the Shopify order (test/orders/fixtures) runs through n8n's real
// Filter node into Awin > Conversion > Create Orders, which validates with zod inside n8n: one POST with
// the order mapped to Awin's field names, and the item comes out registered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { AwinSandbox } from '../../sandbox/server.ts';
import { outputOf } from '../n8n.ts';
import type { SavedExecution } from '../n8n.ts';

const order = JSON.parse(
	readFileSync(
		path.join(import.meta.dirname, '..', '..', 'orders', 'fixtures', 'shopify-order.json'),
		'utf8',
	),
) as { order_number: number; currency: string; subtotal_price: string; line_items: unknown[] };

export default function expect({
	execution,
	sandbox,
}: {
	execution: SavedExecution;
	sandbox: AwinSandbox;
}): void {
	const calls = sandbox.requestsTo(/^\/s2s\/advertiser\/\d+\/orders$/, 'POST');
	assert.equal(calls.length, 1);
	assert.ok(calls[0].headers['x-api-key'], 'sent with the x-api-key');
	// The order number without "#": the reference the refunds example declines by.
	const [sent] = (calls[0].body as { orders: Array<Record<string, unknown>> }).orders;
	assert.equal(sent.orderReference, String(order.order_number));
	assert.equal(sent.isTest, true, 'the example starts with Test Orders on');
	assert.equal(sent.amount, Number(order.subtotal_price));
	assert.equal(sent.currency, order.currency);
	assert.equal(sent.channel, 'aw');
	assert.match(String(sent.awc), /^1001_/);
	assert.equal((sent.basket as unknown[]).length, order.line_items.length);
	const [item] = outputOf(execution, 'Awin');
	assert.equal(item.json.status, 'registered', JSON.stringify(item.json));
	assert.equal(item.json.orderReference, String(order.order_number));
}
