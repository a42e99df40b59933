/**
 * How a partnership write runs: every item is checked before the first call, then the calls go one
 * by one (paced by the client). A 409 means Awin already did it (its pages: "Repeating a
 * successful call returns 409"), so the item gets `status: alreadyDone`, not an error; a 403 names
 * the role the operation needs on which account, a 404 the partner Awin does not know; any other
 * refusal fails the item with Awin's words.
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

/** Awin's refusal told in the operation's terms, naming the item first as parameter refusals do. */
function explained(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	message: string,
	hint: string,
	itemIndex: number,
): NodeApiError {
	const told = new NodeApiError(
		ctx.getNode(),
		{ message, description: error.description ?? '' },
		{ itemIndex },
	);
	// Set after construction: NodeApiError puts a generic text of its own in place of one naming
	// an HTTP status.
	told.message = `Item ${itemIndex}: ${message}`;
	const said = error.description ?? '';
	told.description = said ? `${said}${/[.!?]$/.test(said) ? '' : '.'} ${hint}` : hint;
	told.httpCode = error.httpCode;
	return told;
}

/** Awin's 403: which role the operation needs on which account. */
function roleError(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	spec: Pick<WriteSpec, 'doing' | 'role'>,
	ref: PartnershipRef,
	itemIndex: number,
): NodeApiError {
	const account = `${ref.side} account ${ref.accountId}`;
	return explained(
		ctx,
		error,
		`Awin refused access (403): ${spec.doing} needs the ${spec.role} role (or higher) on ${account}`,
		'Ask an admin of the account in Awin (Users) for that role, or use a token of a user who has it.',
		itemIndex,
	);
}

/**
 * Awin's 404 on a partnership: the caller's own account was reached, the partner is what is
 * missing. Awin's pages: "the advertiser or publisher does not exist, or the publisher has not
 * applied to this advertiser" (for invitations: "the advertiser has not invited this publisher").
 */
function missingError(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	ref: PartnershipRef,
	itemIndex: number,
): NodeApiError {
	const partner =
		ref.side === 'advertiser'
			? { field: 'Publisher ID', side: 'publisher', id: ref.publisherId }
			: { field: 'Advertiser ID', side: 'advertiser', id: ref.advertiserId };
	const between = `advertiser ${ref.advertiserId} and publisher ${ref.publisherId}`;
	return explained(
		ctx,
		error,
		`Awin found no partnership between ${between} (404)`,
		`Check the ${partner.field}: ${partner.side} ${partner.id} does not exist, or has no ` +
			`application, invitation or partnership with ${ref.side} account ${ref.accountId}.`,
		itemIndex,
	);
}

/** A failure of a call about `ref` as the item's error: a 403 names the role, a 404 the partner. */
export function partnershipError(
	ctx: IExecuteFunctions,
	error: unknown,
	spec: Pick<WriteSpec, 'doing' | 'role'>,
	ref: PartnershipRef,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError = toNodeError(ctx, error, itemIndex);
	if (!(nodeError instanceof NodeApiError)) return nodeError;
	if (nodeError.httpCode === '403') return roleError(ctx, nodeError, spec, ref, itemIndex);
	if (nodeError.httpCode === '404') return missingError(ctx, nodeError, ref, itemIndex);
	return nodeError;
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
			const told = partnershipError(ctx, error, spec, plan.ref, itemIndex);
			outcomes.fail(
				itemIndex,
				{ ...json, status: 'failed' },
				told instanceof NodeApiError && told.httpCode === '422' ? stateError(told) : told,
			);
			stopped = !ctx.continueOnFail();
		}
	}
	return outcomes.finish();
}
