/**
 * Conversion API and Proof of Purchase order endpoints. Each order is checked
 * the way Awin describes it, independently of the node's own schemas, and answered in the Conversion API page's
 * shape: { message, batchId, successfulOrders: [order + advertiserId + correlationId],
 * failedOrders: [{ order, errors: [{ field, message }] }] }.
 *
 * Answers:
 * - Conversion API: 200 all registered, 206 some failed, 400 all failed / malformed / over 1000.
 * - Proof of Purchase: 200 all registered, 400 when any order is invalid (its page documents no 206;
 *   the sandbox then registers none of the batch and lists the invalid ones in failedOrders).
 * - 401 without the right x-api-key (server.ts), 429 over the quota (server.ts).
 *
 * Switches, for tests and `npm run sandbox`:
 * - Advertiser ID 10202 (SANDBOX_LATER_ADVERTISER) stands for "cannot be processed immediately":
 *   202 with a batchId when every order is valid (registered later, then the webhook fires),
 *   406 when some are invalid (nothing registered).
 * - An orderReference starting with "REJECT-" (SANDBOX_REJECT_PREFIX) is refused by "Awin" although
 *   it is well formed, like an order Awin cannot match: field orderReference.
 * - Conversion API: when the body has webhook.url, the notifier (the Conversion API page's "Webhook notifier
 *   example") is POSTed there with fetch after the answer; see webhookDeliveries(sandbox).
 */
import { randomUUID } from 'node:crypto';

import type { AwinSandbox, RouteFactory, SandboxResponse } from '../server.ts';

export const SANDBOX_LATER_ADVERTISER = '10202';
export const SANDBOX_REJECT_PREFIX = 'REJECT-';
export const MAX_ORDERS_PER_CALL = 1000;

type Order = Record<string, unknown>;
interface FieldError {
	field: string;
	message: string;
}

export interface WebhookDelivery {
	url: string;
	body: WebhookNotification;
	status?: number;
	error?: string;
}

export interface WebhookNotification {
	batchId: string;
	successfulOrders: Array<{ orderReference: unknown; correlationId: string }>;
	pendingOrders: Array<{ orderReference: unknown; correlationId: string }>;
	failedOrders: Array<{
		orderReference: unknown;
		correlationId: string;
		code: string;
		message: string;
	}>;
	timestamp: number;
}

const deliveries = new WeakMap<AwinSandbox, WebhookDelivery[]>();

/** Notifier POSTs the sandbox made (or tried), oldest first. */
export function webhookDeliveries(sandbox: AwinSandbox): WebhookDelivery[] {
	let list = deliveries.get(sandbox);
	if (!list) deliveries.set(sandbox, (list = []));
	return list;
}

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
const isUnixSeconds = (v: unknown) => Number.isInteger(v) && String(v).length === 10;
const GROUP_CODE = /^[A-Z0-9_.-]+$/;

function required(order: Order, field: string, errors: FieldError[]): boolean {
	if (order[field] === undefined || order[field] === null || order[field] === '') {
		errors.push({ field, message: `Property '${field}' is required` });
		return false;
	}
	return true;
}

function checkType(
	order: Order,
	field: string,
	ok: (v: unknown) => boolean,
	type: string,
	errors: FieldError[],
): void {
	if (order[field] !== undefined && !ok(order[field])) {
		errors.push({ field, message: `Property '${field}' must be of type '${type}'` });
	}
}

function checkGroups(groups: unknown, field: string, errors: FieldError[]): void {
	if (!Array.isArray(groups) || groups.length === 0) {
		errors.push({ field, message: `Property '${field}' must be a non-empty array` });
		return;
	}
	groups.forEach((group: Order, i) => {
		if (typeof group?.code !== 'string' || !GROUP_CODE.test(group.code)) {
			errors.push({ field: `${field}[${i}].code`, message: 'Invalid commission group code' });
		}
		if (!isNumber(group?.amount))
			errors.push({
				field: `${field}[${i}].amount`,
				message: "Property 'amount' must be of type 'number'",
			});
	});
}

