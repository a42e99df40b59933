// n8n runs parameter regexes in a vm with a 250 ms timeout, each operation a script compiled once
// (n8n-workflow's nodeVmEngine). The same here, but a GC pause on a loaded two-core CI machine can
// exceed 250 ms and fail a test for no fault of the node: tests give it 5 s.
import vm from 'node:vm';
import { setSafeRegexEngine } from 'n8n-workflow';

const REGEX_TIMEOUT_MS = 5_000;
const regexContext = vm.createContext({
	pattern: '',
	flags: '',
	input: '',
	replacement: '',
	result: undefined as unknown,
});
const scripts = {
	exec: new vm.Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new vm.Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new vm.Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new vm.Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new vm.Script('result = input.split(new RegExp(pattern, flags))'),
};
const runRegex = (script: vm.Script, values: Record<string, string>) => {
	Object.assign(regexContext, values, { result: undefined });
	script.runInContext(regexContext, { timeout: REGEX_TIMEOUT_MS });
	return regexContext.result;
};
const globalFlags = (flags?: string) => (flags?.includes('g') ? flags : `${flags ?? ''}g`);
setSafeRegexEngine({
	exec: (pattern: string, input: string, flags?: string) =>
		runRegex(scripts.exec, { pattern, input, flags: flags ?? '' }),
	test: (pattern: string, input: string, flags?: string) =>
		runRegex(scripts.test, { pattern, input, flags: flags ?? '' }),
	replace: (pattern: string, input: string, flags: string | undefined, replacement: string) =>
		runRegex(scripts.replace, { pattern, input, flags: flags ?? '', replacement }),
	matchAll: (pattern: string, input: string, flags?: string) =>
		runRegex(scripts.matchAll, { pattern, input, flags: globalFlags(flags) }),
	split: (pattern: string, input: string, flags?: string) =>
		runRegex(scripts.split, { pattern, input, flags: flags ?? '' }),
} as Parameters<typeof setSafeRegexEngine>[0]);
