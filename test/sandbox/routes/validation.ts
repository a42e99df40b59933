/**
 * Transaction validation (advertiser): the batch POST and the job endpoints.
 *
 * Deterministic outcomes, decided by the transaction's key (its transactionId, or its orderRef when
 * it is identified by order reference), read as text:
 * - ends in `304` -> failed with "[304 NOT_MODIFIED]" (already in that state)
 * - ends in `404` -> failed with "[404 NOT_FOUND]"
 * - ends in `422` -> failed with "[422 UNPROCESSABLE_ENTITY]" (cannot change in its current state)
 * - ends in `999` -> the whole job never finishes (stays IN_PROGRESS)
 * - an amendTrackingParameters element whose key ends in `400` -> the whole call is refused with 400,
 *   no job (as Awin refuses a body it cannot read; the shape of that action is contested)
 * Anything else succeeds. A job is IN_PROGRESS until its DONE_AFTER_POLLS-th read of
 * GET .../jobs/{jobId}, then DONE.
 */
import { AWIN_TIMEZONES } from '../../../nodes/shared/limits.ts';
import type { AwinSandbox, RouteFactory, SandboxResponse } from '../server.ts';

export const MAX_VALIDATIONS_PER_CALL = 40_000;
export const DONE_AFTER_POLLS = 2;

const ACTIONS = ['approve', 'decline', 'amend', 'amendTrackingParameters'];
const TIMEZONES: readonly string[] = AWIN_TIMEZONES;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

const FAILURES: Record<string, { code: string; description: string | null }> = {
	'304': { code: '[304 NOT_MODIFIED]', description: 'Transaction is already in that state' },
	'404': { code: '[404 NOT_FOUND]', description: null },
	'422': {
		code: '[422 UNPROCESSABLE_ENTITY]',
		description: 'Transaction cannot be changed in its current state',
	},
};

interface Element {
	action: string;
	approve?: boolean;
	transaction: Record<string, unknown>;
}

interface Job {
	jobId: string;
	advertiserId: string;
	elements: Element[];
	polls: number;
	neverFinishes: boolean;
	creationDate: string;
	completionDate?: string;
}

const state = new WeakMap<AwinSandbox, { next: number; jobs: Map<string, Job> }>();

function stateOf(sandbox: AwinSandbox) {
	let s = state.get(sandbox);
	if (!s) state.set(sandbox, (s = { next: 1, jobs: new Map() }));
	return s;
}

const keyOf = (t: Record<string, unknown>) => String(t.transactionId ?? t.orderRef ?? '');

const bad = (description: string): SandboxResponse => ({
	status: 400,
	body: { error: 'invalid.request', description },
});

/** Awin's documented rules for one element; the first problem, or undefined. */
function problem(element: unknown): string | undefined {
	if (!element || typeof element !== 'object' || Array.isArray(element)) return 'not an object';
	const { action, transaction } = element as Element;
	if (!ACTIONS.includes(action)) return `unknown action '${String(action)}'`;
	if (!transaction || typeof transaction !== 'object') return 'missing transaction';
	const t = transaction;
	if (t.transactionId === undefined) {
		if (typeof t.orderRef !== 'string' || !t.orderRef) return 'transactionId or orderRef required';
		if (typeof t.transactionDate !== 'string' || !DATETIME.test(t.transactionDate))
			return 'transactionDate must be yyyy-MM-ddTHH:mm:ss';
		if (!TIMEZONES.includes(String(t.timezone))) return `unknown timezone '${String(t.timezone)}'`;
	}
	if (action === 'amendTrackingParameters' && keyOf(t).endsWith('400'))
		return `transaction ${keyOf(t)}: ${action} could not be read`;
	if (action === 'decline' && !t.declineReason) return 'declineReason required';
	if (action === 'amend') {
		if (typeof t.saleAmount !== 'number') return 'saleAmount must be a number';
		if (typeof t.currency !== 'string' || !/^[A-Z]{3}$/.test(t.currency))
			return 'currency required';
	}
	if (action === 'amendTrackingParameters') {
		const params = t.customParameters as Array<{ value?: unknown }> | undefined;
		if (!Array.isArray(params) || params.length === 0) return 'customParameters required';
		if (params.some((p) => p.value === undefined || String(p.value).trim() === ''))
			return 'custom parameter values cannot be blank';
	}
	return undefined;
}

