import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse, textOf } from './refuse';

/**
 * An id that goes into a URL path: letters, digits, "_" and "-" only (Awin's ids are numbers, its
 * validation job ids hexadecimal), so no value can be empty or walk the path with "." or "/".
 */
export function checkPathId(
	node: INode,
	itemIndex: number,
	displayName: string,
	raw: unknown,
): string {
	const value = textOf(raw).trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
		throw refuse(
			node,
			itemIndex,
			displayName,
			raw,
			'must be an Awin ID (1 to 64 letters, digits, "_" or "-")',
		);
	}
	return value;
}

/** A path id parameter (a dotted name reads inside a collection), checked like checkPathId. */
export function readPathId(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	return checkPathId(
		ctx.getNode(),
		itemIndex,
		displayName,
		nodeParameter(ctx, name, itemIndex, ''),
	);
}

/** An Awin ID as text: a number of at most 20 digits (no sign, no decimals, nothing to walk a path). */
export function isAwinId(value: string): boolean {
	return /^\d{1,20}$/.test(value);
}

/**
 * The one comma-list parser: a list given as text ("a, b,c") or as an array (from an expression),
 * each part trimmed, empty parts dropped.
 */
export function splitList(value: unknown): string[] {
	return (Array.isArray(value) ? value : textOf(value).split(','))
		.map((part) => textOf(part).trim())
		.filter(Boolean);
}

/** A list of Awin IDs, each a number of at most 20 digits; [] when empty. */
export function checkIdList(
	node: INode,
	itemIndex: number,
	displayName: string,
	value: unknown,
): string[] {
	const parts = splitList(value);
	const bad = parts.find((part) => !isAwinId(part));
	if (bad !== undefined) {
		throw refuse(
			node,
			itemIndex,
			displayName,
			bad,
			'must be Awin IDs (numbers) separated by commas',
		);
	}
	return parts;
}

/** A list of Awin IDs from a parameter (a dotted name reads inside a collection). */
export function readIdList(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): string[] {
	return checkIdList(
		ctx.getNode(),
		itemIndex,
		displayName,
		nodeParameter(ctx, name, itemIndex, ''),
	);
}

/** A plain positive whole number from a number field or an expression, else an error naming the field. */
export function readAwinId(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value < 1)
		throw refuse(
			ctx.getNode(),
			itemIndex,
			label,
			raw,
			'must be an Awin ID (a whole number above 0)',
		);
	return value;
}
