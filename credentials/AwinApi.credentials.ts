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
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Awin user API token (Awin calls it an OAuth2 token). In the Awin UI: your name in the top-right corner > API Credentials, enter your password, then Show my API token.',
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

	// GET /accounts is the cheapest call the token can make: it lists the accounts the user can see.
	// A refused token throws; the rules turn its status into a message saying what to do.
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
					message: 'Awin rejected this API token (401). Copy it again from Awin: your name > API Credentials > Show my API token.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Awin refused this API token (403). Check that your Awin user still has access to its accounts.',
				},
			},
		],
	};
}
