export { StandardScaler } from './standard-scaler';
export type { StandardScalerTransformOptions } from './standard-scaler';
export { STANDARD_SCALER_DEFAULTS } from './standard-scaler-params';
export type { StandardScalerParams } from './standard-scaler-params';
export { STANDARD_SCALER_KIND } from './standard-scaler-json';
export type { Transformer, TransformerFitOptions } from './transformer';
export type { DenseFloat64, CsrFloat64 } from './apply-scaling';
