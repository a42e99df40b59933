import type { IDataObject } from 'n8n-workflow';

/** Commission groups from the fixedCollection, in Awin's shape. */
export function readCommissionGroups(value: unknown): IDataObject[] {
	const groups = ((value as IDataObject | undefined)?.group ?? []) as IDataObject[];
	return groups.map((group) => ({ code: group.code, amount: group.amount }));
}

/** Drops fields left empty in the editor, so the order holds only what the user set. */
export function withoutBlanks(order: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(order).filter(([, value]) => value !== undefined && value !== null && value !== ''),
	);
}
