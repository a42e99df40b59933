import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Bodies of a refused key: Awin's error style (`{"error":"unauthorized", ...}`, as its other APIs
 * answer) and an API gateway's (`{"message":"Forbidden"}`, what an x-api-key gateway answers for an
 * unknown key). Unconfirmed by Awin's documentation; see README "Credentials".
 */
const REFUSED_KEY_BODIES = [
	{ key: 'error', value: 'unauthorized' },
	{ key: 'error', value: 'forbidden' },
	{ key: 'message', value: 'Unauthorized' },
	{ key: 'message', value: 'Forbidden' },
];

const REFUSED_KEY_MESSAGE =
	'Awin refused this API key. Copy it again from Awin (your name > API Credentials) and check that the Conversion API or Proof of Purchase is enabled for it.';

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
	// cannot register anything: Awin refuses a bad key (401, or 403 at its gateway) before it looks at
	// the body, and answers an accepted key with a 4xx about the payload. So HTTP errors must not fail
	// the test by themselves (ignoreHttpStatusErrors). n8n's declarative test then hands its rules only
	// the response BODY, never the status code (n8n 2.41.1 RoutingNode: json = response.body), so a
	// refusal is recognised by its body: REFUSED_KEY_BODIES, the one place to adjust when Awin's
	// (undocumented) refusal bodies are known better.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/s2s/advertiser/0/orders',
			method: 'POST',
			body: { orders: [] },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: REFUSED_KEY_BODIES.map(({ key, value }) => ({
			type: 'responseSuccessBody' as const,
			properties: { key, value, message: REFUSED_KEY_MESSAGE },
		})),
	};
}
