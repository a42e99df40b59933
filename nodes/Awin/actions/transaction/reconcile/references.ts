import { digitsAt } from '../../../../shared/dates';

/** How order references are compared: the same rule for the shop's and for Awin's. */
export interface ReferenceRule {
	ignoreCase: boolean;
	ignoreLeadingHash: boolean;
	/** Removed from the start when present (after a leading '#'), e.g. "SHOP-". */
	prefix: string;
}

/** A reference as it is matched: digits alone as a number, anything else as text. */
export type ReferenceKey = string | number;

/**
 * What two references are matched by: trimmed, then without a leading '#', without the prefix,
 * and lower-cased, as the rule says. Empty when nothing is left.
 *
 * A key of digits alone (Shopify's #1001, most shops' order numbers) is that number, without a
 * leading zero: the same for both sides, so it matches the same references, and a run of
 * 100,000 orders makes no text for it.
 */
export function referenceKey(reference: string, rule: ReferenceRule): ReferenceKey {
	let key = reference.trim();
	let start = 0;
	if (rule.ignoreLeadingHash && key.charCodeAt(0) === 35) {
		const next = key.charCodeAt(1);
		if (next > 32 && next < 128) start = 1;
		else key = key.slice(1).trimStart();
	}
	if (rule.prefix) {
		const prefix = rule.ignoreCase ? rule.prefix.toLowerCase() : rule.prefix;
		const head = key.slice(start, start + prefix.length);
		if ((rule.ignoreCase ? head.toLowerCase() : head) === prefix) start += prefix.length;
	}
	const number = digitsFrom(key, start);
	if (number !== undefined) return number;
	if (start > 0) key = key.slice(start);
	return rule.ignoreCase ? key.toLowerCase() : key;
}

/** The text from `start` as a number when it is 1 to 15 digits without a leading zero. */
function digitsFrom(text: string, start: number): number | undefined {
	const length = text.length - start;
	if (length < 1 || length > 15 || text.charCodeAt(start) === 48) return undefined;
	const value = digitsAt(text, start, length);
	return value === -1 ? undefined : value;
}
