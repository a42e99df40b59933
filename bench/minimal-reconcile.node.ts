/**
 * The yardstick of the reconcile bench: the least a hand-written node does to hold the same
 * items. It reads the same date windows of Awin's transactions with the same credential (n8n's
 * httpRequestWithAuthentication), passes each order on as it came (output 0) and each transaction
 * no order names exactly (output 1), each paired. No checks, no money, no normalisation.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class MinimalReconcileNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal Reconcile',
		name: 'minimalReconcile',
		group: ['transform'],
		version: 1,
		description: 'bench yardstick',
		defaults: { name: 'Minimal' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		credentials: [{ name: 'awinApi' }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Windows', name: 'windows', type: 'json', default: '[]' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const windows = JSON.parse(this.getNodeParameter('windows', 0) as string) as Array<{
			start: string;
			end: string;
		}>;
		const rows: IDataObject[] = [];
		for (const window of windows) {
			const qs = {
				timezone: 'Europe/London',
				dateType: 'transaction',
				startDate: window.start,
				endDate: window.end,
			};
			const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'awinApi', {
				method: 'GET',
				url,
				qs,
				json: true,
			})) as IDataObject[];
			for (const row of answer) rows.push(row);
		}
		const named = new Set(items.map((item) => String(item.json.orderReference)));
		const orders = items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
		const others = rows
			.filter((row) => !named.has(String(row.orderRef)))
			.map((json) => ({ json, pairedItem: { item: 0 } }));
		return [orders, others];
	}
}
