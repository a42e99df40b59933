// n8n runs parameter regexes in a vm with a 250 ms timeout. A GC pause on a loaded two-core CI
// machine can exceed that and fail a test for no fault of the node; tests give it 5 s.
import vm from 'node:vm';
import { setSafeRegexEngine } from 'n8n-workflow';

const REGEX_TIMEOUT_MS = 5_000;
const regexContext = vm.createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined as unknown });
const runRegex = (code: string, values: Record<string, string>) => {
	Object.assign(regexContext, values, { result: undefined });
	new vm.Script(code).runInContext(regexContext, { timeout: REGEX_TIMEOUT_MS });
	return regexContext.result;
};
const globalFlags = (flags?: string) => (flags?.includes('g') ? flags : `${flags ?? ''}g`);
setSafeRegexEngine({
	exec: (pattern: string, input: string, flags?: string) =>
		runRegex('result = new RegExp(pattern, flags).exec(input)', { pattern, input, flags: flags ?? '' }),
	test: (pattern: string, input: string, flags?: string) =>
		runRegex('result = new RegExp(pattern, flags).test(input)', { pattern, input, flags: flags ?? '' }),
	replace: (pattern: string, input: string, flags: string | undefined, replacement: string) =>
		runRegex('result = input.replace(new RegExp(pattern, flags), replacement)', { pattern, input, flags: flags ?? '', replacement }),
	matchAll: (pattern: string, input: string, flags?: string) =>
		runRegex('result = Array.from(input.matchAll(new RegExp(pattern, flags)))', { pattern, input, flags: globalFlags(flags) }),
	split: (pattern: string, input: string, flags?: string) =>
		runRegex('result = input.split(new RegExp(pattern, flags))', { pattern, input, flags: flags ?? '' }),
} as Parameters<typeof setSafeRegexEngine>[0]);
