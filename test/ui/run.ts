/// <reference lib="dom" />
/**
 * `npm run test:ui`: the package in a real n8n (the e2e set-up), its editor in headless Debian
 * chromium driven by puppeteer-core. Every Awin operation's panel, the account picker, both triggers;
 * screenshots into docs/images/. Waits on elements only. Prints "N passed, N failed, N skipped".
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SANDBOX_SECRETS, startSandbox } from '../sandbox/server.ts';
import { ensureN8nHost, ROOT } from '../e2e/host.ts';
import {
	freePort,
	installLikeN8n,
	N8nRest,
	packageInfo,
	packPackage,
	startN8n,
	tempDir,
} from '../e2e/n8n.ts';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
type Page = import('puppeteer-core').Page;

const counts = { passed: 0, failed: 0, skipped: 0 };
async function check(name: string, fn: () => Promise<void>): Promise<void> {
	try {
		await fn();
		counts.passed++;
		console.log(`  ok    ${name}`);
	} catch (error) {
		counts.failed++;
		console.log(
			`  FAIL  ${name}\n        ${String((error as Error).message ?? error)
				.split('\n')
				.slice(0, 6)
				.join('\n        ')}`,
		);
	}
}

const OWNER = {
	email: 'ui@n8n-nodes-awin.test',
	password: 'Ui-owner-Passw0rd',
	firstName: 'UI',
	lastName: 'Owner',
};
const WAIT = { timeout: 60_000 };

/** Resources and operations as the built node describes them. */
function operations(): Array<{ resource: string; operation: string }> {
	const built = require(path.join(ROOT, 'dist/nodes/Awin/Awin.node.js')) as Record<
		string,
		new () => {
			description: {
				properties: Array<{
					name: string;
					options?: Array<{ value: string }>;
					displayOptions?: { show?: { resource?: string[] } };
				}>;
			};
		}
	>;
	const { properties } = new (Object.values(built)[0])().description;
	return properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			(p.options ?? []).map((o) => ({
				resource: p.displayOptions!.show!.resource![0],
				operation: o.value,
			})),
		);
}

const workDir = tempDir('awin-ui-');
const sandbox = await startSandbox();
const packed = packPackage(workDir);
const pkg = packageInfo();
const host = ensureN8nHost();
const userFolder = path.join(workDir, 'user');
installLikeN8n(packed.tarball, userFolder, pkg.name, pkg.version);
const n8n = await startN8n({
	bin: host.bin,
	userFolder,
	port: await freePort(),
	logFile: path.join(workDir, 'n8n.log'),
});
const rest = new N8nRest(n8n.url);
await rest.signIn(OWNER);
const awinApi = await rest.createCredential('Awin API (sandbox)', 'awinApi', {
	apiToken: SANDBOX_SECRETS.apiToken,
	baseUrl: sandbox.url,
});
const awinConversionApi = await rest.createCredential(
	'Awin Conversion API (sandbox)',
	'awinConversionApi',
	{ apiKey: SANDBOX_SECRETS.apiKey, baseUrl: sandbox.url },
);
const triggerSecret = await rest.createCredential(
	'Awin Trigger Secret (ui)',
	'awinTriggerSecretApi',
	{ secretToken: 'ui-secret-0123456789abcdef' },
);

