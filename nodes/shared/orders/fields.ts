/**
 * The fields of Awin's two order payloads, as data: what each field holds (its kind, in kinds.ts),
 * whether it is required, and its limits. schema.ts makes from this one description both the zod
 * schema (whose messages the user reads) and the fast check (taken by orders already in Awin's
 * form); neither restates a rule.
 */

/**
 * Awin's length limits. Identifiers over their limit are REJECTED: Awin would cut them, and two
 * orders (or two basket lines) could then become one. Descriptive texts are TRUNCATED, exactly as
 * Awin would, and the output item says so in `warnings`.
 */
export const ORDER_LIMITS = {
	/** Rejected when longer. */
	orderReference: 50,
	/** Rejected when longer. */
	basketId: 75,
	/** Basket name, category, sku: truncated to this length. */
	basketText: 255,
	/** Custom parameter keys: numbers in this range. */
	customKeyMin: 1,
	customKeyMax: 127,
} as const;

/**
 * The Proof of Purchase field holding the commission groups. Awin's PoP example body spells it
 * `commissionGroup`, its field table `commissionGroups`. We send the table's spelling, which is also
 * the Conversion API's. Change it here if Awin answers otherwise; input in either spelling is read.
 */
export const POP_COMMISSION_GROUPS_FIELD: string = 'commissionGroups';
export const POP_COMMISSION_GROUPS_SPELLINGS = ['commissionGroups', 'commissionGroup'];

/** The kinds of value a field holds; each kind's rule is written once, in kinds.ts. */
export type ValueKind =
	| 'text'
	| 'money'
	| 'unixSeconds'
	| 'currency'
	| 'groupCode'
	| 'customerAcquisition'
	| 'positiveInteger'
	| 'boolean';

export interface ValueField {
	kind: ValueKind;
	required?: boolean;
	/** Longer texts are refused with `tooLong`. */
	maxLength?: number;
	tooLong?: string;
}

/** A list of objects of the same fields (commission groups, basket lines). */
export interface ListField {
	kind: 'list';
	of: Fields;
	required?: boolean;
	notAList: string;
	/** At least this many entries, else `tooFew`. */
	min?: number;
	tooFew?: string;
	/** A field whose value must differ between the entries (a basket line's id). */
	unique?: string;
}

/** Awin's custom parameters: `{"1": "value"}`, keys numbered within ORDER_LIMITS. */
interface CustomParametersField {
	kind: 'customParameters';
	required?: boolean;
}

export type Field = ValueField | ListField | CustomParametersField;
export type Fields = Record<string, Field>;

const COMMISSION_GROUP: Fields = {
	code: { kind: 'groupCode', required: true },
	amount: { kind: 'money', required: true },
};

const commissionGroups = (required: boolean): ListField => ({
	kind: 'list',
	of: COMMISSION_GROUP,
	required,
	notAList: 'must be a list of {code, amount}',
	min: 1,
	tooFew: 'needs at least one group (e.g. code DEFAULT carrying the whole amount)',
});

const BASKET_LINE: Fields = {
	id: {
		kind: 'text',
		required: true,
		maxLength: ORDER_LIMITS.basketId,
		tooLong: `is longer than Awin's ${ORDER_LIMITS.basketId} characters`,
	},
	name: { kind: 'text', required: true },
	price: { kind: 'money', required: true },
	quantity: { kind: 'positiveInteger', required: true },
	commissionGroupCode: { kind: 'groupCode', required: true },
	category: { kind: 'text', required: true },
	sku: { kind: 'text', required: true },
};

/** Descriptive basket texts Awin cuts to ORDER_LIMITS.basketText (and so do we, saying so). */
export const BASKET_TEXTS = ['name', 'category', 'sku'] as const;

const orderReference: ValueField = {
	kind: 'text',
	required: true,
	maxLength: ORDER_LIMITS.orderReference,
	tooLong: `is longer than Awin's ${ORDER_LIMITS.orderReference} characters; Awin would cut it and could mix it up with another order`,
};

/** Conversion API order (Awin's Conversion API page). */
export const CONVERSION_ORDER: Fields = {
	orderReference,
	amount: { kind: 'money', required: true },
	channel: { kind: 'text', required: true },
	currency: { kind: 'currency', required: true },
	voucher: { kind: 'text' },
	awc: { kind: 'text' },
	publisherId: { kind: 'positiveInteger' },
	clickTime: { kind: 'unixSeconds' },
	transactionTime: { kind: 'unixSeconds' },
	customerAcquisition: { kind: 'customerAcquisition' },
	commissionGroups: commissionGroups(true),
	custom: { kind: 'customParameters' },
	basket: {
		kind: 'list',
		of: BASKET_LINE,
		notAList: 'must be a list of basket lines',
		unique: 'id',
	},
	isTest: { kind: 'boolean' },
};

/** Proof of Purchase order: no channel, basket, voucher or custom; clickRef instead. */
export const PROOF_OF_PURCHASE_ORDER: Fields = {
	orderReference,
	amount: { kind: 'money', required: true },
	currency: { kind: 'currency', required: true },
	transactionTime: { kind: 'unixSeconds', required: true },
	[POP_COMMISSION_GROUPS_FIELD]: commissionGroups(false),
	clickTime: { kind: 'unixSeconds' },
	awc: { kind: 'text' },
	clickRef: { kind: 'text' },
	customerAcquisition: { kind: 'customerAcquisition' },
	isTest: { kind: 'boolean' },
};
