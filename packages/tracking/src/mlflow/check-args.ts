import { InvalidOptionError } from '../errors';
import { messages } from '../messages';

/**
 * BRIEF contract 2 for @abt/tracking and @abt/registry: an option key or a positional argument a
 * function does not implement is a typed error naming it and the function — plain-JavaScript
 * callers have no type checker. One implementation, bound to each package's error class.
 */

/** What was refused: an option key (with where it sat) or a surplus argument position (1-based). */
export type ArgumentProblem =
  | { kind: 'option'; key: string; where: string }
  | { kind: 'argument'; position: number }
  | { kind: 'not-an-object'; where: string };

/** Builds the caller package's "invalid option/argument" error. */
export type InvalidArgumentReporter = (fn: string, problem: ArgumentProblem, message: string) => Error;

/**
 * The option keys of an options type, declared once as `{ key: true, … }`: TypeScript makes the
 * list name every key of `T` (a new option cannot be forgotten) and nothing else.
 */
export function optionKeys<T>(keys: { [K in keyof Required<T>]: true }): readonly string[] {
  own().call('optionKeys', arguments, { max: 1 });
  return Object.freeze(Object.keys(keys));
}

/** Where a call's object arguments are checked: argument index → allowed keys. */
export type OptionSpec = Readonly<Record<number, readonly string[]>>;

/** One function's signature for the checks: how many positional arguments, which option objects. */
export interface CallSpec {
  readonly max: number;
  readonly options?: OptionSpec;
}

export interface ArgumentChecker {
  /**
   * Refuses positional arguments past `max` (an explicit trailing `undefined` carries nothing and
   * passes) and unknown keys in the object arguments `options` names (`undefined` passes: defaults apply).
   */
  call(fn: string, args: ArrayLike<unknown>, spec: CallSpec): void;
  /** Refuses keys of one object not in `allowed`; `where` names it in the message (`options`, `batch.metrics[2]`). */
  options(fn: string, value: unknown, allowed: readonly string[], where?: string): void;
}

export function createArgumentChecker(report: InvalidArgumentReporter): ArgumentChecker {
  if (ownChecker) ownChecker.call('createArgumentChecker', arguments, { max: 1 });
  const options = (fn: string, value: unknown, allowed: readonly string[], where = 'options'): void => {
    if (value === undefined) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw report(fn, { kind: 'not-an-object', where }, messages.notAnOptionsObject(fn, where, value));
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw report(fn, { kind: 'option', key, where }, messages.unknownOption(fn, where, key, allowed));
    }
  };
  const call = (fn: string, args: ArrayLike<unknown>, spec: CallSpec): void => {
    for (let i = spec.max; i < args.length; i++) {
      if (args[i] !== undefined) throw report(fn, { kind: 'argument', position: i + 1 }, messages.surplusArgument(fn, i + 1, spec.max));
    }
    for (const [index, allowed] of Object.entries(spec.options ?? {})) {
      const i = Number(index);
      options(fn, args[i], allowed, `argument ${i + 1}`);
    }
  };
  return {
    options(fn, value, allowed, where) {
      call('ArgumentChecker.options', arguments, { max: 4 });
      options(fn, value, allowed, where);
    },
    call(fn, args, spec) {
      call('ArgumentChecker.call', arguments, { max: 3 });
      call(fn, args, spec);
    },
  };
}

/** The entries of `options` whose keys are in `keys` (undefined values dropped): hands each callee only what it implements. */
export function pick<T extends object>(options: T, keys: readonly string[]): Partial<T> {
  own().call('pick', arguments, { max: 2 });
  return Object.fromEntries(Object.entries(options).filter(([k, v]) => keys.includes(k) && v !== undefined)) as Partial<T>;
}

// The checks of this module's own functions (tracking's InvalidOptionError), made on first use.
let ownChecker: ArgumentChecker | undefined;
function own(): ArgumentChecker {
  ownChecker ??= createArgumentChecker((fn, problem, message) => new InvalidOptionError(fn, problem, message));
  return ownChecker;
}
