/**
 * Money in minor units (cents): every sum is a sum of whole numbers, so it is exact, and an
 * amount is rounded once, when it is read.
 */

/** Decimals of a currency (ISO 4217 via Intl: GBP 2, JPY 0, KWD 3), looked up once per code. */
const digitsOf = new Map<string, number>();
// A run is mostly one currency: comparing with the last code asked is cheaper than a map lookup,
// which hashes every freshly read code first.
let lastCurrency = '';
let lastDigits = 2;

export function minorDigits(currency: string): number {
	if (currency === lastCurrency) return lastDigits;
	let digits = digitsOf.get(currency);
	if (digits === undefined) {
		try {
			const format = new Intl.NumberFormat('en', { style: 'currency', currency });
			digits = format.resolvedOptions().maximumFractionDigits ?? 2;
		} catch {
			digits = 2;
		}
		digitsOf.set(currency, digits);
	}
	lastCurrency = currency;
	lastDigits = digits;
	return digits;
}

/**
 * An amount as written ("19.995", 19.995, "-3") in minor units of a currency with `digits`
 * decimals, rounded half away from zero on the decimal text (not on the binary double, where
 * 19.995 is 19.99499...). Awin does not document how it rounds; this is the commercial rule.
 * Undefined for anything that is not a plain decimal number (thousand separators, "1e3", "").
 * Read character by character: it runs for every order and every transaction of a large run.
 */
export function toMinor(value: unknown, digits: number): number | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		const exact = scaledExactly(value, digits);
		if (exact !== undefined) return exact;
		text = Math.abs(value) < 1e-6 ? '0' : String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else return undefined;
	let i = 0;
	const negative = text.charCodeAt(0) === 45;
	if (negative || text.charCodeAt(0) === 43) i = 1;
	let minor = 0;
	let whole = 0;
	for (; i < text.length; i++) {
		const c = text.charCodeAt(i) - 48;
		if (c < 0 || c > 9) break;
		minor = minor * 10 + c;
		whole++;
	}
	let decimals = 0;
	let roundUp = false;
	if (i < text.length && text.charCodeAt(i) === 46) {
		for (i++; i < text.length; i++) {
			const c = text.charCodeAt(i) - 48;
			if (c < 0 || c > 9) return undefined;
			if (decimals < digits) minor = minor * 10 + c;
			else if (decimals === digits) roundUp = c >= 5;
			decimals++;
		}
	}
	if (whole === 0 || i !== text.length) return undefined;
	for (let d = decimals; d < digits; d++) minor *= 10;
	if (roundUp) minor += 1;
	if (!Number.isSafeInteger(minor)) return undefined;
	return negative && minor !== 0 ? -minor : minor;
}

const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000];

/**
 * A number in minor units without writing it as text, when that cannot differ from rounding its
 * text: the number scaled is far from a half (the only place where the binary double and its
 * decimal text can round apart) and small enough for a double to hold its fraction closely.
 * Undefined otherwise, and the text decides.
 */
function scaledExactly(value: number, digits: number): number | undefined {
	const scale = POWERS_OF_TEN[digits];
	if (scale === undefined) return undefined;
	const scaled = Math.abs(value) * scale;
	if (!(scaled < 1e9)) return undefined;
	const whole = Math.floor(scaled);
	const fraction = scaled - whole;
	if (fraction > 0.49 && fraction < 0.51) return undefined;
	const minor = fraction < 0.5 ? whole : whole + 1;
	return value < 0 && minor !== 0 ? -minor : minor;
}

/** Minor units back to the amount users and Awin read (1999 -> 19.99). */
export function fromMinor(minor: number, digits: number): number {
	return digits === 0 ? minor : minor / (POWERS_OF_TEN[digits] ?? 10 ** digits);
}
