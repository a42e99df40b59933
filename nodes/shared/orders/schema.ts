/**
 * The order checks, made from the one description in fields.ts and the kinds' rules in kinds.ts:
 * a zod schema per order (its messages are what the user reads) and a fast check. zod's safeParse
 * costs tens of µs and much garbage per order, most of the CPU of a large run; an order whose
 * every value already passes is recognised by the fast check and taken without zod. Anything else
 * goes through zod, so every message is zod's. test/orders/fast-path.test.ts checks with
 * fast-check that whatever the fast check accepts, zod accepts too, with the same value.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RefinementCtx, ZodTypeAny } from 'zod';
import { z } from 'zod';

import type { Field, Fields, ListField, ValueField } from './fields';
import {
	CONVERSION_ORDER,
	POP_COMMISSION_GROUPS_FIELD,
	POP_COMMISSION_GROUPS_SPELLINGS,
	PROOF_OF_PURCHASE_ORDER,
} from './fields';
import type { KindRule, Report } from './kinds';
import {
	blank,
	CUSTOM_VALUE,
	customKeyProblem,
	KINDS,
	reportAttribution,
	reportRepeats,
} from './kinds';

type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys as for...in (and zod's strict check) sees them, counted without making a list. */
export function keyCount(value: object): number {
	let count = 0;
	for (const _key in value) count++;
	return count;
}

// zod, from the description ------------------------------------------------------------------

/** A wrong type stops its object's own refinements, as in zod; a wrong value does not. */
const issueOn =
	(ctx: RefinementCtx): Report =>
	(message, wrongType) =>
		ctx.addIssue({ code: 'custom', message, fatal: wrongType === true });

function valueSchema(rule: KindRule, field: ValueField, required: boolean): ZodTypeAny {
	return z.preprocess(
		(v) => {
			if (required) return rule.convert(v);
			const value = blank(v);
			return value === undefined ? undefined : rule.convert(value);
		},
		z.unknown().superRefine((v, ctx) => {
			if (required || v !== undefined) rule.check(v, issueOn(ctx), field);
		}),
	);
}

function objectSchema(fields: Fields) {
	const shape: Record<string, ZodTypeAny> = {};
	for (const [name, field] of Object.entries(fields)) shape[name] = fieldSchema(field);
	return z.object(shape).strict();
}

function listSchema(field: ListField): ZodTypeAny {
	let list = z.array(objectSchema(field.of), { invalid_type_error: field.notAList });
	if (field.min !== undefined) list = list.min(field.min, field.tooFew);
	const { unique } = field;
	if (!unique) return list;
	return list.superRefine((entries, ctx) =>
		reportRepeats(entries, unique, (index, message) =>
			ctx.addIssue({ code: 'custom', path: [index, unique], message }),
		),
	);
}

const customSchema = z
	.record(z.string(), valueSchema(CUSTOM_VALUE, { kind: 'text', required: true }, true), {
		invalid_type_error: 'must be an object of {"1": "value"}',
	})
	.superRefine((values, ctx) => {
		for (const key of Object.keys(values)) {
			const message = customKeyProblem(key);
			if (message) ctx.addIssue({ code: 'custom', path: [key], message });
		}
	});

function fieldSchema(field: Field): ZodTypeAny {
	const required = field.required === true;
	if (field.kind !== 'list' && field.kind !== 'customParameters') {
		return valueSchema(KINDS[field.kind], field, required);
	}
	const schema = field.kind === 'list' ? listSchema(field) : customSchema;
	return required ? schema : z.preprocess(blank, schema.optional());
}

// the fast check, from the same description ----------------------------------------------------

/** What a fast check gives for a value it cannot vouch for: zod decides. */
const REFUSED = Symbol('refused');
/** What it gives for a blank optional field: left out of the order, as zod leaves it unset. */
const LEFT_OUT = Symbol('left out');

let failed = false;
/** A report that only notes that something was wrong: the fast check needs no words. */
const flag = (): void => {
	failed = true;
};

function passes(rule: KindRule, value: unknown, field: ValueField): boolean {
	failed = false;
	rule.check(value, flag, field);
	return !failed;
}

/** Checks one field's value: the value to send (the same one when nothing was converted). */
type FieldCheck = (value: unknown) => unknown;

function valueCheck(rule: KindRule, field: ValueField, required: boolean): FieldCheck {
	return (v) => {
		if (!required && (v === '' || v === null)) return LEFT_OUT;
		const value = rule.convert(v);
		return passes(rule, value, field) ? value : REFUSED;
	};
}

interface PlainObject {
	/** Each field's check, and whether it is required: one lookup per field of every order. */
	fields: ReadonlyMap<string, { check: FieldCheck; required: boolean }>;
	requiredCount: number;
}

function plainObject(fields: Fields): PlainObject {
	const checks = new Map<string, { check: FieldCheck; required: boolean }>();
	let requiredCount = 0;
	for (const [name, field] of Object.entries(fields)) {
		const required = field.required === true;
		checks.set(name, { check: fieldCheck(field), required });
		if (required) requiredCount++;
	}
	return { fields: checks, requiredCount };
}

