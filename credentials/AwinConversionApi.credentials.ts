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
				'The x-api-key for the Conversion API (advertisers) or the Proof of Purchase API (publishers). In the Awin UI: your name in the top-right corner > API Credentials; if no key is shown there, ask your Awin contact to enable the Conversion API or Proof of Purchase for your account.',
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

	// Awin has no read endpoint for this key. The test posts an empty batch to advertiser 0, which
	// cannot register anything: Awin rejects a bad key with 401 (or 403 at its gateway) before it
	// looks at the body, and answers an accepted key with a 4xx about the payload.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/s2s/advertiser/0/orders',
			method: 'POST',
			body: { orders: [] },
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 401,
					message: 'Awin rejected this API key (401). Copy it again from Awin: your name > API Credentials.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 403,
					message: 'Awin refused this API key (403). Check that the Conversion API or Proof of Purchase is enabled for it.',
				},
			},
		],
	};
}
