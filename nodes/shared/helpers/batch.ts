/** Splits a list into calls of at most `size`, in order. A list that fits is not copied. */
export function chunk<T>(entries: T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1)
		throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	if (entries.length <= size) return entries.length > 0 ? [entries] : [];
	const chunks: T[][] = [];
	for (let start = 0; start < entries.length; start += size) {
		chunks.push(entries.slice(start, start + size));
	}
	return chunks;
}
