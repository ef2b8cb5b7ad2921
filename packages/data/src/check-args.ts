import { InvalidOptionError } from './errors';
import { messages as msg } from './messages';

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
 * The error's `option` is `argument <position>`.
 */
export function checkArity(fn: string, args: ArrayLike<unknown>, params: readonly string[]): void {
  for (let i = params.length; i < args.length; i++) {
    if (args[i] !== undefined) throw new InvalidOptionError(`argument ${i + 1}`, msg.surplusArgument(fn, i + 1, params));
  }
}

/**
 * Refuses an options object with a key `fn` does not implement; the error's `option` is the key.
 * `undefined` means "no options"; anything that is not a plain object is refused too.
 */
export function checkKeys(fn: string, name: string, value: unknown, keys: KeySet): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidOptionError(name, msg.notAnObject(fn, name, value));
  for (const key of Object.keys(value)) {
    if (!keys.has(key)) throw new InvalidOptionError(key, msg.unknownKey(fn, name, key, [...keys]));
  }
}
