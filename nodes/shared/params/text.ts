import type { INode } from 'n8n-workflow';

import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse, textOf } from './refuse';

/** The longest text parameter passed on to Awin (names, filters, ids). */
export const MAX_TEXT_LENGTH = 1_000;

/** What a text must look like besides its length, e.g. a two-letter code. */
export interface TextRule {
	/** Tested on a value that is set (not empty), after upperCase. */
	pattern: RegExp;
	/** What the refusal says is allowed, e.g. 'must be a two-letter country code such as GB'. */
	allowed: string;
}

/** A text sent to Awin: at most MAX_TEXT_LENGTH characters, and matching `rule` when given. */
export function checkText(
	node: INode,
	itemIndex: number,
	displayName: string,
	value: string,
	rule?: TextRule,
): string {
	if (rule && value !== '' && !rule.pattern.test(value)) {
		throw refuse(node, itemIndex, displayName, value, rule.allowed);
	}
	if (value.length > MAX_TEXT_LENGTH) {
		throw refuse(
			node,
			itemIndex,
			displayName,
			value,
			`must be at most ${MAX_TEXT_LENGTH} characters`,
		);
	}
	return value;
}

/**
 * A text parameter (a dotted name reads inside a collection), trimmed, in capitals when
 * `upperCase` (codes), checked like checkText; '' when not set.
 */
export function readText(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
	rule?: TextRule & { upperCase?: boolean },
): string {
	const text = textOf(nodeParameter(ctx, name, itemIndex, '')).trim();
	const value = rule?.upperCase ? text.toUpperCase() : text;
	return checkText(ctx.getNode(), itemIndex, displayName, value, rule);
}

/** A web address Awin can link to: http:// or https://, a host, no spaces. */
export const WEB_ADDRESS = /^https?:\/\/[^\s/]+\S*$/i;

/** A web address parameter, trimmed and checked against WEB_ADDRESS. */
export function readWebAddress(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = readText(ctx, name, displayName, itemIndex);
	if (!WEB_ADDRESS.test(value)) {
		throw refuse(
			ctx.getNode(),
			itemIndex,
			displayName,
			value,
			'must be a web address starting with http:// or https://',
		);
	}
	return value;
}
