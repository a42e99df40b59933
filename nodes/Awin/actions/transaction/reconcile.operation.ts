import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DateReader } from '../../../shared/dates';
import { fetchTransactionWindows } from '../../../shared/helpers/transactions';
import { errorItem, toNodeError } from '../../../shared/helpers/outcomes';
import { AWIN_TIMEZONES } from '../../../shared/limits';
import {
	readAccount,
	readAccountId,
	readBoolean,
	readClientSettings,
	readNumber,
	readOption,
	readText,
	refuse,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinMultiOutputOperation } from '../types';
import { reconcile } from './reconcile/classify';
import { reconcileProperties } from './reconcile/description';
import { OrderReader } from './reconcile/orders';
import type { ReferenceRule } from './reconcile/references';
import { readSales } from './reconcile/sales';
import { summaryJson } from './reconcile/summary';
import { OUTPUT_INDEX, OUTPUTS } from './reconcile/types';
import type { ReconcileSettings } from './reconcile/types';
import { readPlan } from './reconcile/windows';

const option = (name: string) => `options.${name}`;

/** The settings of the whole run (the first item's: one reconciliation reads Awin once). */
function readSettings(ctx: IExecuteFunctions) {
	const flag = (name: string, label: string) => readBoolean(ctx, option(name), label, 0, true);
	const rule: ReferenceRule = {
		ignoreCase: flag('ignoreCase', 'Ignore Case'),
		ignoreLeadingHash: flag('ignoreLeadingHash', 'Ignore Leading #'),
		prefix: readText(ctx, option('prefix'), 'Prefix to Ignore', 0),
	};
	const timezone = readOption(ctx, 'timezone', 'Timezone', AWIN_TIMEZONES, 0, 'UTC');
	const number = (name: string, label: string, max: number, fallback: number, integer = true) =>
		readNumber(ctx, option(name), label, 0, { min: 0, max, integer }) ?? fallback;
	const text = (name: string, label: string, fallback: string) =>
		readText(ctx, option(name), label, 0) || fallback;
	return {
		rule,
		timezone,
		marginDays: number('marginDays', 'Margin (Days)', 31, 3),
		tolerance: number('tolerance', 'Amount Tolerance', 1e9, 0, false),
		maxResendDays: number('maxResendDays', 'Max Age to Re-Send (Days)', 365, 30),
		declineReason: text('declineReason', 'Decline Reason', 'Order refunded or cancelled'),
		amendReason: text(
			'amendReason',
			'Amend Reason',
			'Partial refund or changed amount in the shop',
		),
		channel: text('channel', 'Channel', 'aw'),
		sendTransactionTime: readBoolean(
			ctx,
			option('sendTransactionTime'),
			'Send Order Date as Transaction Time',
			0,
		),
	};
}

export const reconcileOrders: AwinMultiOutputOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['reconcile'] } },
		reconcileProperties,
	),
	outputNames: OUTPUTS.map((o) => o.displayName),

	async executeOutputs(items) {
		const account = readAccount(this, 0, ['advertiser']);
		const settings = readSettings(this);
		const dates = new DateReader(settings.timezone);
		const reader = new OrderReader(this, items, settings.rule, dates);
		const { orders } = reader;
		const failed: INodeExecutionData[] = [];
		// Every order is checked before the first call to Awin.
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			const refusal =
				advertiserId === account.id
					? reader.add(itemIndex)
					: refuse(
							this.getNode(),
							itemIndex,
							'Advertiser Account',
							advertiserId,
							`must be the same for every order (${account.id}): one reconciliation reads one account`,
						);
			if (refusal) {
				if (!this.continueOnFail()) throw refusal;
				failed.push(errorItem(this, itemIndex, refusal));
			}
		}

		const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
		const summary = outputs[OUTPUT_INDEX.summary];
		if (orders.length === 0) {
			summary.push(...failed);
			return outputs;
		}
		let first = Infinity;
		let last = -Infinity;
		for (const date of orders.date.subarray(0, orders.length)) {
			if (date < first) first = date;
			if (date > last) last = date;
		}
		const plan = readPlan(first, last, settings.marginDays, dates);
		let rows;
		try {
			const client = await createAwinClient(this, 'bearer', readClientSettings(this));
			const qs = { timezone: settings.timezone, dateType: 'transaction' };
			rows = await fetchTransactionWindows(
				client,
				`${account.path}/transactions/`,
				qs,
				plan.windows,
				undefined,
				0,
			);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this, error, 0);
			const nodeError = toNodeError(this, error, 0);
			summary.push(
				...Array.from(orders.itemIndex.subarray(0, orders.length), (itemIndex) =>
					errorItem(this, itemIndex, nodeError),
				),
				...failed,
			);
			return outputs;
		}
		const sales = readSales(rows, settings.rule);
		const run: ReconcileSettings = {
			...settings,
			now: Date.now(),
			firstOrder: plan.firstOrder,
			lastOrder: plan.lastOrder,
		};
		const result = reconcile(orders, sales, run);
		const facts = {
			advertiserId: account.id,
			timezone: settings.timezone,
			windows: plan.windows,
			orders: orders.length,
			transactions: sales.length,
		};
		result.outputs[OUTPUT_INDEX.summary].push(
			{ json: summaryJson(result.tally, facts), pairedItem: { item: 0 } },
			...failed,
		);
		return result.outputs;
	},
};
