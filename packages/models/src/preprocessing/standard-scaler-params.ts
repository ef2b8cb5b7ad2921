import { InvalidParamError } from '../errors';
import { messages } from '../messages';

const msg = messages.preprocessing;

/** Hyperparameters, spelled as scikit-learn's `StandardScaler` spells them. */
export type StandardScalerParams = {
  /** Subtract each column's mean. Must be false for CSR input (centering would densify it). */
  with_mean: boolean;
  /** Divide by each column's population standard deviation (1 for constant columns). */
  with_std: boolean;
};

export const STANDARD_SCALER_DEFAULTS: Readonly<StandardScalerParams> = Object.freeze({
  with_mean: true,
  with_std: true,
});

/** Fills defaults without writing into the caller's object. */
export function withDefaults(p: Partial<StandardScalerParams>): StandardScalerParams {
  const { with_mean = STANDARD_SCALER_DEFAULTS.with_mean, with_std = STANDARD_SCALER_DEFAULTS.with_std } = p;
  return { with_mean, with_std };
}

export function validateParams(p: StandardScalerParams): void {
  for (const name of ['with_mean', 'with_std'] as const) {
    if (typeof p[name] !== 'boolean') throw new InvalidParamError(name, msg.paramType('StandardScaler', name, 'a boolean', p[name]));
  }
}
