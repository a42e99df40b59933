import type { IDataObject } from 'n8n-workflow';

import type { AwinClient, ShapeCheck } from '../../../shared/transport';
import { anObject, listOfObjects } from '../../../shared/transport';

/**
 * Awin documents that the batch POST starts an asynchronous job but not the exact answer body.
 * Everything that reads the job id is here: `{ "jobId": "5cb8..." }` (the field name of the job
 * endpoints), `{ "id": ... }`, `{ "job": { "jobId" | "id": ... } }`, or a bare string or number.
 */
export function parseJobId(body: unknown): string | undefined {
	if (typeof body === 'string' || typeof body === 'number') {
		const text = String(body).trim().replace(/^"|"$/g, '');
		return /^[\w-]+$/.test(text) ? text : undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	for (const candidate of [
		b.jobId,
		b.id,
		b.job_id,
		(b.job as IDataObject | undefined)?.jobId,
		(b.job as IDataObject | undefined)?.id,
	]) {
		if ((typeof candidate === 'string' && candidate.trim()) || typeof candidate === 'number')
			return String(candidate).trim();
	}
	return undefined;
}

/**
 * What the batch POST's answer must be: a JSON object (with or without a job id) or a bare job id.
 * A proxy's HTML page or JSON cut short is not "submitted": it is retried, then fails.
 */
export const batchAnswer: ShapeCheck = (body) =>
	parseJobId(body) === undefined ? anObject(body) : undefined;

export interface FailedTransaction {
	transactionId?: number | string | null;
	orderRef?: string | null;
	transactionDate?: string | null;
	timezone?: string | null;
	code?: string | null;
	description?: string | null;
}

export interface ValidationJob extends IDataObject {
	jobId: string;
	status?: string;
	transactions?: number;
	errors?: number;
	failedTransactions?: FailedTransaction[] | null;
	allTransactions?: IDataObject[] | null;
}

/** GET /advertisers/{id}/transactions/jobs/{jobId}?output=errors|all (a read: always retried). */
export async function readValidationJob(
	client: AwinClient,
	advertiserId: string,
	jobId: string,
	output: 'errors' | 'all',
	itemIndex?: number,
): Promise<ValidationJob> {
	const { body } = await client.request<ValidationJob>({
		method: 'GET',
		path: `/advertisers/${advertiserId}/transactions/jobs/${encodeURIComponent(jobId)}`,
		qs: { output },
		idempotent: true,
		expect: anObject,
		itemIndex,
	});
	return body;
}

/**
 * GET /advertisers/{id}/transactions/jobs: every validation job of the account. Awin documents no
 * parameter and no answer body for it; a JSON list of jobs (each as the get-one answer, without
 * its transaction lists) is what the package accepts, anything else fails naming the endpoint.
 */
export async function listValidationJobs(
	client: AwinClient,
	advertiserId: string,
	itemIndex: number,
): Promise<ValidationJob[]> {
	const { body } = await client.request<ValidationJob[]>({
		method: 'GET',
		path: `/advertisers/${advertiserId}/transactions/jobs`,
		idempotent: true,
		expect: listOfObjects,
		itemIndex,
	});
	return body;
}

/**
 * Awin shows "DONE" for a finished job and names no other status. Anything that reads like an end
 * without success (FAILED, ERROR, CANCELLED) ends the wait as failed; everything else is running.
 */
export function jobState(status: unknown): 'done' | 'failed' | 'running' {
	const text = String(status ?? '').toUpperCase();
	if (/^(DONE|COMPLETED?|FINISHED|SUCCESS)$/.test(text)) return 'done';
	if (/FAIL|ERROR|CANCEL|ABORT|REJECT/.test(text)) return 'failed';
	return 'running';
}

/** "[404 NOT_FOUND]" -> 404. */
export function awinCodeStatus(code: unknown): number | undefined {
	const match = /(\d{3})/.exec(String(code ?? ''));
	return match ? Number(match[1]) : undefined;
}

/**
 * 304: the transaction is already in the state asked for. For approve and decline (set-state
 * operations) that is the goal reached, e.g. when a refund webhook fires twice, so it counts as done.
 */
export const ALREADY_IN_STATE_STATUS = 304;

/** Keys a transaction is known by in a job's answer: its id, and its order reference + date. */
export function transactionKeys(t: FailedTransaction): string[] {
	const keys: string[] = [];
	if (
		t.transactionId !== undefined &&
		t.transactionId !== null &&
		String(t.transactionId).trim() !== ''
	) {
		keys.push(`id:${String(t.transactionId).trim()}`);
	}
	if (t.orderRef) keys.push(`ref:${t.orderRef}|${String(t.transactionDate ?? '').slice(0, 19)}`);
	return keys;
}
