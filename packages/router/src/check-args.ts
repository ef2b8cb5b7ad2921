import { InvalidArgumentError } from './errors';
import { messages } from './messages';

/**
 * Contract 2 of the brief, in one place for the whole package: a public function refuses surplus
 * positional arguments and option keys it does not implement (plain-JavaScript callers have no
 * type checker), with an {@link InvalidArgumentError} naming the function and the argument.
 */
export function checkArity(fn: string, args: { readonly length: number }, max: number): void {
  if (args.length > max) throw new InvalidArgumentError(fn, `argument ${max + 1}`, messages.surplusArguments(fn, args.length, max));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an options object: `undefined` stands for `{}`; anything else must be a plain object whose
 * keys are all in `known`. Returns the object so callers can destructure it.
 */
export function checkOptions<T extends object>(fn: string, options: T | undefined, known: readonly string[], at = 'options'): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) throw new InvalidArgumentError(fn, at, messages.optionsNotObject(fn, at));
  for (const key of Object.keys(options))
    if (!known.includes(key)) throw new InvalidArgumentError(fn, `${at}.${key}`, messages.unknownOption(fn, `${at}.${key}`, known));
  return options;
}

/** Checks a required argument's type with a predicate; `what` describes what is expected. */
export function checkArg(fn: string, argument: string, ok: boolean, what: string, got: unknown): void {
  if (!ok) throw new InvalidArgumentError(fn, argument, messages.badArgument(fn, argument, what, got));
}
