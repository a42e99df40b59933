import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class AwinConversionApi implements ICredentialType {
	name = 'awinConversionApi';

	displayName = 'Awin Conversion API';

	icon: Icon = { light: 'file:../icons/awin.svg', dark: 'file:../icons/awin.dark.svg' };

	documentationUrl = 'https://developer.awin.com/apidocs/conversion-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your personal Awin API token, the same one the Awin API credential holds: Awin sends it as x-api-key to the Conversion API and Proof of Purchase. In the Awin UI: your name in the top-right corner > API Credentials > Show my API token. A separate key Awin gave you also works here; the connection test can only check the personal token.',
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
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Awin's authentication page: the x-api-key value is "<your token>", the same personal token the
	// other APIs take as "Bearer <your token>". So GET /accounts with it as Bearer proves the token is
	// valid, whatever advertiser it can reach. A separate key Awin issued cannot be checked this way
	// (n8n still lets the user save it; the orders calls send it as x-api-key).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/accounts',
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Awin did not accept this as your personal API token (401). Copy it from Awin: your name > API Credentials > Show my API token. A separate Conversion API key cannot be tested here: save it anyway if Awin gave you one.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Awin refused this API token (403). Check that your Awin user still has access to its accounts.',
				},
			},
		],
	};
}