/**
 * An object whose keys are all known, the required ones present, every value passing: the input
 * itself when nothing was converted or left out (tens of thousands of orders are not held twice),
 * else a copy.
 */
function checkObject(input: unknown, schema: PlainObject): Plain | typeof REFUSED {
	if (!isObject(input)) return REFUSED;
	let copy: Plain | undefined;
	let requiredSeen = 0;
	for (const key in input) {
		const field = schema.fields.get(key);
		if (!field) return REFUSED;
		const given = input[key];
		const value = given === undefined ? LEFT_OUT : field.check(given);
		if (value === REFUSED) return REFUSED;
		if (field.required) {
			if (value === LEFT_OUT) return REFUSED;
			requiredSeen++;
		}
		if (value === given && copy === undefined) continue;
		copy ??= copyUntil(input, key);
		if (value !== LEFT_OUT) copy[key] = value;
	}
	if (requiredSeen !== schema.requiredCount) return REFUSED;
	return copy ?? input;
}

/** The keys of `input` before `stop`, copied. */
function copyUntil(input: Plain, stop: string): Plain {
	const copy: Plain = {};
	for (const key in input) {
		if (key === stop) break;
		copy[key] = input[key];
	}
	return copy;
}

function listCheck(field: ListField): FieldCheck {
	const entry = plainObject(field.of);
	const { unique } = field;
	return (v) => {
		if (!Array.isArray(v))
			return field.required ? REFUSED : blank(v) === undefined ? LEFT_OUT : REFUSED;
		if (field.min !== undefined && v.length < field.min) return REFUSED;
		let list: Plain[] | undefined;
		for (let index = 0; index < v.length; index++) {
			const checked = checkObject(v[index], entry);
			if (checked === REFUSED) return REFUSED;
			if (checked !== v[index]) list ??= v.slice(0, index);
			list?.push(checked);
		}
		// One entry cannot repeat another: lists of one (most baskets) skip the set it takes.
		if (unique && v.length > 1) {
			failed = false;
			reportRepeats(list ?? v, unique, flag);
			if (failed) return REFUSED;
		}
		return list ?? v;
	};
}

function customCheck(required: boolean): FieldCheck {
	const value = valueCheck(CUSTOM_VALUE, { kind: 'text', required: true }, true);
	return (v) => {
		if (!required && blank(v) === undefined) return LEFT_OUT;
		if (!isObject(v)) return REFUSED;
		let copy: Plain | undefined;
		for (const key in v) {
			if (customKeyProblem(key)) return REFUSED;
			const checked = value(v[key]);
			if (checked === REFUSED) return REFUSED;
			if (checked !== v[key]) copy ??= { ...v };
			if (copy) copy[key] = checked;
		}
		return copy ?? v;
	};
}

function fieldCheck(field: Field): FieldCheck {
	const required = field.required === true;
	if (field.kind === 'list') return listCheck(field);
	if (field.kind === 'customParameters') return customCheck(required);
	return valueCheck(KINDS[field.kind], field, required);
}

// the two orders -----------------------------------------------------------------------------

/** Conversion API order. */
export const conversionOrderSchema = objectSchema(CONVERSION_ORDER).superRefine((order, ctx) =>
	reportAttribution(order, (field, message) =>
		ctx.addIssue({ code: 'custom', path: [field], message }),
	),
);

const CONVERSION = plainObject(CONVERSION_ORDER);

/** A plainly valid Conversion API order, as conversionOrderSchema would give it; else undefined. */
export function plainConversionOrder(input: unknown): IDataObject | undefined {
	const order = checkObject(input, CONVERSION);
	if (order === REFUSED) return undefined;
	failed = false;
	reportAttribution(order, flag);
	return failed ? undefined : (order as IDataObject);
}

/** Either spelling of the commission groups is read; POP_COMMISSION_GROUPS_FIELD is sent. */
function oneSpelling(input: unknown): unknown {
	if (!isObject(input)) return input;
	const given = POP_COMMISSION_GROUPS_SPELLINGS.filter((name) => input[name] !== undefined);
	if (given.length !== 1 || given[0] === POP_COMMISSION_GROUPS_FIELD) return input;
	const order = { ...input, [POP_COMMISSION_GROUPS_FIELD]: input[given[0]] };
	delete order[given[0]];
	return order;
}

/** Proof of Purchase order. */
export const proofOfPurchaseOrderSchema = z.preprocess(
	oneSpelling,
	objectSchema(PROOF_OF_PURCHASE_ORDER),
);

const PROOF_OF_PURCHASE = plainObject(PROOF_OF_PURCHASE_ORDER);

/** A plainly valid Proof of Purchase order, as proofOfPurchaseOrderSchema would give it; else undefined. */
export function plainProofOfPurchaseOrder(input: unknown): IDataObject | undefined {
	const order = checkObject(input, PROOF_OF_PURCHASE);
	return order === REFUSED ? undefined : (order as IDataObject);
}