function identity(t: Record<string, unknown>) {
	return t.transactionId !== undefined
		? {
				transactionId: Number(t.transactionId),
				orderRef: null,
				transactionDate: null,
				timezone: '',
			}
		: {
				transactionId: null,
				orderRef: t.orderRef,
				transactionDate: t.transactionDate,
				timezone: t.timezone,
			};
}

function view(job: Job, output: string | undefined) {
	const done = job.completionDate !== undefined;
	const failed = job.elements
		.map((e) => ({ e, failure: FAILURES[keyOf(e.transaction).slice(-3)] }))
		.filter(({ failure }) => failure);
	return {
		jobId: job.jobId,
		status: done ? 'DONE' : 'IN_PROGRESS',
		transactions: job.elements.length,
		allTransactions:
			done && output === 'all'
				? job.elements.map((e) => ({
						...identity(e.transaction),
						action: e.action,
						code: FAILURES[keyOf(e.transaction).slice(-3)]?.code ?? null,
					}))
				: null,
		errors: done ? failed.length : null,
		failedTransactions:
			done && (output === 'errors' || output === 'all')
				? failed.map(({ e, failure }) => ({ ...identity(e.transaction), ...failure }))
				: null,
		creationDate: job.creationDate,
		completionDate: job.completionDate ?? null,
	};
}

export const validationRoutes: RouteFactory = (sandbox) => [
	{
		method: 'POST',
		path: '/advertisers/:advertiserId/transactions/batch',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const body = request.body;
			if (!Array.isArray(body)) return bad('The body must be a JSON array of transaction objects');
			if (body.length > MAX_VALIDATIONS_PER_CALL) {
				return bad(
					`A single bulk request is limited to ${MAX_VALIDATIONS_PER_CALL} transaction objects, got ${body.length}`,
				);
			}
			for (let i = 0; i < body.length; i++) {
				const issue = problem(body[i]);
				if (issue) return bad(`Element ${i}: ${issue}`);
			}
			const s = stateOf(sandbox);
			const jobId = (s.next++).toString(16).padStart(24, '0');
			s.jobs.set(jobId, {
				jobId,
				advertiserId: request.params.advertiserId,
				elements: body as Element[],
				polls: 0,
				neverFinishes: (body as Element[]).some((e) => keyOf(e.transaction).endsWith('999')),
				creationDate: new Date().toISOString().slice(0, 23),
			});
			return { status: 200, body: { jobId } };
		},
	},
	{
		method: 'GET',
		path: '/advertisers/:advertiserId/transactions/jobs',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const jobs = [...stateOf(sandbox).jobs.values()].filter(
				(j) => j.advertiserId === request.params.advertiserId,
			);
			return {
				status: 200,
				body: jobs.map((job) => ({
					...view(job, undefined),
					failedTransactions: undefined,
					allTransactions: undefined,
				})),
			};
		},
	},
	{
		method: 'GET',
		path: '/advertisers/:advertiserId/transactions/jobs/:jobId',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const job = stateOf(sandbox).jobs.get(request.params.jobId);
			if (!job || job.advertiserId !== request.params.advertiserId) {
				return {
					status: 404,
					body: { error: 'not.found', description: `No job ${request.params.jobId}` },
				};
			}
			job.polls++;
			if (!job.completionDate && !job.neverFinishes && job.polls >= DONE_AFTER_POLLS) {
				job.completionDate = new Date().toISOString().slice(0, 23);
			}
			return { status: 200, body: view(job, request.query.output) };
		},
	},
];
