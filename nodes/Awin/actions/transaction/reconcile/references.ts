/** How order references are compared: the same rule for the shop's and for Awin's. */
export interface ReferenceRule {
	ignoreCase: boolean;
	ignoreLeadingHash: boolean;
	/** Removed from the start when present (after a leading '#'), e.g. "SHOP-". */
	prefix: string;
}

/**
 * The key two references are matched by: trimmed, then without a leading '#', without the
 * prefix, and lower-cased, as the rule says. Empty when nothing is left.
 */
export function referenceKey(reference: string, rule: ReferenceRule): string {
	let key = reference.trim();
	if (rule.ignoreLeadingHash && key.charCodeAt(0) === 35) key = key.slice(1).trimStart();
	if (rule.prefix) {
		const prefix = rule.ignoreCase ? rule.prefix.toLowerCase() : rule.prefix;
		const head = key.slice(0, prefix.length);
		if ((rule.ignoreCase ? head.toLowerCase() : head) === prefix) key = key.slice(prefix.length);
	}
	return rule.ignoreCase ? key.toLowerCase() : key;
}
