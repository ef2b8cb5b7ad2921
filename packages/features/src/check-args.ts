import { FeaturesError } from './errors';
import { messages } from './messages';

/**
 * The keys an options (or input) object may carry. Built by `keysOf`, whose argument must list
 * every key of the type, so the run-time list cannot drift from the TypeScript one.
 */
export type KeySet = ReadonlySet<string>;

/** Declares the allowed keys of `T`: the compiler rejects a missing or extra key. */
export function keysOf<T extends object>(keys: { readonly [K in keyof Required<T>]: true }): KeySet {
  return new Set(Object.keys(keys));
}

/**
 * Refuses surplus positional arguments (plain-JavaScript callers have no type checker):
 * `params` names the parameters `fn` takes. A trailing `undefined` carries nothing and is let through.
 * `FeaturesError('INVALID_OPTION')`, `where` = `argument <position>`.
 */
export function checkArity(fn: string, args: ArrayLike<unknown>, params: readonly string[]): void {
  for (let i = params.length; i < args.length; i++) {
    if (args[i] !== undefined) throw new FeaturesError('INVALID_OPTION', messages.surplusArgument(fn, i + 1, params), `argument ${i + 1}`);
  }
}

/**
 * Refuses an options (or input) object with a key `fn` does not implement (`where` = the key's path).
 * `undefined` means "not given"; anything that is not a plain object is refused too.
 */
export function checkKeys(fn: string, name: string, value: unknown, keys: KeySet): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FeaturesError('INVALID_OPTION', messages.optionsNotAnObject(fn, name, value), name);
  }
  for (const key of Object.keys(value)) {
    if (!keys.has(key)) throw new FeaturesError('INVALID_OPTION', messages.unknownKey(fn, name, key, [...keys]), `${name}.${key}`);
  }
}
