import { EvalError } from '../errors';
import { messages } from '../messages';

/** Keys of the `{ alpha }` options object of the fixed-horizon tests. */
export const ALPHA_OPTIONS = keysOf<{ alpha?: number }>({ alpha: true });
export const ARM_MOMENTS_KEYS = keysOf<ArmMoments>({ n: true, mean: true, variance: true, den: true });
export const ARM_INPUT_KEYS = keysOf<ArmInput>({ values: true, denominators: true, covariate: true });
import { keysOf } from '../check-args';
import type { ArmInput, ArmMoments } from './types';

export function checkCount(where: string, name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new EvalError('INVALID_INPUT', messages.ab.notCount(where, name, value));
}

export function checkAlpha(where: string, alpha: number, name = 'alpha'): void {
  if (!(alpha > 0 && alpha < 1)) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, name, alpha, 'a number in (0, 1)'));
}

export function checkMinUsers(where: string, arm: string, n: number, min: number): void {
  if (n < min) throw new EvalError('INVALID_INPUT', messages.ab.tooFewUsers(where, arm, n, min));
}

export function checkFiniteValues(where: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new EvalError('INVALID_INPUT', messages.notFinite(where, name, i, v));
  }
}

export function checkAligned(where: string, a: ArrayLike<number>, aName: string, b: ArrayLike<number>, bName: string): void {
  if (a.length !== b.length) throw new EvalError('LENGTH_MISMATCH', messages.lengthMismatch(where, aName, a.length, bName, b.length));
}
