import type { IDataObject, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionFields } from '../../../shared/descriptions';
import { chunk } from '../../../shared/helpers/batch';
import { ItemOutcomes, toNodeError } from '../../../shared/helpers/outcomes';
import {
	InvalidPayload,
	readAccountId,
	readClientSettings,
	readCollection,
	readPayloadValue,
	validatePayload,
} from '../../../shared/params';
import { anObject, createAwinClient, objectWithList } from '../../../shared/transport';
import { MAX_PER_CALL } from '../../../shared/limits';
import type { AwinOperation } from '../types';
import type { BatchLinkResponse, LinkRequest } from './linkBuilder';
import {
	buildLinkRequest,
	linkFailure,
	linkRequestSchema,
	matchBatchResponses,
} from './linkBuilder';
import { checkLinkTexts, clickParametersField } from './linkFields';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	{
		displayName: 'Advertiser ID',
		name: 'advertiserId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 1001',
		description:
			'The advertiser the link points to, usually an expression reading it from the item',
	},
	{
		displayName: 'Destination URL',
		name: 'destinationUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://www.example.com/product/123',
		description:
			"The advertiser's page the link lands on (deep link); empty for the advertiser's default landing page",
	},
	clickParametersField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Input Fields',
				name: 'includeInputFields',
				type: 'boolean',
				default: false,
				description:
					"Whether to keep the input item's fields in the output, with the link fields added",
			},
			...requestOptionFields,
			{
				displayName: 'Short Links',
				name: 'shorten',
				type: 'boolean',
				default: false,
				description:
					'Whether to also get a short link (shortUrl). Awin makes short links one at a time only, so this costs one call per item of the 20 calls per minute (100 items take about 5 minutes) instead of one call per 100 items.',
			},
		],
	},
];

interface Entry {
	itemIndex: number;
	publisherId: string;
	request: LinkRequest;
}

interface LinkAnswer {
	url?: string;
	shortUrl?: string;
}

interface LinkOptions {
	includeInputFields?: boolean;
	shorten?: boolean;
}

export const generate: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['link'], operation: ['generate'] } },
		properties,
	),

	async execute(items) {
		const options = readCollection(this, 'options', 'Options', 0) as LinkOptions;
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const outcomes = new ItemOutcomes(this, items.length);

		const base = (itemIndex: number, request?: LinkRequest): IDataObject => ({
			...(options.includeInputFields ? items[itemIndex].json : {}),
			...(request ?? {}),
		});
		const succeed = (entry: Entry, answer: LinkAnswer | undefined) => {
			if (!answer?.url) {
				return fail(entry, {
					message: `Awin answered without a link for advertiser ${entry.request.advertiserId}`,
					description: JSON.stringify(answer ?? null),
				});
			}
			outcomes.succeed(entry.itemIndex, {
				...base(entry.itemIndex, entry.request),
				trackingUrl: answer.url,
				...(answer.shortUrl ? { shortUrl: answer.shortUrl } : {}),
			});
		};
		const fail = (
			entry: Entry,
			why: { message: string; description: string },
			status?: number,
			body?: unknown,
		) => {
			const error = new NodeApiError(this.getNode(), (body ?? {}) as JsonObject, {
				message: why.message,
				description: why.description,
				httpCode: status === undefined ? undefined : String(status),
				itemIndex: entry.itemIndex,
			});
			outcomes.fail(entry.itemIndex, base(entry.itemIndex, entry.request), error);
		};

		// 1. Each item becomes a checked request; a bad item fails alone and is not sent.
		const entries: Entry[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const publisherId = readAccountId(this, 'publisherId', itemIndex);
				const destinationUrl = readPayloadValue(this, 'destinationUrl', itemIndex, '');
				const clickParameters = readCollection(
					this,
					'clickParameters',
					'Click Parameters',
					itemIndex,
				);
				checkLinkTexts(this.getNode(), itemIndex, destinationUrl, clickParameters);
				const advertiserId = readPayloadValue(this, 'advertiserId', itemIndex, '');
				const payload = buildLinkRequest(advertiserId, destinationUrl, clickParameters);
				const checked = validatePayload(
					this,
					linkRequestSchema,
					payload,
					itemIndex,
					'link request',
				);
				if (checked instanceof InvalidPayload) {
					outcomes.fail(itemIndex, base(itemIndex), checked.error);
					continue;
				}
				entries.push({ itemIndex, publisherId, request: checked });
			} catch (error) {
				outcomes.fail(itemIndex, base(itemIndex), toNodeError(this, error, itemIndex));
			}
		}

		// Without Continue On Fail an invalid item stops the node before anything is sent.
		outcomes.throwIfFailed('Nothing was sent to Awin.');

		// Building a link registers nothing at Awin, so every call here is safe to retry.
		if (options.shorten) {
			// 2a. Short links exist only on the single endpoint: one call per item.
			for (const entry of entries) {
				try {
					const { body } = await client.request<LinkAnswer>({
						method: 'POST',
						path: `/publishers/${entry.publisherId}/linkbuilder/generate`,
						body: { ...entry.request, shorten: true },
						idempotent: true,
						expect: anObject,
						itemIndex: entry.itemIndex,
					});
					succeed(entry, body);
				} catch (error) {
					outcomes.fail(
						entry.itemIndex,
						base(entry.itemIndex, entry.request),
						toNodeError(this, error, entry.itemIndex),
					);
				}
			}
		} else {
			// 2b. Batches of at most 100 per publisher account; each answer goes back to its item.
			const byPublisher = new Map<string, Entry[]>();
			for (const entry of entries)
				byPublisher.set(entry.publisherId, [...(byPublisher.get(entry.publisherId) ?? []), entry]);
			for (const [publisherId, publisherEntries] of byPublisher) {
				for (const batch of chunk(publisherEntries, MAX_PER_CALL.links)) {
					try {
						const { body } = await client.request<{ responses?: BatchLinkResponse[] }>({
							method: 'POST',
							path: `/publishers/${publisherId}/linkbuilder/generate-batch`,
							body: { requests: batch.map((entry) => entry.request) },
							idempotent: true,
							expect: objectWithList('responses'),
							itemIndex: batch[0].itemIndex,
						});
						const answers = matchBatchResponses(
							batch.map((entry) => entry.request),
							body.responses ?? [],
						);
						batch.forEach((entry, i) => {
							const answer = answers[i];
							if (!answer) {
								fail(entry, {
									message: `Awin's batch answer had no link for item ${entry.itemIndex}`,
									description: 'Run the item again.',
								});
							} else if (
								answer.status !== undefined &&
								(answer.status < 200 || answer.status >= 300)
							) {
								fail(
									entry,
									linkFailure(entry.request.advertiserId, answer.status, answer.body),
									answer.status,
									answer.body,
								);
							} else {
								succeed(entry, answer.body as LinkAnswer);
							}
						});
					} catch (error) {
						// The whole call failed: every item of this batch gets that error.
						for (const entry of batch) {
							outcomes.fail(
								entry.itemIndex,
								base(entry.itemIndex, entry.request),
								toNodeError(this, error, entry.itemIndex),
							);
						}
					}
				}
			}
		}

		const built = items.length - outcomes.failures.length;
		return outcomes.finish(`Links were built for ${built} of ${items.length} items.`);
	},
};
