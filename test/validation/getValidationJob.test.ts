import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const advertiser = { __rl: true, mode: 'id', value: '10001' };

/** Submits approvals for these ids through the node and returns the job id Awin (the sandbox) gave. */
async function submit(ids: number[], account = advertiser): Promise<string> {
	const run = await runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'validate',
				advertiserId: account,
				validationAction: 'approve',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
			}),
		),
		{
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: ids.map((id) => ({ json: { id } })) },
		},
	);
	return String(run.output('Awin')[0].json.jobId);
}

const readJob = async (output: string, items: Array<{ json: object }>, continueOnFail = false) =>
	await runWorkflow(
		workflowOf(
			awinNode(
				{
					resource: 'transaction',
					operation: 'getValidationJob',
					advertiserId: advertiser,
					jobId: '={{ $json.jobId }}',
					output,
				},
				continueOnFail ? { onError: 'continueRegularOutput' } : {},
			),
		),
		{ credentials: credentialsFor(sandbox), start: { node: 'Start', items: items as never } },
	);

describe('Transaction > Get Validation Job', () => {
	test('reads a job with its failed transactions, one item per input item', async () => {
		const jobId = await submit([11, 12404]);
		// First read: still running; second: done (sandbox rule).
		const first = await readJob('errors', [{ json: { jobId } }]);
		expect(first.output('Awin')[0].json).toMatchObject({
			jobId,
			status: 'IN_PROGRESS',
			advertiserId: '10001',
		});

		const second = await readJob('errors', [{ json: { jobId } }]);
		const [job] = second.output('Awin');
		expect(job.json).toMatchObject({ jobId, status: 'DONE', transactions: 2, errors: 1 });
		expect(job.json.failedTransactions).toEqual([
			{
				transactionId: 12404,
				orderRef: null,
				transactionDate: null,
				timezone: '',
				code: '[404 NOT_FOUND]',
				description: null,
			},
		]);
		expect(job.pairedItem).toEqual({ item: 0 });
		const reads = sandbox.requestsTo(/\/transactions\/jobs\//);
		expect(reads.map((r) => [r.path, r.query.output])).toEqual([
			[`/advertisers/10001/transactions/jobs/${jobId}`, 'errors'],
			[`/advertisers/10001/transactions/jobs/${jobId}`, 'errors'],
		]);
	});

	test('output "all" lists every transaction of the job', async () => {
		const jobId = await submit([21, 22]);
		await readJob('all', [{ json: { jobId } }]);
		const run = await readJob('all', [{ json: { jobId } }]);
		expect(sandbox.requests.at(-1)?.query).toEqual({ output: 'all' });
		expect(
			(run.output('Awin')[0].json.allTransactions as Array<{ transactionId: number }>).map(
				(t) => t.transactionId,
			),
		).toEqual([21, 22]);
	});

	test('an unknown job fails its own item only, with Continue On Fail', async () => {
		const jobId = await submit([31]);
		const run = await readJob(
			'errors',
			[{ json: { jobId: 'no-such-job' } }, { json: { jobId } }],
			true,
		);
		const [missing, found] = run.output('Awin');
		expect(missing.json.error).toMatch(/404/);
		expect(missing.pairedItem).toEqual({ item: 0 });
		expect(found.json.jobId).toBe(jobId);
		expect(found.pairedItem).toEqual({ item: 1 });
	});
});

const listJobs = async (
	params: Record<string, unknown>,
	items: Array<{ json: object }> = [{ json: {} }],
) =>
	await runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'getValidationJobs',
				advertiserId: advertiser,
				returnAll: true,
				...params,
			}),
		),
		{ credentials: credentialsFor(sandbox), start: { node: 'Start', items: items as never } },
	);

const JOBS = /^\/advertisers\/\d+\/transactions\/jobs$/;
// Jobs live as long as the sandbox: the list tests use the advertiser the tests above leave alone.
const shopDE = { __rl: true, mode: 'id', value: '10002' };

describe('Transaction > Get Validation Jobs', () => {
	test('lists every job of the advertiser, one output item per job, paired to the input item', async () => {
		const first = await submit([41], shopDE);
		const second = await submit([42, 43404], shopDE);
		const run = await listJobs({ advertiserId: shopDE });

		expect(run.status).toBe('success');
		const jobs = run.output('Awin');
		expect(jobs.map((j) => j.json.jobId)).toEqual([first, second]);
		expect(jobs[1].json).toMatchObject({ status: 'IN_PROGRESS', transactions: 2 });
		expect(jobs.every((j) => (j.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sandbox.requestsTo(JOBS).map((r) => [r.method, r.path])).toEqual([
			['GET', '/advertisers/10002/transactions/jobs'],
		]);
	});

	test('Limit keeps the first jobs; two input items asking the same list share one call', async () => {
		await submit([51]);
		await submit([52]);
		const run = await listJobs({ returnAll: false, limit: 1 }, [{ json: {} }, { json: {} }]);

		expect(run.output('Awin').map((j) => [j.json.jobId, j.pairedItem])).toEqual([
			[expect.any(String), { item: 0 }],
			[expect.any(String), { item: 1 }],
		]);
		expect(sandbox.requestsTo(JOBS)).toHaveLength(1);
	});

	test('a bad Advertiser Account on item 1 stops the node before anything is sent', async () => {
		const run = await listJobs(
			{ advertiserId: { __rl: true, mode: 'id', value: '={{ $json.account }}' } },
			[{ json: { account: '10001' } }, { json: { account: '../10001' } }],
		);

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Item 1: "Advertiser Account" must be an Awin account ID/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an answer that is not a list of jobs fails naming the endpoint (never "no jobs")', async () => {
		sandbox.fault({ path: JOBS, status: 200, body: { jobs: 'none' }, times: 5 });
		const run = await listJobs({ options: { maxTries: 1 } });

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toContain('GET /advertisers/10001/transactions/jobs');
		expect(run.nodes.Awin.error?.message).toContain('expected a JSON list');
	});
});
