import type { AccountSide } from '../descriptions/accounts';
import type { ParameterContext } from './parameter';
import { isAwinId } from './ids';
import { isExpression, nodeParameter } from './parameter';
import { refuse, textOf } from './refuse';

export type { AccountSide } from '../descriptions/accounts';

const fixedAccountIds = new WeakMap<ParameterContext, Map<string, string>>();

/**
 * The account id chosen in an accountLocator, checked to be a number. A fixed choice (not an
 * expression) is read once per execution: n8n resolves a locator on every read, and 45,000 reads
 * add up.
 */
export function readAccountId(
	ctx: ParameterContext,
	name: 'advertiserId' | 'publisherId',
	itemIndex: number,
): string {
	// Cache first: only fixed choices are cached, and getNode() deep-copies the node on every call.
	const cached = fixedAccountIds.get(ctx)?.get(name);
	if (cached !== undefined) return cached;
	const raw = ctx.getNode().parameters[name] as { value?: unknown } | string | undefined;
	const fixed =
		!isExpression(raw) && !isExpression(typeof raw === 'object' ? raw?.value : undefined);

	const value = textOf(nodeParameter(ctx, name, itemIndex, '', { extractValue: true })).trim();
	if (!isAwinId(value)) {
		const label = name === 'advertiserId' ? 'Advertiser Account' : 'Publisher Account';
		throw refuse(ctx.getNode(), itemIndex, label, value, 'must be an Awin account ID (a number)');
	}
	if (fixed) {
		if (!fixedAccountIds.has(ctx)) fixedAccountIds.set(ctx, new Map());
		fixedAccountIds.get(ctx)?.set(name, value);
	}
	return value;
}

export interface Account {
	side: AccountSide;
	id: string;
	/** `/advertisers/{id}` or `/publishers/{id}`. */
	path: string;
}

/** The account an item reads, from the fields of accountFields(). */
export function readAccount(
	ctx: ParameterContext,
	itemIndex: number,
	sides: AccountSide[],
): Account {
	const side =
		sides.length === 1 ? sides[0] : (nodeParameter(ctx, 'accountType', itemIndex) as AccountSide);
	if (!sides.includes(side))
		throw refuse(
			ctx.getNode(),
			itemIndex,
			'Account Type',
			side,
			`must be one of ${sides.join(', ')}`,
		);
	const id = readAccountId(ctx, side === 'advertiser' ? 'advertiserId' : 'publisherId', itemIndex);
	return { side, id, path: `/${side}s/${id}` };
}
