import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandbox } from '/work/wt/h14/test/harness/index.ts';
const roomy = { limit: 100_000, windowMs: 1_000 };
const sandbox = await startSandbox({ quotas: { bearer: roomy, conversion: roomy, proofOfPurchase: roomy } });
const [op, n] = process.argv.slice(2);
for (const impl of ['minimal','awin','minimal','awin']) {
sandbox.reset();
const { stdout } = await promisify(execFile)(process.execPath, ['--experimental-transform-types', '--no-warnings', '--expose-gc', 'bench/run.mjs', 'bench/writes.child.ts', `--op=${op}`, `--n=${n}`, `--impl=${impl}`, `--url=${sandbox.url}`], { encoding: 'utf8' });
console.log(stdout.trim().split('\n').pop());
}
await sandbox.close();
