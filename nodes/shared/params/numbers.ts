import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse } from './refuse';

export interface NumberRule {
	min: number;
	max: number;
	/** Whole numbers only. */
	integer?: boolean;
}

/** A number parameter: undefined when not set, else a finite number within the rule. */
export function checkNumber(
	node: INode,
	itemIndex: number,
	displayName: string,
	raw: unknown,
	rule: NumberRule,
): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value =
		typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim() || NaN) : NaN;
	const ok =
		Number.isFinite(value) &&
		value >= rule.min &&
		value <= rule.max &&
		(!rule.integer || Number.isInteger(value));
	if (!ok) {
		throw refuse(
			node,
			itemIndex,
			displayName,
			raw,
			`must be a ${rule.integer ? 'whole number' : 'number'} from ${rule.min} to ${rule.max}`,
		);
	}
	return value;
}

/** A number parameter (a dotted name reads inside a collection), checked like checkNumber. */
export function readNumber(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
	rule: NumberRule,
): number | undefined {
	return checkNumber(
		ctx.getNode(),
		itemIndex,
		displayName,
		nodeParameter(ctx, name, itemIndex, ''),
		rule,
	);
}

/** The item's limit, or undefined for Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', itemIndex, 50);
	const limit = Number(raw);
	if (!Number.isSafeInteger(limit) || limit < 1)
		throw refuse(ctx.getNode(), itemIndex, 'Limit', raw, 'must be a whole number of at least 1');
	return limit;
}
