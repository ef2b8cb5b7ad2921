// Public API of @abt/features.
export { FeatureSpec, fitFeatureSpec, loadFeatureSpec } from './feature-spec';
export type { FitInput, TransformColumnsOptions } from './feature-spec';
export {
  REQUEST_FIELDS,
  MAX_ID_LENGTH,
  requestColumns,
  requestRow,
  isRequestColumns,
  requestFieldName,
  numericId,
  takeRequestRows,
  concatRequestColumns,
  withDefaultTimestamp,
  checkId,
} from './request';
export type { EntityId, FeatureRequest, RequestColumns, RequestColumnsInput, RequestField, RequestFieldValue } from './request';
export type { OnlineHistory } from './online-history';
export type { InteractionBatch, OnlineHistoryStats } from './online-history';
export { PROGRESS_ROWS } from './transform-options';
export type { FeatureProgress, FeatureStep, FitOptions, TransformOptions } from './transform-options';
export { DEFAULT_OPTIONS } from './options';
export type { FeatureKind, FeatureSpecOptions, ResolvedOptions } from './options';
export { FeaturesError } from './errors';
export type { FeaturesErrorCode } from './errors';
export { messages } from './messages';
export { isCsr } from './matrix';
export type { CsrMatrix, DenseMatrix, FeatureMatrix, Matrix } from './matrix';
export { FEATURE_SPEC_FORMAT, FEATURE_SPEC_VERSIONS } from './spec-json';
export type { CountTableJSON, EntityJSON, FeatureSpecJSON } from './spec-json';
export type { JsonNumberArray } from './json-codec';
export { AGE_BUCKET_BOUNDS } from './catalog';
export { CONTENT_FEATURES } from './dense-features';
