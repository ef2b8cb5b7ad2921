import { createArgumentChecker, type OptionSpec } from '@abt/tracking/mlflow';

export { pick } from '@abt/tracking/mlflow';
import { REGISTRY_STORE_CALLS } from './call-specs.js';
import { InvalidOptionError } from './errors.js';

/** BRIEF contract 2 for @abt/registry: unknown option keys and surplus arguments are InvalidOptionErrors. */
export const argumentChecker = createArgumentChecker((fn, problem, message) => new InvalidOptionError(fn, problem, message));

/** Checks one call: at most `max` positional arguments; the object arguments `options` names have only known keys. */
export function checkCall(fn: string, args: ArrayLike<unknown>, max: number, options?: OptionSpec): void {
  argumentChecker.call(fn, args, options ? { max, options } : { max });
}

/** Checks a RegistryStore method call against the one signature table (REGISTRY_STORE_CALLS). */
export function checkStoreCall(store: object, method: keyof typeof REGISTRY_STORE_CALLS, args: ArrayLike<unknown>): void {
  argumentChecker.call(`${store.constructor.name}.${method}`, args, REGISTRY_STORE_CALLS[method]);
}
