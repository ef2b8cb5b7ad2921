import { messages } from './messages';
import { InvalidArgumentError, InvalidParamError } from './errors';

const msg = messages.common;

// The one place @abt/models refuses what it does not implement (the brief's contract 2): surplus
// positional arguments and unknown option keys are typed errors naming the function and the key,
// never ignored. A key whose value is `undefined` counts as absent, as in destructuring defaults.

/** Throws InvalidArgumentError when `fn` was called with more than `max` positional arguments. */
export function checkArity(fn: string, given: number, max: number): void {
  if (given > max) throw new InvalidArgumentError(fn, `argument ${max + 1}`, msg.surplusArguments(fn, max, given));
}

/** Throws InvalidArgumentError unless `options` is undefined or a plain object whose keys are all in `known`. */
export function checkOptions(fn: string, options: unknown, known: readonly string[], name = 'options'): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(fn, name, msg.notOptionsObject(fn, name, options));
  }
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !known.includes(key)) throw new InvalidArgumentError(fn, `${name}.${key}`, msg.unknownOption(fn, name, key, known));
  }
}

/** The hyperparameter keys of `params` that `known` does not list (undefined values skipped). */
export function unknownParamKeys(params: object, known: readonly string[]): string[] {
  return Object.entries(params)
    .filter(([k, v]) => v !== undefined && !known.includes(k))
    .map(([k]) => k);
}

/** Throws InvalidParamError naming the first key of `params` that `owner` does not take. */
export function checkParamNames(owner: string, params: unknown, known: readonly string[]): void {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidArgumentError(owner, 'params', msg.notOptionsObject(owner, 'params', params));
  }
  const bad = unknownParamKeys(params, known)[0];
  if (bad !== undefined) throw new InvalidParamError(bad, msg.unknownParam(owner, bad, known));
}
