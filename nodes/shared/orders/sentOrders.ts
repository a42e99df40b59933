/**
 * "Skip Orders Already Sent" (both Create Orders operations): n8n's own de-duplication store, kept
 * in n8n's database, so it holds across executions and queue-mode workers. Awin has no idempotency
 * key, so a retried shop webhook or a re-run execution would register an order twice.
 *
 * An order is recorded just before its call goes out (so a second execution meanwhile skips it),
 * and removed again unless Awin accepted it: a re-run sends exactly the orders not yet accepted.
 * An order whose fate is unknown (the connection failed after sending) stays recorded, so it is not
 * sent twice; its item fails and says to check in Awin.
 */
import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

import { SENT_ORDERS_REMEMBERED } from '../limits';

/** Per node: another node (or a Remove Duplicates node) of the workflow keeps its own records. */
const SCOPE = 'node';

const STORE: ICheckProcessedOptions = { mode: 'entries', maxEntries: SENT_ORDERS_REMEMBERED };

/**
 * What identifies an order to Awin: the endpoint (its advertiser, or publisher and advertiser)
 * and the order reference. Test orders are remembered apart, so testing never blocks the real one.
 */
export function sentOrderKey(path: string, orderReference: string, isTest: boolean): string {
	return `${isTest ? 'test:' : ''}${path}\n${orderReference}`;
}

/** Records the orders as sent; returns those that already were (to skip). */
export async function recordSentOrders(
	ctx: IExecuteFunctions,
	keys: string[],
): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	const { processed } = await ctx.helpers.checkProcessedAndRecord(keys, SCOPE, STORE);
	return new Set(processed.map(String));
}

/** Forgets orders Awin did not accept, so the next execution sends them. */
export async function forgetSentOrders(ctx: IExecuteFunctions, keys: string[]): Promise<void> {
	if (keys.length === 0) return;
	await ctx.helpers.removeProcessed(keys, SCOPE, STORE);
}