const profile = mkdtempSync(path.join(tmpdir(), 'awin-ui-chromium-'));
const browser = await puppeteer.launch({
	executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
	headless: true,
	userDataDir: profile,
	args: [
		'--no-sandbox',
		'--disable-dev-shm-usage',
		'--disable-gpu',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
	defaultViewport: { width: 1440, height: 900 },
});
const page = await browser.newPage();
const consoleErrors: string[] = [];
page.on('console', (message) => {
	if (message.type() === 'error') consoleErrors.push(message.text());
});
page.on('pageerror', (error) => consoleErrors.push(String(error)));

async function signInInBrowser(p: Page): Promise<void> {
	await p.goto(`${n8n.url}/signin`);
	await p.waitForSelector(
		'input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]',
		WAIT,
	);
	await p.type(
		'input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]',
		OWNER.email,
	);
	await p.type('input[type="password"]', OWNER.password);
	await p.keyboard.press('Enter');
	await p.waitForFunction(() => !location.pathname.startsWith('/signin'), WAIT);
}

/** Saves a one-node workflow, opens it in the editor and opens the node's panel. */
async function openPanel(
	node: Record<string, unknown>,
): Promise<import('puppeteer-core').ElementHandle> {
	const saved = await rest.createWorkflow({
		name: `ui: ${String(node.name)} ${randomUUID().slice(0, 6)}`,
		nodes: [{ id: randomUUID(), position: [0, 0], ...node }],
		connections: {},
		settings: {},
		active: false,
	});
	await page.goto(`${n8n.url}/workflow/${saved.id}`);
	const canvasNode = await page.waitForSelector(
		`[data-test-id="canvas-node"][data-node-name="${String(node.name)}"]`,
		WAIT,
	);
	await canvasNode!.click({ count: 2 });
	return (await page.waitForSelector('[data-test-id="ndv"]', WAIT))!;
}

/** An Awin node as new workflows get it (version 1.1: one Awin API credential for every operation), or as version 1 saved it. */
function awinNode(resource: string, operation: string, typeVersion = 1.1): Record<string, unknown> {
	const conversion = resource === 'conversion' || resource === 'proofOfPurchase';
	return {
		name: 'Awin',
		type: 'n8n-nodes-awin.awin',
		typeVersion,
		parameters: { resource, operation },
		credentials:
			conversion && typeVersion === 1
				? { awinConversionApi: { id: awinConversionApi.id, name: awinConversionApi.name } }
				: { awinApi: { id: awinApi.id, name: awinApi.name } },
	};
}

/** Text of the panel that sticks out of a box that clips it (overflow hidden), i.e. is cut off. */
async function overflowing(panel: import('puppeteer-core').ElementHandle): Promise<string[]> {
	return await panel.evaluate((root) => {
		const found: string[] = [];
		for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
			const ownText = Array.from(el.childNodes)
				.filter((n) => n.nodeType === Node.TEXT_NODE)
				.map((n) => n.textContent ?? '')
				.join('')
				.trim();
			if (!ownText) continue;
			const r = el.getBoundingClientRect();
			if (r.width === 0 || getComputedStyle(el).textOverflow === 'ellipsis') continue;
			for (let up = el.parentElement; up && up !== root.parentElement; up = up.parentElement) {
				if (!['hidden', 'clip'].includes(getComputedStyle(up).overflowX)) continue;
				const box = up.getBoundingClientRect();
				if (r.right > box.right + 1)
					found.push(
						`"${ownText.slice(0, 50)}" ends at x=${Math.round(r.right)}, its box at x=${Math.round(box.right)}`,
					);
				break;
			}
		}
		return found;
	});
}

interface CredentialField {
	label: string;
	/** What the field shows: the selected credential as the user reads it. */
	shown: string;
}

/** Every credential field of the panel: its label and the text it shows, in panel order. */
async function credentialFields(
	panel: import('puppeteer-core').ElementHandle,
): Promise<CredentialField[]> {
	return await panel.$$eval('[data-test-id="credentials-label"]', (labels) =>
		labels.map((label) => {
			const field = label.querySelector('[data-test-id="node-credentials-select"]');
			const inputs = Array.from(field?.querySelectorAll('input') ?? []).map((i) => i.value);
			const texts = Array.from(
				field?.querySelectorAll<HTMLElement>(
					'.el-select__selected-item, .el-select__placeholder',
				) ?? [],
			).map((el) => el.innerText.trim());
			const labelText =
				label.querySelector('label')?.innerText ?? (label as HTMLElement).innerText.split('\n')[0];
			return {
				label: labelText.trim(),
				shown: [...texts, ...inputs]
					.map((t) => t.trim())
					.filter(Boolean)
					.join(' | '),
			};
		}),
	);
}

