import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionFields } from '../../../shared/descriptions';
import { ItemOutcomes } from '../../../shared/helpers/outcomes';
import { checkNumber, readClientSettings, readCollection } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import {
	checkItems,
	NO_RESULTS,
	recordOutcomes,
	sendCalls,
	submittedSummary,
} from './validationCalls';
import { validationFields } from './validationFields';
import { awaitValidationJobs } from './validationResults';

// Awin's own advice (help.awin.com/docs/awins-apis-overview), with the rule that makes it matter.
const TIMING_NOTICE =
	"Awin recommends validating in line with your invoices: if invoiced twice a month, by midday CET on the 15th and the last day of the month. A pending transaction is approved by itself when the programme's auto-validation period ends.";

const properties: INodeProperties[] = [
	{
		displayName: TIMING_NOTICE,
		name: 'timingNotice',
		type: 'notice',
		default: '',
	},
	accountLocator('advertiserId'),
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{
				name: 'Map Fields',
				value: 'fields',
				description: 'Choose the action and map the transaction fields below',
			},
			{
				name: 'JSON',
				value: 'json',
				description: "Each item already is { action, transaction: {...} } in Awin's field names",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Validation (JSON)',
		name: 'validationJson',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		displayOptions: { show: { inputMode: ['json'] } },
		description:
			'One batch element in Awin\'s names, e.g. {"action": "decline", "transaction": {"transactionId": 123, "declineReason": "order returned"}}',
	},
	...validationFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description:
					'With Wait for Result: how long to wait between two reads of the job. Each read counts against the 20 calls per minute.',
			},
			...requestOptionFields,
			{
				displayName: 'Wait for Result',
				name: 'waitForResult',
				type: 'boolean',
				default: false,
				description:
					"Whether to wait until Awin has processed the job and give each item Awin's own outcome (done, or failed with Awin's code)",
			},
			{
				displayName: 'Wait Timeout (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description:
					'With Wait for Result: how long to wait for Awin to finish. Items of an unfinished job stay "submitted"; read the job later with Get Validation Job.',
			},
		],
	},
];

interface ValidateOptions {
	waitForResult?: boolean;
	pollIntervalSeconds?: number;
	maxWaitSeconds?: number;
}

export const validate: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['validate'] } },
		properties,
	),

	async execute(items) {
		const outcomes = new ItemOutcomes(this, items.length);
		const options = readCollection(this, 'options', 'Options', 0) as ValidateOptions;
		const node = this.getNode();
		// A negative or zero interval would poll without pause, burning the quota past the time limit.
		const poll = { min: 0.01, max: 3_600 };
		checkNumber(node, 0, 'Poll Interval (Seconds)', options.pollIntervalSeconds, poll);
		checkNumber(node, 0, 'Wait Timeout (Seconds)', options.maxWaitSeconds, { min: 1, max: 86_400 });

		// 1. Every item checked before anything is sent.
		const { calls, warnings } = checkItems(this, items, outcomes);
		outcomes.throwIfFailed(
			'Nothing was sent to Awin. Fix the items, or turn on Continue On Fail to send the valid ones.',
		);

		// 2. One call per advertiser and 40,000 actions, in input order; tracking parameters apart.
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const waiting = options.waitForResult === true;
		const { sent, stopped } = await sendCalls(this, client, calls, warnings, outcomes, waiting);

		// 3. When waiting: Awin's own result for each sent item ("submitted" when a later call failed).
		if (waiting) {
			const results = stopped
				? NO_RESULTS
				: await awaitValidationJobs(this, client, sent, {
						intervalMs: (options.pollIntervalSeconds ?? 30) * 1000,
						timeoutMs: (options.maxWaitSeconds ?? 600) * 1000,
					});
			recordOutcomes(sent, results, warnings, outcomes);
		}
		return outcomes.finish(submittedSummary(sent));
	},
};
