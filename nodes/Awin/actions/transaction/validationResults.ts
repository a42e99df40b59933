import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Validation } from './validationSchema';
import type { AwinClient } from '../../../shared/transport';
import type { FailedTransaction, ValidationJob } from './validationJobs';
import {
	ALREADY_IN_STATE_STATUS,
	awinCodeStatus,
	jobState,
	readValidationJob,
	transactionKeys,
} from './validationJobs';

/** One batch POST that Awin accepted: its validations and, side by side, the input items they came from. */
export interface SentBatch {
	advertiserId: string;
	itemIndexes: number[];
	payloads: Validation[];
	/** Awin's answer to the POST, kept for a notice when it carried no job id. */
	answer: unknown;
	jobId?: string;
}

/** What Awin's job says about one item: the output fields, and an error when it failed. */
export interface ItemResult {
	json: IDataObject;
	error?: NodeOperationError;
}

const WHAT_CODES_MEAN =
	'404: Awin found no such transaction (check the ID, or the order reference, date and timezone). 422: the transaction cannot change in its current state (e.g. it is already approved or declined, or no longer pending for an amendment).';

/**
 * Reads each job (`?output=errors`, through the shared client, so the reads spend the same quota)
 * until Awin says it is done, or until `timeoutMs` has passed; then gives every sent item its own
 * result, keyed by item index. Items of a job that did not finish keep status "submitted".
 */
export async function awaitValidationJobs(
	ctx: IExecuteFunctions,
	client: AwinClient,
	batches: Array<SentBatch>,
	{ intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<Map<number, ItemResult>> {
	const signal = ctx.getExecutionCancelSignal();
	const results = new Map<number, ItemResult>();
	const lastSeen = new Map<SentBatch, ValidationJob>();
	const setAll = (batch: SentBatch, result: ItemResult) => {
		for (const itemIndex of batch.itemIndexes) results.set(itemIndex, result);
	};

	let pending = batches.filter((batch) => batch.jobId !== undefined);
	const deadline = Date.now() + timeoutMs;
	while (pending.length > 0 && Date.now() < deadline) {
		try {
			await sleep(Math.max(0, Math.min(intervalMs, deadline - Date.now())), signal);
		} catch {
			throw new NodeOperationError(
				ctx.getNode(),
				"The execution was cancelled while waiting for Awin's validation job",
			);
		}
		const running: Array<SentBatch> = [];
		for (const batch of pending) {
			const jobId = batch.jobId as string;
			try {
				const job = await readValidationJob(
					client,
					batch.advertiserId,
					jobId,
					'errors',
					batch.itemIndexes[0],
				);
				lastSeen.set(batch, job);
				const state = jobState(job.status);
				if (state === 'running') running.push(batch);
				else if (state === 'done')
					itemResults(ctx, batch, job).forEach((result, i) => results.set(i, result));
				else {
					setAll(batch, {
						json: { status: 'failed', jobStatus: job.status ?? null },
						error: new NodeOperationError(
							ctx.getNode(),
							`Awin's validation job ${jobId} ended with status ${String(job.status)}`,
							{
								description: `Advertiser ${batch.advertiserId}. Read the job with Transaction > Get Validation Job for details.`,
							},
						),
					});
				}
			} catch (error) {
				// Sent and accepted: the result is unknown, not failed.
				setAll(batch, {
					json: {
						status: 'submitted',
						notice: `Could not read Awin's job ${jobId}: ${(error as Error).message}. Read it later with Transaction > Get Validation Job.`,
					},
				});
			}
		}
		pending = running;
	}

	for (const batch of pending) {
		setAll(batch, {
			json: {
				status: 'submitted',
				jobStatus: lastSeen.get(batch)?.status ?? null,
				waitTimedOut: true,
				notice: `Awin had not finished job ${batch.jobId} after ${Math.round(timeoutMs / 100) / 10} s. The actions were submitted; read the job later with Transaction > Get Validation Job.`,
			},
		});
	}
	return results;
}

/** Maps a finished job's failedTransactions back to the items, by transaction ID or by order reference + date. */
function itemResults(
	ctx: IExecuteFunctions,
	batch: SentBatch,
	job: ValidationJob,
): Map<number, ItemResult> {
	const itemsByKey = new Map<string, number[]>();
	batch.itemIndexes.forEach((itemIndex, k) => {
		const key = transactionKeys(batch.payloads[k].transaction)[0];
		const items = itemsByKey.get(key);
		if (items) items.push(itemIndex);
		else itemsByKey.set(key, [itemIndex]);
	});
	const failureOf = new Map<number, FailedTransaction>();
	let unmatched = 0;
	for (const failure of job.failedTransactions ?? []) {
		const items = transactionKeys(failure).flatMap((key) => itemsByKey.get(key) ?? []);
		if (items.length === 0) unmatched++;
		for (const itemIndex of items) failureOf.set(itemIndex, failure);
	}

	const results = new Map<number, ItemResult>();
	for (let k = 0; k < batch.itemIndexes.length; k++) {
		const itemIndex = batch.itemIndexes[k];
		const failure = failureOf.get(itemIndex);
		const jobStatus = job.status ?? null;
		if (!failure) {
			results.set(
				itemIndex,
				unmatched === 0
					? { json: { status: 'done', jobStatus } }
					: {
							json: {
								status: 'submitted',
								jobStatus,
								notice: `Awin's job ${batch.jobId} lists ${unmatched} failed transaction${unmatched === 1 ? '' : 's'} that match no item by transaction ID or order reference + date; this item may be one of them. Read the job with Transaction > Get Validation Job (output: all).`,
							},
						},
			);
			continue;
		}
		const awin = { awinCode: failure.code ?? null, awinDescription: failure.description ?? null };
		if (awinCodeStatus(failure.code) === ALREADY_IN_STATE_STATUS) {
			results.set(itemIndex, {
				json: { status: 'done', jobStatus, alreadyInState: true, ...awin },
			});
			continue;
		}
		const { action, transaction } = batch.payloads[k];
		const which =
			transaction.transactionId ??
			`with order reference ${transaction.orderRef} of ${transaction.transactionDate}`;
		results.set(itemIndex, {
			json: { status: 'failed', jobStatus, ...awin },
			error: new NodeOperationError(
				ctx.getNode(),
				`Awin could not ${action === 'amendTrackingParameters' ? 'amend the tracking parameters of' : action} transaction ${which}: ${[failure.code, failure.description].filter(Boolean).join(' ')}`,
				{
					itemIndex: itemIndex,
					description: `Job ${batch.jobId} of advertiser ${batch.advertiserId}. ${WHAT_CODES_MEAN}`,
				},
			),
		});
	}
	return results;
}
