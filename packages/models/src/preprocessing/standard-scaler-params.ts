import { InvalidParamError } from '../errors';
import { messages } from '../messages';

const msg = messages.preprocessing;

/** Hyperparameters, spelled as scikit-learn's `StandardScaler` spells them (every one of its three). */
export type StandardScalerParams = {
  /**
   * sklearn: `false` may scale X in place. abt writes into X only when `transform` is given X's own
   * array as `options.out`, so `copy` cannot change any result: accepted and validated, no effect.
   */
  copy: boolean;
  /** Subtract each column's mean. Must be false for CSR input (centering would densify it). */
  with_mean: boolean;
  /** Divide by each column's population standard deviation (1 for constant columns). */
  with_std: boolean;
};

export const STANDARD_SCALER_DEFAULTS: Readonly<StandardScalerParams> = Object.freeze({
  copy: true,
  with_mean: true,
  with_std: true,
});

export const STANDARD_SCALER_PARAM_NAMES = Object.keys(STANDARD_SCALER_DEFAULTS) as (keyof StandardScalerParams)[];

/** Fills defaults without writing into the caller's object; `undefined` means not given. */
export function withDefaults(p: Partial<StandardScalerParams>): StandardScalerParams {
  const { copy = STANDARD_SCALER_DEFAULTS.copy, with_mean = STANDARD_SCALER_DEFAULTS.with_mean, with_std = STANDARD_SCALER_DEFAULTS.with_std } = p;
  return { copy, with_mean, with_std };
}

export function validateParams(p: StandardScalerParams): void {
  for (const name of STANDARD_SCALER_PARAM_NAMES) {
    if (typeof p[name] !== 'boolean') throw new InvalidParamError(name, msg.paramType('StandardScaler', name, 'a boolean', p[name]));
  }
}
