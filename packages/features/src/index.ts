// Public API of @abt/features.
export { FeatureSpec, fitFeatureSpec, loadFeatureSpec } from './feature-spec';
export type { FitInput, FeatureRequest } from './feature-spec';
export { DEFAULT_OPTIONS } from './options';
export type { FeatureKind, FeatureSpecOptions, ResolvedOptions } from './options';
export { FeaturesError } from './errors';
export type { FeaturesErrorCode } from './errors';
export { messages } from './messages';
export { isCsr } from './matrix';
export type { CsrMatrix, DenseMatrix, FeatureMatrix, Matrix } from './matrix';
export { FEATURE_SPEC_FORMAT, FEATURE_SPEC_VERSIONS } from './spec-json';
export type { FeatureSpecJSON } from './spec-json';
export { AGE_BUCKET_BOUNDS } from './catalog';
export { CONTENT_FEATURES } from './dense-features';
