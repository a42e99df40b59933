export { runWorkflow, buildWorkflow, additionalData } from './engine.ts';
export type { OutputItem, RunResult, RunOptions, WorkflowJson } from './engine.ts';
export { nodeTypes, credentialTypes, PACKAGE_NAME, PACKAGE_ROOT } from './package.ts';
export { TestCredentialsHelper } from './credentials.ts';
export { startSandbox, SANDBOX_SECRETS } from '../sandbox/server.ts';
export type { AwinSandbox } from '../sandbox/server.ts';
export { awinNode, credentialsFor, workflowOf } from './workflows.ts';
export { startWebhookEndpoint } from './webhook.ts';
export type { WebhookCall, WebhookEndpoint, SendOptions } from './webhook.ts';
