/**
 * The webhook's side of a push: whose secret it must carry, what the caller is answered when it
 * is refused, and which of its headers the workflow may see.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MIN_TRIGGER_SECRET_LENGTH } from '../../credentials/AwinTriggerSecretApi.credentials';
import { nodeParameter } from '../shared/params';
import type { IncomingRequest } from './request';
import { TOKEN_HEADER } from './request';

/** Headers that never reach the workflow: the secret itself, and n8n's or a proxy's credentials. */
const HIDDEN_HEADERS = new Set([TOKEN_HEADER, 'authorization', 'cookie', 'proxy-authorization']);

interface HttpAnswer {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** Answers the request from the node (refusals) so n8n starts nothing. */
export function answer(res: HttpAnswer, status: number, body: IDataObject): IWebhookResponseData {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

export function visibleHeaders(headers: IncomingRequest['headers']): IDataObject {
	const visible: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!HIDDEN_HEADERS.has(name.toLowerCase()) && value !== undefined) visible[name] = value;
	}
	return visible;
}

/**
 * The secret a push must carry; '' means none is checked. Version 1 read it from a parameter
 * (empty allowed, as it always was); version 2 from the credential, refusing a short one.
 */
export async function triggerSecret(ctx: IHookFunctions | IWebhookFunctions): Promise<string> {
	if (ctx.getNode().typeVersion < 2) return String(nodeParameter(ctx, 'secretToken', 0, '') ?? '');
	if (nodeParameter(ctx, 'authentication', 0, 'secretToken') === 'none') return '';
	const credentials = await ctx.getCredentials('awinTriggerSecretApi');
	const secret = String(credentials.secretToken ?? '');
	if (secret.length < MIN_TRIGGER_SECRET_LENGTH) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Awin Trigger Secret Token is ${secret.length} characters long; it must have at least ${MIN_TRIGGER_SECRET_LENGTH}`,
			{
				description:
					'Open the Awin Trigger Secret credential and paste a longer random value (e.g. the output of "openssl rand -hex 24"), or choose Authentication > None explicitly.',
			},
		);
	}
	return secret;
}

/** The credential's test: nothing to ask Awin, it checks what the trigger will demand of the secret. */
export async function awinTriggerSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const length = String(credential.data?.secretToken ?? '').length;
	if (length >= MIN_TRIGGER_SECRET_LENGTH)
		return { status: 'OK', message: 'The secret is long enough' };
	const message = `The secret has ${length} characters; use at least ${MIN_TRIGGER_SECRET_LENGTH}`;
	return { status: 'Error', message };
}
