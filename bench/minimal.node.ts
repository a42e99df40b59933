/**
 * The yardstick of the bench: the least a hand-written n8n node does to send the same items to
 * Awin. It takes each item's JSON as it is (no checks), sends calls of `batchSize` one after the
 * other with the same credential (n8n's httpRequestWithAuthentication, as n8n's rules ask), and
 * maps Awin's answer back to one output item per input item with its pairedItem.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

interface OrdersAnswer {
	batchId?: string;
	successfulOrders?: Array<{ orderReference: string; correlationId?: string }>;
}

export class MinimalWriteNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal Awin Write',
		name: 'minimalWrite',
		group: ['transform'],
		version: 1,
		description: 'bench yardstick',
		defaults: { name: 'Minimal' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awinApi' }, { name: 'awinConversionApi' }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Kind', name: 'kind', type: 'string', default: 'orders' },
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1000 },
			{
				displayName: 'Credential Type',
				name: 'credentialType',
				type: 'string',
				default: 'awinApi',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const kind = this.getNodeParameter('kind', 0) as 'orders' | 'validations';
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const send = async (body: unknown) =>
			await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				method: 'POST',
				url,
				body: body as IDataObject,
				json: true,
			});
		const output: INodeExecutionData[] = [];
		for (let start = 0; start < items.length; start += batchSize) {
			const batch = items.slice(start, start + batchSize);
			if (kind === 'validations') {
				const answer = (await send(batch.map((i) => i.json))) as IDataObject;
				batch.forEach((item, offset) => {
					const transaction = item.json.transaction as IDataObject;
					output.push({
						json: {
							status: 'submitted',
							transactionId: transaction.transactionId,
							jobId: answer.jobId,
						},
						pairedItem: { item: start + offset },
					});
				});
				continue;
			}
			const answer = (await send({ orders: batch.map((i) => i.json) })) as OrdersAnswer;
			const registered = new Map(
				(answer.successfulOrders ?? []).map((o) => [String(o.orderReference), o]),
			);
			batch.forEach((item, offset) => {
				const orderReference = String(item.json.orderReference);
				const found = registered.get(orderReference);
				output.push({
					json: {
						status: found ? 'registered' : 'failed',
						orderReference,
						batchId: answer.batchId,
						correlationId: found?.correlationId,
					},
					pairedItem: { item: start + offset },
				});
			});
		}
		return [output];
	}
}
