import type { INodeProperties } from 'n8n-workflow';

/** Which side of Awin an account is on; the path starts with `/advertisers/` or `/publishers/`. */
export type AccountSide = 'advertiser' | 'publisher';

/** An Awin account as a resource locator: pick from the accounts the token sees, or type the id. */
export function accountLocator(
	name: 'advertiserId' | 'publisherId',
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const type = name === 'advertiserId' ? 'advertiser' : 'publisher';
	const label = name === 'advertiserId' ? 'Advertiser' : 'Publisher';
	return {
		displayName: `${label} Account`,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The Awin ${type} account (its ID is shown in brackets in Awin's account switcher)`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod:
						name === 'advertiserId' ? 'searchAdvertiserAccounts' : 'searchPublisherAccounts',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345',
				// No regex validation here: n8n runs a mode's regex in a vm before every execution
				// (costly the first time in a process; docs/development.md), and
				// readAccountId refuses a value that is not a number, naming item, parameter and value.
			},
		],
		...overrides,
	};
}

/**
 * The account fields of a read that exists on both sides: Account Type, then the advertiser or
 * publisher picker. A read of one side only gets just that side's picker.
 */
export function accountFields(sides: AccountSide[]): INodeProperties[] {
	if (sides.length === 1)
		return [accountLocator(sides[0] === 'advertiser' ? 'advertiserId' : 'publisherId')];
	return [
		{
			displayName: 'Account Type',
			name: 'accountType',
			type: 'options',
			options: [
				{
					name: 'Advertiser',
					value: 'advertiser',
					description: 'Read as the advertiser (merchant)',
				},
				{ name: 'Publisher', value: 'publisher', description: 'Read as the publisher (affiliate)' },
			],
			default: 'advertiser',
			description: 'Whether the account you read is an advertiser or a publisher account',
		},
		accountLocator('advertiserId', { displayOptions: { show: { accountType: ['advertiser'] } } }),
		accountLocator('publisherId', { displayOptions: { show: { accountType: ['publisher'] } } }),
	];
}
