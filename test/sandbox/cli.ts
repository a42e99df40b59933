// `npm run sandbox`: the Awin stand-in on its own, for pointing n8n credentials at it.
import { SANDBOX_SECRETS, startSandbox } from './server.ts';

const port = Number(process.env.SANDBOX_PORT ?? 0);
const sandbox = await startSandbox({ port });
console.log(`Awin sandbox listening on ${sandbox.url}`);
console.log('Credentials for n8n (Base URL is the sandbox URL):');
console.log(`  Awin API             API Token: ${SANDBOX_SECRETS.apiToken}`);
console.log(`  Awin Conversion API  API Key:   ${SANDBOX_SECRETS.apiKey}`);
console.log('Every request is printed below. Ctrl+C stops it.');
const logged = { count: 0 };
setInterval(() => {
	for (const r of sandbox.requests.slice(logged.count)) {
		console.log(`${new Date(r.time).toISOString()} ${r.method} ${r.path} -> ${r.status ?? '...'}`);
	}
	logged.count = sandbox.requests.length;
}, 500);
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
