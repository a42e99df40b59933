import type { IDataObject } from 'n8n-workflow';

const MAX_DESCRIPTION = 300;

function shorten(text: string, max = MAX_DESCRIPTION): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The readable text of an HTML page (a proxy's or gateway's error page): its title and body text. */
function htmlText(html: string): string {
	const text = html
		.replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (block) => {
			// Keep the title, which often is the whole message ("502 Bad Gateway").
			const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(block);
			return title ? ` ${title[1]} ` : ' ';
		})
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/gi, ' ')
		.replace(/&lt;/gi, '<')
		.replace(/&gt;/gi, '>')
		.replace(/&quot;/gi, '"')
		.replace(/&#39;/gi, "'")
		.replace(/&amp;/gi, '&')
		.replace(/\s+/g, ' ')
		.trim();
	// A title repeated as the first heading reads better once.
	return text.replace(/^(.{3,80}?) \1\b/, '$1');
}

/**
 * Awin's error bodies as one line: `{error, description}`, validation lists (`errors: [{field,
 * message}]`, bare arrays, `failedOrders`-style nested lists), or HTML/text from a proxy.
 */
export function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') {
		const isHtml = /<\/?[a-z][^>]*>/i.test(body);
		if (!isHtml) return shorten(body.replace(/\s+/g, ' ').trim());
		return `${shorten(htmlText(body), 200)} (an HTML page, likely from a proxy or gateway between n8n and Awin)`;
	}
	if (Array.isArray(body)) return shorten(body.map(describeBody).filter(Boolean).join('; '));
	if (typeof body === 'object') {
		const b = body as IDataObject;
		// One entry of a validation list: `{ field, message }`.
		const said = b.message ?? b.description;
		if (typeof b.field === 'string' && b.field && typeof said === 'string')
			return shorten(`${b.field}: ${said}`);
		const parts: string[] = [];
		for (const field of ['error', 'message', 'description', 'detail']) {
			const value = b[field];
			if (typeof value === 'string' && value) parts.push(value);
			else if (value && typeof value === 'object') parts.push(describeBody(value));
		}
		if (Array.isArray(b.errors)) parts.push(describeBody(b.errors));
		const text = parts.filter(Boolean).join(' - ');
		return shorten(text || JSON.stringify(body));
	}
	return String(body);
}

/** Awin's own sentence from an error body (its `description` or `message`), for the headline. */
function awinSaid(body: unknown): string {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		for (const field of ['description', 'message', 'error']) {
			if (typeof b[field] === 'string' && b[field]) return shorten(b[field] as string, 150);
		}
	}
	return shorten(describeBody(body), 150);
}

export function clientErrorMessage(statusCode: number, body: unknown): string {
	const said = awinSaid(body);
	switch (statusCode) {
		case 400:
			return `Awin rejected the request as invalid (400)${said ? `: ${said}` : ''}`;
		case 401:
			return 'Awin rejected the credentials (401): check the API token or key in the n8n credential';
		case 403:
			return 'Awin refused access (403): the credential cannot reach this account or API';
		case 404:
			return 'Awin found nothing at this address (404): check the account id';
		default:
			return `Awin answered ${statusCode}${said ? `: ${said}` : ''}`;
	}
}

/** The `code` of a Public API error body (`{ errors: [{ code }] }`). */
export function publicErrorCode(body: unknown): string | undefined {
	const errors = (body as IDataObject | undefined)?.errors;
	const first = Array.isArray(errors) ? (errors[0] as IDataObject | undefined) : undefined;
	return typeof first?.code === 'string' ? first.code : undefined;
}
