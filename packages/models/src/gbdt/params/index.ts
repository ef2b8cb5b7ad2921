export { GBDT_PARAMS } from './table';
export type { EffectiveParams, GBDTMetricName, GBDTOptions, GBDTParamName, GBDTParams, ImplementedParamName, ParamSpec, Treatment } from './table';
export { canonicalParamName, effectiveParams, givenFromModelText, parseMetrics, publicParams, resolveParams, validateParams } from './resolve';
export type { GivenParams, ResolveIssue } from './resolve';
export { parameterLines } from './model-parameters';
