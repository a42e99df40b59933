import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { checkText } from '../../../shared/params';

const clickReference = (n: number): INodeProperties => ({
	displayName: `Click Reference ${n}`,
	name: `clickref${n}`,
	type: 'string',
	default: '',
	description: `Your own value, reported back on the transaction as clickRef${n}`,
});

const clickParameterFields: INodeProperties[] = [
	{
		displayName: 'Campaign',
		name: 'campaign',
		type: 'string',
		default: '',
		description: "Campaign name, reported in Awin's campaign report",
	},
	{
		displayName: 'Click Reference',
		name: 'clickref',
		type: 'string',
		default: '',
		description:
			'Your own value (e.g. a member or session ID), reported back on the transaction as clickRef',
	},
	clickReference(2),
	clickReference(3),
	clickReference(4),
	clickReference(5),
	clickReference(6),
];

export const clickParametersField: INodeProperties = {
	displayName: 'Click Parameters',
	name: 'clickParameters',
	type: 'collection',
	placeholder: 'Add Parameter',
	default: {},
	options: clickParameterFields,
};

/** The texts of an item that go to Awin as they are, each at most MAX_TEXT_LENGTH characters. */
export function checkLinkTexts(
	node: INode,
	itemIndex: number,
	destinationUrl: unknown,
	clickParameters: IDataObject,
): void {
	checkText(node, itemIndex, 'Destination URL', String(destinationUrl ?? ''));
	for (const field of clickParameterFields) {
		const value = clickParameters[field.name];
		if (value !== undefined && value !== null)
			checkText(node, itemIndex, field.displayName, String(value));
	}
}