/** Waits until the panel's credential fields show text, then asserts each shows the credential's name. */
async function assertCredentialsShown(
	panel: import('puppeteer-core').ElementHandle,
	names: string[],
): Promise<CredentialField[]> {
	await page.waitForFunction(
		(count) => {
			const fields = Array.from(
				document.querySelectorAll('[data-test-id="ndv"] [data-test-id="node-credentials-select"]'),
			);
			return (
				fields.length === count &&
				fields.every(
					(f) =>
						(f as HTMLElement).innerText.trim() ||
						Array.from(f.querySelectorAll('input')).some((i) => i.value),
				)
			);
		},
		WAIT,
		names.length,
	);
	const fields = await credentialFields(panel);
	assert.deepEqual(
		fields.map((f) => f.shown),
		names,
		`credential fields show ${JSON.stringify(fields)}`,
	);
	return fields;
}

/** Names of the panel's parameters and the credential field ('<credential>'), top to bottom. */
async function panelOrder(panel: import('puppeteer-core').ElementHandle): Promise<string[]> {
	return await panel.$$eval(
		'[data-test-id^="parameter-input-"], [data-test-id="credentials-label"]',
		(els) =>
			els.map((e) =>
				e.getAttribute('data-test-id') === 'credentials-label'
					? '<credential>'
					: e.getAttribute('data-test-id')!.replace('parameter-input-', ''),
			),
	);
}

async function unmaskedSecretInputs(
	panel: import('puppeteer-core').ElementHandle,
): Promise<string[]> {
	return await panel.evaluate((root) =>
		Array.from(root.querySelectorAll<HTMLElement>('[data-test-id^="parameter-input-"]'))
			.filter((el) => /secret|token|password|apikey/i.test(el.getAttribute('data-test-id') ?? ''))
			.flatMap((el) =>
				Array.from(el.querySelectorAll('input'))
					.filter((i) => i.type !== 'password')
					.map(() => el.getAttribute('data-test-id')!),
			),
	);
}

