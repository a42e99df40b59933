import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandbox } from '/work/wt/h14/test/harness/index.ts';
const roomy = { limit: 100_000, windowMs: 1_000 };
const sandbox = await startSandbox({ quotas: { bearer: roomy, conversion: roomy, proofOfPurchase: roomy } });
const [op, n, impl] = process.argv.slice(2);
const { stdout } = await promisify(execFile)(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--experimental-transform-types', '--no-warnings', '--expose-gc', 'bench/run.mjs', 'bench/writes.child.ts', `--op=${op}`, `--n=${n}`, `--impl=${impl}`, `--url=${sandbox.url}`], { encoding: 'utf8' });
console.log(stdout);
await sandbox.close();