function checkCommon(order: Order, errors: FieldError[]): void {
	if (required(order, 'orderReference', errors))
		checkType(order, 'orderReference', (v) => typeof v === 'string', 'string', errors);
	if (required(order, 'amount', errors)) checkType(order, 'amount', isNumber, 'number', errors);
	if (required(order, 'currency', errors) && !/^[A-Z]{3}$/.test(String(order.currency))) {
		errors.push({ field: 'currency', message: 'Invalid ISO currency code' });
	}
	checkType(order, 'clickTime', isUnixSeconds, 'unix timestamp (seconds, length 10)', errors);
	checkType(order, 'transactionTime', isUnixSeconds, 'unix timestamp (seconds, length 10)', errors);
	if (
		order.customerAcquisition !== undefined &&
		!['NEW', 'RETURNING'].includes(String(order.customerAcquisition))
	) {
		errors.push({ field: 'customerAcquisition', message: 'Accepted values are NEW and RETURNING' });
	}
	if (
		typeof order.orderReference === 'string' &&
		order.orderReference.startsWith(SANDBOX_REJECT_PREFIX)
	) {
		errors.push({
			field: 'orderReference',
			message: 'Sandbox: this order is refused (orderReference starts with REJECT-)',
		});
	}
}

function conversionErrors(order: Order): FieldError[] {
	const errors: FieldError[] = [];
	checkCommon(order, errors);
	if (required(order, 'channel', errors)) checkType(order, 'channel', isText, 'string', errors);
	if (required(order, 'commissionGroups', errors))
		checkGroups(order.commissionGroups, 'commissionGroups', errors);
	const byClick = order.publisherId !== undefined && order.clickTime !== undefined;
	if (!isText(order.awc) && !isText(order.voucher) && !byClick) {
		errors.push({
			field: 'awc',
			message: 'One of awc, voucher or publisherId with clickTime is required',
		});
	}
	if (order.custom !== undefined) {
		for (const key of Object.keys(order.custom as Order)) {
			if (!/^\d+$/.test(key) || Number(key) < 1 || Number(key) > 127)
				errors.push({ field: `custom.${key}`, message: 'Custom keys are numbers up to 127' });
		}
	}
	if (order.basket !== undefined) {
		if (!Array.isArray(order.basket))
			errors.push({ field: 'basket', message: "Property 'basket' must be of type 'array'" });
		else {
			order.basket.forEach((line: Order, i) => {
				for (const field of ['id', 'name', 'commissionGroupCode', 'category', 'sku']) {
					if (!isText(line?.[field]))
						errors.push({
							field: `basket[${i}].${field}`,
							message: `Property '${field}' is required`,
						});
				}
				if (!isNumber(line?.price))
					errors.push({
						field: `basket[${i}].price`,
						message: "Property 'price' must be of type 'number'",
					});
				if (!Number.isInteger(line?.quantity))
					errors.push({
						field: `basket[${i}].quantity`,
						message: "Property 'quantity' must be of type 'integer'",
					});
			});
		}
	}
	return errors;
}

function proofOfPurchaseErrors(order: Order): FieldError[] {
	const errors: FieldError[] = [];
	checkCommon(order, errors);
	required(order, 'transactionTime', errors);
	// Awin's example spells commissionGroup, its table commissionGroups: the sandbox takes both.
	for (const field of ['commissionGroups', 'commissionGroup']) {
		if (order[field] !== undefined) checkGroups(order[field], field, errors);
	}
	for (const field of ['channel', 'basket', 'voucher', 'custom', 'publisherId']) {
		if (order[field] !== undefined)
			errors.push({ field, message: `Property '${field}' is not allowed` });
	}
	return errors;
}

interface Processed {
	batchId: string;
	successful: Order[];
	failed: Array<{ order: Order; errors: FieldError[] }>;
}

function processOrders(
	orders: Order[],
	advertiserId: string,
	check: (order: Order) => FieldError[],
): Processed {
	const batchId = `${advertiserId}-${Math.floor(Date.now() / 1000)}-${randomUUID()}`;
	const successful: Order[] = [];
	const failed: Processed['failed'] = [];
	for (const input of orders) {
		const order: Order = {
			isTest: false,
			...input,
			advertiserId: Number(advertiserId),
			correlationId: randomUUID(),
		};
		// Awin: "It truncates at 50 characters."
		if (typeof order.orderReference === 'string')
			order.orderReference = order.orderReference.slice(0, 50);
		const errors = check(input ?? {});
		if (errors.length > 0) failed.push({ order, errors });
		else successful.push(order);
	}
	return { batchId, successful, failed };
}

