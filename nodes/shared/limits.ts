/**
 * Every Awin limit the package relies on, in one place. Figures Awin does not publish are marked
 * "assumed"; change them here and everything that sends follows.
 */

/** Which secret a call spends, and so which quota. */
export type AwinApi = 'bearer' | 'conversion' | 'proofOfPurchase';

export interface Quota {
	/** Calls allowed in any rolling window of `windowMs`. */
	limit: number;
	windowMs: number;
}

export const CREDENTIAL_TYPE: Record<AwinApi, 'awinApi' | 'awinConversionApi'> = {
	bearer: 'awinApi',
	conversion: 'awinConversionApi',
	proofOfPurchase: 'awinConversionApi',
};

/** Production quotas per secret. Tests and benches shrink them with setLimitsForTests() (quota.ts). */
export const quotas: Record<AwinApi, Quota> = {
	// Awin: "20 API calls per minute per user".
	bearer: { limit: 20, windowMs: 60_000 },
	// Assumed: Awin names no figure for the Conversion API, so it gets the user limit.
	conversion: { limit: 20, windowMs: 60_000 },
	// Awin (Proof of Purchase API): "Maximum of 6 requests per second".
	proofOfPurchase: { limit: 6, windowMs: 1_000 },
};

/**
 * Each quota window is held this share longer than Awin's (1 s on the 60 s window, 17 ms on Proof
 * of Purchase's 1 s): Awin's clock and ours differ, and a call that reaches Awin a moment early
 * meets a 429 and a minute's pause. It costs 1.7% of the quota.
 */
export const QUOTA_MARGIN = 1 / 60;

export const retryPolicy = {
	/** Tries per call, the first included. A node option can change it. */
	maxTries: 5,
	/** Wait after a 429 without Retry-After (Awin documents none). */
	rateLimitWaitMs: 60_000,
	/** Exponential back-off for 5xx and network errors: step = base * 2^(try-1), capped; waits step/2 + random(step/2). */
	backoffBaseMs: 1_000,
	backoffMaxMs: 30_000,
	/** Per-request timeout. */
	requestTimeoutMs: 120_000,
};

/**
 * Awin's Public API ("Our APIs", help.awin.com/apidocs/api-versioning): paths below `/public` on
 * the credential's Base URL, versioned right after it (`/public/v1/...`).
 */
export const PUBLIC_API = {
	prefix: '/public',
	/**
	 * Whether a Public API call also spends the user's legacy 20 calls a minute. Awin does not say;
	 * the safe reading is yes, so legacy calls never meet a 429 because of Public API calls.
	 */
	sharesUserQuota: true,
	/** Wait when RateLimit-Remaining is 0 and RateLimit-Reset is absent (our choice). */
	exhaustedWaitMs: 1_000,
	/** Partnership statuses, as Awin's list pages give them. */
	partnershipStatuses: [
		'ACTIVE',
		'INVITE_PENDING',
		'INVITE_REJECTED',
		'APPLICATION_PENDING',
		'APPLICATION_REJECTED',
		'ADVERTISER_SUSPENDED',
		'PUBLISHER_LEFT',
	],
	/** `sort` values: the one field Awin's page names, both ways ("-" descending). */
	sorts: ['-partnership.statusUpdatedAt', 'partnership.statusUpdatedAt'],
	/** "a limit above 1000 or an offset above 10000" is a 400. */
	maxLimit: 1_000,
	maxOffset: 10_000,
	/** Approval message: "3 to 1000 characters after trimming", no HTML. */
	message: { min: 3, max: 1_000 },
	/** `otherReason`: "1 to 1000 characters". */
	otherReasonMax: 1_000,
	/** A rejection code as Awin writes them (its list was not in the pages read). */
	rejectReasonPattern: /^[A-Z][A-Z0-9_]{0,63}$/,
	/** Tag names: "empty or longer than 55 characters" and "more than 1000 tags" are 400s. */
	maxTagName: 55,
	maxTags: 1_000,
	/** Billing documents per page: "Minimum 1 Maximum 100 Default 25". */
	billingDocumentsPerPage: 100,
	billingDocumentTypes: [
		'INVOICE',
		'CREDIT_NOTE',
		'PREPAYMENT_REFUND',
		'PREPAYMENT_REQUEST',
		'PREPAYMENT_INVOICE',
	],
	prepaymentLinkStatuses: ['ONLINE', 'OFFLINE'],
	/** Advertiser IDs per programme terms call: "At most 50". */
	termsPerCall: 50,
	/** 429 codes that mean a used-up quota, not the rate: not retried (create-tracking-links). */
	quotaCodes: ['LINK_SHORTENER_QUOTA_EXCEEDED'],
};

