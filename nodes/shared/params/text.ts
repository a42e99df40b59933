import type { INode } from 'n8n-workflow';

import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse } from './refuse';

/** The longest text parameter passed on to Awin (names, filters, ids). */
export const MAX_TEXT_LENGTH = 1_000;

/** A text sent to Awin: at most MAX_TEXT_LENGTH characters. */
export function checkText(node: INode, itemIndex: number, displayName: string, value: string): string {
	if (value.length > MAX_TEXT_LENGTH) throw refuse(node, itemIndex, displayName, value, `must be at most ${MAX_TEXT_LENGTH} characters`);
	return value;
}

/** A text parameter (a dotted name reads inside a collection), trimmed, checked like checkText. */
export function readText(ctx: ParameterContext, name: string, displayName: string, itemIndex: number): string {
	const value = String(nodeParameter(ctx, name, itemIndex, '') ?? '').trim();
	return checkText(ctx.getNode(), itemIndex, displayName, value);
}

/** A web address Awin can link to: http:// or https://, a host, no spaces. */
export const WEB_ADDRESS = /^https?:\/\/[^\s/]+\S*$/i;

/** A web address parameter, trimmed and checked against WEB_ADDRESS. */
export function readWebAddress(ctx: ParameterContext, name: string, displayName: string, itemIndex: number): string {
	const value = readText(ctx, name, displayName, itemIndex);
	if (!WEB_ADDRESS.test(value)) {
		throw refuse(ctx.getNode(), itemIndex, displayName, value, 'must be a web address starting with http:// or https://');
	}
	return value;
}