/** Checks shared by both endpoints: path ids, body shape, the 1000 limit. */
function malformed(params: Record<string, string>, body: unknown): SandboxResponse | undefined {
	for (const [name, value] of Object.entries(params)) {
		if (!/^\d+$/.test(value))
			return {
				status: 400,
				body: { message: `Bad Request: Invalid or missing ${name} in request path` },
			};
	}
	const orders = (body as { orders?: unknown } | undefined)?.orders;
	if (!body || typeof body !== 'object' || !Array.isArray(orders)) {
		return {
			status: 400,
			body: { message: 'Bad Request: the payload is malformed, expected {"orders": [...]}' },
		};
	}
	if (orders.length === 0)
		return { status: 400, body: { message: 'Bad Request: no orders in the request' } };
	if (orders.length > MAX_ORDERS_PER_CALL) {
		return {
			status: 400,
			body: {
				message: `Bad Request: more than ${MAX_ORDERS_PER_CALL} orders in the request (${orders.length})`,
			},
		};
	}
	return undefined;
}

function notify(sandbox: AwinSandbox, url: string, processed: Processed, delayMs: number): void {
	const body: WebhookNotification = {
		batchId: processed.batchId,
		successfulOrders: processed.successful.map((o) => ({
			orderReference: o.orderReference,
			correlationId: String(o.correlationId),
		})),
		pendingOrders: [],
		failedOrders: processed.failed.map(({ order, errors }) => ({
			orderReference: order.orderReference,
			correlationId: String(order.correlationId),
			code: 'VAL_INVALID_ORDER',
			message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
		})),
		timestamp: Math.floor(Date.now() / 1000),
	};
	const delivery: WebhookDelivery = { url, body };
	webhookDeliveries(sandbox).push(delivery);
	setTimeout(() => {
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		})
			.then((response) => (delivery.status = response.status))
			.catch((error: Error) => (delivery.error = error.message));
	}, delayMs);
}

export const orderRoutes: RouteFactory = (sandbox) => [
	{
		method: 'POST',
		path: '/s2s/advertiser/:advertiserId/orders',
		auth: 'apiKey',
		quota: 'conversion',
		handle(request) {
			const bad = malformed(request.params, request.body);
			if (bad) return bad;
			const { advertiserId } = request.params;
			const body = request.body as { orders: Order[]; webhook?: { url?: string } };
			const processed = processOrders(body.orders, advertiserId, conversionErrors);
			const later = advertiserId === SANDBOX_LATER_ADVERTISER;
			const failedOrders = processed.failed;

			let status: number;
			let successfulOrders = processed.successful;
			if (later) {
				// Not processed now: nothing is registered in this answer.
				status = failedOrders.length === 0 ? 202 : 406;
				successfulOrders = [];
				if (status === 406) processed.successful = [];
			} else {
				status = failedOrders.length === 0 ? 200 : processed.successful.length === 0 ? 400 : 206;
			}
			if (body.webhook?.url && status !== 406)
				notify(sandbox, body.webhook.url, processed, later ? 50 : 5);
			return {
				status,
				body: {
					message: status === 202 ? 'Accepted' : '',
					batchId: processed.batchId,
					successfulOrders,
					failedOrders,
				},
			};
		},
	},
	{
		method: 'POST',
		path: '/publishers/:publisherId/advertiser/:advertiserId/orders',
		auth: 'apiKey',
		quota: 'proofOfPurchase',
		handle(request) {
			const bad = malformed(request.params, request.body);
			if (bad) return bad;
			const processed = processOrders(
				(request.body as { orders: Order[] }).orders,
				request.params.advertiserId,
				proofOfPurchaseErrors,
			);
			if (processed.failed.length > 0) {
				return {
					status: 400,
					body: {
						message: 'Invalid Payload: Some objects in the request are invalid',
						batchId: processed.batchId,
						successfulOrders: [],
						failedOrders: processed.failed,
					},
				};
			}
			return {
				status: 200,
				body: {
					message: '',
					batchId: processed.batchId,
					successfulOrders: processed.successful,
					failedOrders: [],
				},
			};
		},
	},
];