/** Elements per call (Awin's documented maxima). */
export const MAX_PER_CALL = {
	orders: 1_000,
	validations: 40_000,
	links: 100,
	/** Transaction ids per `?ids=` call: assumed, Awin names no maximum; keeps URLs short. */
	transactionIds: 100,
	/**
	 * Offers per page of POST /publisher/{id}/promotions. Awin's page names the field but the copies
	 * read were cut before its maximum; 200 is what public clients send (see docs/awin-api.md).
	 */
	offersPerPage: 200,
	/** Transaction queries per page (`pageSize`): Awin's page lists "Maximum 500", default 100. */
	transactionQueriesPerPage: 500,
};

/** Longest date span per call, in days. */
export const MAX_WINDOW_DAYS = {
	transactions: 31,
	campaignReport: 400,
	/** Publisher transaction queries: "the maximum date range ... currently supported is 31 days". */
	transactionQueries: 31,
};

/** Publisher transaction queries (GET /publisher/{id}/transactionqueries), as Awin's page lists them. */
export const TRANSACTION_QUERIES = {
	statuses: ['pending', 'approved', 'declined'],
	dateTypes: ['transactionDate', 'enquiryDate', 'validationDate'],
	/**
	 * The advertiser filter's name. Awin's pages disagree: the parameter list says `advertiserIds`
	 * (array of integer), the table below it and the wiki's example say `advertiserId`. We send the
	 * parameter list's name; change it here if Awin reads the other.
	 */
	advertiserParameter: 'advertiserIds',
} as const;

/**
 * Orders "Skip Orders Already Sent" remembers per node, the newest first (our choice: n8n keeps
 * them as one list in its database, read and written on every call; Remove Duplicates also
 * defaults to 10,000). An order older than the last 10,000 sent by the node is forgotten.
 */
export const SENT_ORDERS_REMEMBERED = 10_000;

/** The Awin Transactions Trigger's memory, kept in the workflow's static data. */
export const transactionsTrigger = {
	/**
	 * Transactions remembered at most, the newest by date (about 46 bytes each in static data:
	 * so 10,000 is under half a megabyte). Our choice: Awin sets no such limit.
	 */
	maxRemembered: 10_000,
	/** Transactions a manual test ("Fetch Test Event") returns as examples. */
	manualExamples: 5,
};

/** Timezones Awin's transaction endpoints accept. */
export const AWIN_TIMEZONES = [
	'UTC',
	'Europe/Berlin',
	'Europe/Paris',
	'Europe/London',
	'Europe/Dublin',
	'Canada/Eastern',
	'Canada/Central',
	'Canada/Mountain',
	'Canada/Pacific',
	'US/Eastern',
	'US/Central',
	'US/Mountain',
	'US/Pacific',
] as const;

/** Reports accept a few more. */
export const AWIN_REPORT_TIMEZONES = [
	...AWIN_TIMEZONES,
	'America/Sao_Paulo',
	'Australia/Sydney',
	'Europe/Helsinki',
] as const;

/** Region codes of the aggregated reports (publisher, advertiser and creative performance). */
export const AWIN_REGIONS = [
	'AT',
	'AU',
	'BE',
	'BR',
	'BU',
	'CA',
	'CH',
	'DE',
	'DK',
	'ES',
	'FI',
	'FR',
	'GB',
	'IE',
	'IT',
	'NL',
	'NO',
	'PL',
	'SE',
	'US',
] as const;

/** Region codes of the campaign report: Awin's page lists 46 ("currently supported: AE AR AT ..."). */
export const AWIN_CAMPAIGN_REGIONS = [
	'AE',
	'AR',
	'AT',
	'AU',
	'BE',
	'BG',
	'BR',
	'BU',
	'CA',
	'CH',
	'CL',
	'CN',
	'CO',
	'CZ',
	'DE',
	'DK',
	'ES',
	'FI',
	'FR',
	'GB',
	'GR',
	'HR',
	'HU',
	'IE',
	'IN',
	'IT',
	'JP',
	'LT',
	'LV',
	'MX',
	'NL',
	'NO',
	'NZ',
	'PE',
	'PL',
	'PT',
	'RO',
	'RU',
	'SE',
	'SG',
	'SI',
	'SK',
	'TR',
	'UA',
	'US',
	'ZA',
] as const;
