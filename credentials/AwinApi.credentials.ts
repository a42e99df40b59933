import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class AwinApi implements ICredentialType {
	name = 'awinApi';

	displayName = 'Awin API';

	icon: Icon = { light: 'file:../icons/awin.svg', dark: 'file:../icons/awin.dark.svg' };

	documentationUrl = 'https://help.awin.com/apidocs/introduction-1';

	properties: INodeProperties[] = [
		{
			displayName: 'Token Type',
			name: 'kind',
			type: 'options',
			options: [
				{
					name: 'Classic Token',
					value: 'classic',
					description:
						'The token that does not expire (API Credentials > Classic Token > Show token)',
				},
				{
					name: 'Personal Access Token',
					value: 'personalAccessToken',
					description:
						'A token you create with an expiry date and roles per account (API Credentials > Personal Access Token > Create token)',
				},
			],
			default: 'classic',
			description:
				"Both are sent the same way; this only tells where to find yours. Partnership operations use Awin's newer API, where Awin documents the Personal Access Token.",
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Awin token. In the Awin UI: your name (or Settings) in the top-right corner > API Credentials; the Classic Token tab shows the classic token, the Personal Access Token tab creates one (shown only once).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.awin.com',
			description:
				'Leave as it is unless you route calls through a proxy or point at a local Awin sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// GET /accounts is the cheapest call the token can make: it lists the accounts the user can see,
	// whatever they are (the Public API has no call without an account in its path). A refused token
	// throws; the rules turn its status into a message naming the API that answered.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/accounts',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Awin rejected this API token (401), answering on its API's account list (GET /accounts). Copy the token again from Awin: API Credentials, Classic Token or Personal Access Token tab; check that a Personal Access Token has not expired.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"Awin refused this API token (403) on its API's account list (GET /accounts). Check that your Awin user still has access to its accounts, and that a Personal Access Token has a role on them.",
				},
			},
		],
	};
}
