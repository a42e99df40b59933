import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Shortest secret accepted (our choice: 16 random characters cannot be guessed by trying URLs).
 * The trigger node imports it from here: credentials import nothing from nodes/.
 */
export const MIN_TRIGGER_SECRET_LENGTH = 16;

/** The Awin Trigger's shared secret: kept in n8n's encrypted credentials, never in the workflow JSON. */
export class AwinTriggerSecretApi implements ICredentialType {
	name = 'awinTriggerSecretApi';

	displayName = 'Awin Trigger Secret API';

	icon: Icon = { light: 'file:../icons/awin.svg', dark: 'file:../icons/awin.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-awin/n8n-nodes-awin/blob/main/docs/security.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Token',
			name: 'secretToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `A long random value you make up (at least ${MIN_TRIGGER_SECRET_LENGTH} characters, e.g. the output of "openssl rand -hex 24"). Awin's requests must carry it as ?token= in the URL (or an x-awin-token header); any other request is refused with 401 and starts nothing.`,
		},
	];
}
