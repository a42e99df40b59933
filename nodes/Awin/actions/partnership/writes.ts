/**
 * How a partnership write runs: every item is checked before the first call, then the calls go one
 * by one (paced by the client). A 409 means Awin already did it (its pages: "Repeating a
 * successful call returns 409"), so the item gets `status: alreadyDone`, not an error; a 403 names
 * the role the operation needs on which account; any other refusal fails the item with Awin's words.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ItemOutcomes, toNodeError } from '../../../shared/helpers/outcomes';
import { readClientSettings } from '../../../shared/params';
import type { AwinClient, AwinResponse } from '../../../shared/transport';
import { createAwinClient, describeBody } from '../../../shared/transport';
import type { PartnershipRef } from './fields';
import { refJson } from './fields';

interface PlannedWrite {
	ref: PartnershipRef;
	/** Extra output fields (e.g. the mode of Set Tags). */
	json?: IDataObject;
	send(client: AwinClient, itemIndex: number): Promise<AwinResponse<unknown>>;
}

export interface WriteSpec {
	/** What the operation does, as the start of a sentence: "approving an application". */
	doing: string;
	/** The role Awin's page names for it, e.g. "Full Access". */
	role: string;
	/** The item's status when Awin did it now, e.g. "approved". */
	done: string;
	/** Checks one item's parameters (throws naming item, parameter and value). */
	plan(itemIndex: number): PlannedWrite;
	/** Output fields from Awin's 2xx answer; by default the answer as `answer`. */
	present?(body: unknown): IDataObject;
}

/** Awin's 403, told in the operation's terms: which role on which account. */
function roleError(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	spec: Pick<WriteSpec, 'doing' | 'role'>,
	ref: PartnershipRef,
	itemIndex: number,
): NodeApiError {
	const message = `Awin refused access (403): ${spec.doing} needs the ${spec.role} role (or higher) on ${ref.side} account ${ref.accountId}`;
	const explained = new NodeApiError(
		ctx.getNode(),
		{ message, description: error.description ?? '' },
		{ itemIndex },
	);
	explained.message = message;
	explained.description =
		`${error.description ?? ''} Ask an admin of the account in Awin (Users) for that role, or use a token of a user who has it.`.trim();
	explained.httpCode = '403';
	return explained;
}

/** Any failure of a call about `ref` as the item's error; a 403 names the role and account. */
export function partnershipError(
	ctx: IExecuteFunctions,
	error: unknown,
	spec: Pick<WriteSpec, 'doing' | 'role'>,
	ref: PartnershipRef,
	itemIndex: number,
): Error {
	const nodeError = toNodeError(ctx, error, itemIndex);
	return nodeError instanceof NodeApiError && nodeError.httpCode === '403'
		? roleError(ctx, nodeError, spec, ref, itemIndex)
		: nodeError;
}

/** Awin's answer to a decision, kept as `answer` when it is an object (a decline may answer none). */
const asAnswer = (body: unknown): IDataObject =>
	body && typeof body === 'object' && !Array.isArray(body) ? { answer: body as IDataObject } : {};

/** Awin's 422 on a partnership: the partnership is not in a state that allows it; Awin says why. */
function stateError(error: NodeApiError): NodeApiError {
	const said = error.description?.replace(/^[A-Z]+ \S+: /, '') ?? '';
	error.message = `Awin could not do this now (422): ${said || 'the partnership is not in a state that allows it'}`;
	return error;
}

export async function runWrites(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: WriteSpec,
): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(ctx, items.length);
	const plans = items.map((_, itemIndex) => {
		try {
			return spec.plan(itemIndex);
		} catch (error) {
			outcomes.fail(itemIndex, {}, toNodeError(ctx, error, itemIndex));
			return undefined;
		}
	});
	outcomes.throwIfFailed(
		'Nothing was sent to Awin. Fix the items, or turn on Continue On Fail to send the valid ones.',
	);

	const client = await createAwinClient(ctx, 'bearer', readClientSettings(ctx));
	let stopped = false;
	for (const [itemIndex, plan] of plans.entries()) {
		if (!plan) continue;
		const json = { ...refJson(plan.ref), ...plan.json };
		if (stopped) {
			outcomes.fail(
				itemIndex,
				{ ...json, status: 'notSent' },
				new NodeOperationError(ctx.getNode(), 'Not sent to Awin because an earlier call failed', {
					itemIndex,
				}),
			);
			continue;
		}
		try {
			const { statusCode, body } = await plan.send(client, itemIndex);
			if (statusCode === 409) {
				outcomes.succeed(itemIndex, {
					...json,
					status: 'alreadyDone',
					awinSays: describeBody(body),
				});
			} else {
				outcomes.succeed(itemIndex, {
					...json,
					status: spec.done,
					...(spec.present ? spec.present(body) : asAnswer(body)),
				});
			}
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			const apiError = nodeError instanceof NodeApiError ? nodeError : undefined;
			const told =
				apiError?.httpCode === '403'
					? roleError(ctx, apiError, spec, plan.ref, itemIndex)
					: apiError?.httpCode === '422'
						? stateError(apiError)
						: nodeError;
			outcomes.fail(itemIndex, { ...json, status: 'failed' }, told);
			stopped = !ctx.continueOnFail();
		}
	}
	return outcomes.finish();
}