let ownNodeLabel = '';
try {
	await signInInBrowser(page);

	await check(
		"an n8n node's credential field (GitHub, Authentication by credential type) has a label",
		async () => {
			const panel = await openPanel({
				name: 'GitHub',
				type: 'n8n-nodes-base.github',
				typeVersion: 1.1,
				parameters: {
					authentication: 'accessToken',
					resource: 'user',
					operation: 'getRepositories',
					owner: { __rl: true, mode: 'name', value: 'n8n-io' },
				},
			});
			await panel.waitForSelector('[data-test-id="credentials-label"]', WAIT);
			ownNodeLabel = (
				await panel.$eval(
					'[data-test-id="credentials-label"] label',
					(el) => (el as HTMLElement).innerText,
				)
			).trim();
			assert.ok(ownNodeLabel, 'no label');
			console.log(`        n8n's own label: "${ownNodeLabel}"`);
		},
	);

	for (const { resource, operation } of operations()) {
		await check(
			`Awin ${resource} > ${operation}: panel renders its parameters, no console error`,
			async () => {
				consoleErrors.length = 0;
				const panel = await openPanel(awinNode(resource, operation));
				await page.waitForSelector('[data-test-id="ndv"] [data-test-id^="parameter-input-"]', WAIT);
				const names = await panel.$$eval('[data-test-id^="parameter-input-"]', (els) =>
					els.map((e) => e.getAttribute('data-test-id')),
				);
				assert.ok(
					names.includes('parameter-input-resource') && names.includes('parameter-input-operation'),
					`parameters shown: ${names.join(', ')}`,
				);
				const [field] = await assertCredentialsShown(panel, [awinApi.name]);
				assert.equal(
					field.label,
					ownNodeLabel,
					"credential field's label (n8n's own nodes say it so)",
				);
				assert.deepEqual(
					await unmaskedSecretInputs(panel),
					[],
					'secret typed in an unmasked field',
				);
				assert.deepEqual(await overflowing(panel), [], 'content cut off');
				if (resource === 'conversion')
					await page.screenshot({ path: path.join(ROOT, 'docs/images/create-orders.png') });
				if (resource === 'report' && operation === 'getPublisherPerformance')
					await page.screenshot({ path: path.join(ROOT, 'docs/images/report.png') });
				assert.deepEqual(consoleErrors, [], 'browser console errors');
			},
		);
	}

	await check(
		'Awin conversion > createOrders saved as version 1: panel renders with Resource and its own credential',
		async () => {
			consoleErrors.length = 0;
			const panel = await openPanel(awinNode('conversion', 'createOrders', 1));
			await page.waitForSelector(
				'[data-test-id="ndv"] [data-test-id="parameter-input-resource"]',
				WAIT,
			);
			await assertCredentialsShown(panel, [awinConversionApi.name]);
			const order = await panelOrder(panel);
			assert.ok(
				order.indexOf('authentication') !== -1 &&
					order.indexOf('authentication') < order.indexOf('<credential>'),
				`order: ${order.join(', ')}`,
			);
			assert.deepEqual(await overflowing(panel), [], 'content cut off');
			assert.deepEqual(consoleErrors, [], 'browser console errors');
		},
	);

	await check(
		'Awin Trigger (new nodes): Authentication first, then its credential, shown by name',
		async () => {
			consoleErrors.length = 0;
			const panel = await openPanel({
				name: 'Awin Trigger',
				type: 'n8n-nodes-awin.awinTrigger',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: {
					event: 'transactionNotification',
					authentication: 'secretToken',
					options: {},
				},
				credentials: { awinTriggerSecretApi: { id: triggerSecret.id, name: triggerSecret.name } },
			});
			await assertCredentialsShown(panel, [triggerSecret.name]);
			const order = await panelOrder(panel);
			assert.deepEqual(
				order.slice(order.indexOf('authentication'), order.indexOf('authentication') + 2),
				['authentication', '<credential>'],
				`order: ${order.join(', ')}`,
			);
			assert.deepEqual(await overflowing(panel), [], 'content cut off');
			assert.deepEqual(consoleErrors, [], 'browser console errors');
		},
	);

	await check(
		'Awin Trigger (new nodes): Authentication None shows its warning, nothing cut off',
		async () => {
			consoleErrors.length = 0;
			const panel = await openPanel({
				name: 'Awin Trigger',
				type: 'n8n-nodes-awin.awinTrigger',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: { event: 'transactionNotification', authentication: 'none', options: {} },
			});
			await page.waitForFunction(
				() =>
					(
						document.querySelector('[data-test-id="ndv"]') as HTMLElement | null
					)?.innerText.includes('anyone who learns this URL'),
				WAIT,
			);
			assert.deepEqual(await unmaskedSecretInputs(panel), [], 'secret typed in an unmasked field');
			assert.deepEqual(await overflowing(panel), [], 'content cut off');
			assert.deepEqual(consoleErrors, [], 'browser console errors');
		},
	);

	await check(
		'Awin Transaction > Reconcile on the canvas: its seven named outputs; Get Many has one',
		async () => {
			consoleErrors.length = 0;
			const outputs = [
				'Matched',
				'Missing in Awin',
				'Decline',
				'Amend',
				'Declined at Awin, Paid in Shop',
				'In Awin Only',
				'Summary',
			];
			const shown = async (resource: string, operation: string) => {
				const saved = await rest.createWorkflow({
					name: `ui: outputs of ${operation}`,
					nodes: [{ id: randomUUID(), position: [0, 0], ...awinNode(resource, operation) }],
					connections: {},
					settings: {},
					active: false,
				});
				await page.goto(`${n8n.url}/workflow/${saved.id}`);
				await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="Awin"]', WAIT);
				return await page.evaluate(() => document.body.innerText);
			};
			await shown('transaction', 'reconcile');
			await page.waitForFunction(
				(names: string[]) => names.every((name) => document.body.innerText.includes(name)),
				WAIT,
				outputs,
			);
			await page.screenshot({ path: path.join(ROOT, 'docs/images/reconcile-outputs.png') });
			const single = await shown('transaction', 'getMany');
			assert.ok(
				!single.includes('Declined at Awin, Paid in Shop') && !single.includes('In Awin Only'),
				'Get Many shows the named outputs',
			);
			assert.deepEqual(consoleErrors, [], 'browser console errors');
		},
	);

	await check('account picker lists the sandbox accounts', async () => {
		const panel = await openPanel(awinNode('publisher', 'getMany'));
		const picker = await panel.waitForSelector('[data-test-id="rlc-input"]', WAIT);
		await picker!.click();
		await page.waitForFunction(
			() =>
				document.body.innerText.includes('Demo Shop UK') &&
				document.body.innerText.includes('Demo Shop DE'),
			WAIT,
		);
	});

	await check('Awin Trigger: webhook URLs shown, secret masked, notice not cut off', async () => {
		consoleErrors.length = 0;
		const panel = await openPanel({
			name: 'Awin Trigger',
			type: 'n8n-nodes-awin.awinTrigger',
			typeVersion: 1,
			webhookId: randomUUID(),
			parameters: { event: 'transactionNotification', secretToken: 'ui-secret', options: {} },
		});
		const ndvText = () => page.$eval('[data-test-id="ndv"]', (el) => (el as HTMLElement).innerText);
		// n8n's webhook URL box: folded under "Webhook URLs", with a Test URL / Production URL switch.
		await (await panel.waitForSelector('::-p-text(Webhook URLs)', WAIT))!.click();
		await page.waitForFunction(
			() =>
				/\/webhook-test\//.test(
					(document.querySelector('[data-test-id="ndv"]') as HTMLElement).innerText,
				),
			WAIT,
		);
		await (await panel.waitForSelector('::-p-text(Production URL)', WAIT))!.click();
		await page.waitForFunction(
			() =>
				/\/webhook\/[^ ]*webhook/.test(
					(document.querySelector('[data-test-id="ndv"]') as HTMLElement).innerText,
				),
			WAIT,
		);
		assert.match(await ndvText(), /Test URL/);
		await page.screenshot({ path: path.join(ROOT, 'docs/images/trigger.png') });
		assert.deepEqual(await unmaskedSecretInputs(panel), [], 'secret typed in an unmasked field');
		assert.deepEqual(await overflowing(panel), [], 'content cut off');
		assert.deepEqual(consoleErrors, [], 'browser console errors');
	});

	await check('Awin Transactions Trigger: panel shows its poll times', async () => {
		const panel = await openPanel({
			name: 'Awin Transactions Trigger',
			type: 'n8n-nodes-awin.awinTransactionsTrigger',
			typeVersion: 1,
			parameters: {},
			credentials: { awinApi: { id: awinApi.id, name: awinApi.name } },
		});
		await page.waitForFunction(
			() =>
				(document.querySelector('[data-test-id="ndv"]') as HTMLElement | null)?.innerText.includes(
					'Poll Times',
				),
			WAIT,
		);
		await assertCredentialsShown(panel, [awinApi.name]);
		assert.deepEqual(await overflowing(panel), [], 'content cut off');
	});
} finally {
	await browser.close();
	await n8n.stop();
	await sandbox.close();
	rmSync(profile, { recursive: true, force: true });
	if (counts.failed === 0) rmSync(workDir, { recursive: true, force: true });
	else console.log(`kept ${workDir}`);
}

console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);
