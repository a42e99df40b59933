import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZodError, ZodTypeAny, z } from 'zod';

/** ['basket', 0, 'price'] -> "basket[0].price" */
function fieldPath(path: Array<string | number>): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : String(part),
		'',
	);
}

/** "orderReference: Required; basket[0].price: Expected number, received string" */
function describeZodError(error: ZodError): string {
	return error.issues
		.map((issue) => {
			const path = fieldPath(issue.path);
			return path ? `${path}: ${issue.message}` : issue.message;
		})
		.join('; ');
}

/** Why an item's payload was refused: the error naming the item and every offending field. */
export class InvalidPayload {
	constructor(
		readonly error: NodeOperationError,
		readonly fields: string[],
		readonly issues: Array<{ field: string; message: string }>,
	) {}
}

/**
 * Checks one item's payload against its schema. Returns the parsed payload, or an InvalidPayload
 * (a class, not a result wrapper: nothing is made per valid item of a large run). `plain` is the
 * schema's fast path: what it accepts is taken without zod; what it does not goes through zod.
 */
export function validatePayload<S extends ZodTypeAny>(
	ctx: IExecuteFunctions,
	schema: S,
	payload: unknown,
	itemIndex: number,
	what: string,
	plain?: (payload: unknown) => z.infer<S> | undefined,
): z.infer<S> | InvalidPayload {
	const fast = plain?.(payload);
	if (fast !== undefined) return fast;
	const result = schema.safeParse(payload);
	if (result.success) return result.data;
	const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(root)'))];
	const error = new NodeOperationError(
		ctx.getNode(),
		`Item ${itemIndex}: invalid ${what}: ${describeZodError(result.error)}`,
		{
			itemIndex,
			description: `Not sent to Awin. Fix the field${fields.length > 1 ? 's' : ''} ${fields.join(', ')} and run again.`,
		},
	);
	const issues = result.error.issues.map((i) => ({
		field: fieldPath(i.path) || '(root)',
		message: i.message,
	}));
	return new InvalidPayload(error, fields, issues);
}
