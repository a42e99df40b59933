// Runs a bench file (TypeScript, through Node's type stripping) the way the tests load the package:
// n8n-workflow's CommonJS build (its ES build does not load under plain Node), one copy for all.
// Usage: node --experimental-transform-types bench/run.mjs bench/orders.bench.ts [args]
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

registerHooks({
	resolve(specifier, context, next) {
		if (specifier === 'n8n-workflow' || specifier.startsWith('n8n-workflow/')) {
			return next(specifier, { ...context, conditions: ['require', 'node', 'default'] });
		}
		return next(specifier, context);
	},
});

const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(path.resolve(file)).href);
