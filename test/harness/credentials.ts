/**
 * Test credentials applied the way n8n applies them: each credential type's own `authenticate`
 * definition (generic headers/qs/body with $credentials expressions, or a function).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { Expression, ICredentialsHelper } from 'n8n-workflow';

import { credentialTypes } from './package.ts';

export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/** Resolves `={{$credentials.x}}` templates like n8n's own credentials helper. */
export function resolveCredentialValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return Expression.resolveWithoutWorkflow(value, { $credentials: credentials });
}

function stripEquals(value: unknown): unknown {
	return typeof value === 'string' && value.startsWith('=') ? value.slice(1) : value;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: TestCredentials) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		const options = requestOptions as IHttpRequestOptions;
		const auth = type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, options);
		if (!auth || auth.type !== 'generic') return options;
		for (const target of ['headers', 'qs', 'body'] as const) {
			const values = auth.properties[target] as Record<string, unknown> | undefined;
			if (!values) continue;
			const resolved: Record<string, unknown> = {};
			for (const [key, value] of Object.entries(values)) {
				resolved[String(stripEquals(resolveCredentialValue(key, credentials)))] = stripEquals(
					resolveCredentialValue(value, credentials),
				);
			}
			(options as unknown as Record<string, unknown>)[target] = {
				...((options as unknown as Record<string, Record<string, unknown> | undefined>)[target] ??
					{}),
				...resolved,
			};
		}
		return options;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`The test gave no credentials of type ${type}`);
		// Defaults from the credential type, as n8n applies them.
		const defaults = Object.fromEntries(
			(credentialTypes[type]?.properties ?? []).map((p) => [p.name, p.default]),
		) as ICredentialDataDecryptedObject;
		return { ...defaults, ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}
