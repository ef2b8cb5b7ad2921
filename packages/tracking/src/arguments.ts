import { InvalidOptionError } from './errors';
import { createArgumentChecker, type OptionSpec } from './mlflow/check-args';

export { pick } from './mlflow/check-args';

/** BRIEF contract 2 for @abt/tracking: unknown option keys and surplus arguments are InvalidOptionErrors. */
export const argumentChecker = createArgumentChecker((fn, problem, message) => new InvalidOptionError(fn, problem, message));

/** Checks one call: at most `max` positional arguments; the object arguments `options` names have only known keys. */
export function checkCall(fn: string, args: ArrayLike<unknown>, max: number, options?: OptionSpec): void {
  argumentChecker.call(fn, args, options ? { max, options } : { max });
}
