export { GBDT_PARAMS } from './table';
export type {
  EffectiveParams,
  GBDTImplementedParamName,
  GBDTMetricName,
  GBDTOptionValue,
  GBDTOptions,
  GBDTParamName,
  GBDTParamSpec,
  GBDTParamTable,
  GBDTParamTreatment,
  GBDTParamType,
  GBDTParamTypeValue,
  GBDTParamValue,
  GBDTParams,
} from './table';
export { effectiveParams, givenFromModelText, publicParams, resolveParams, validateParams } from './resolve';
export type { GivenParams, ResolveIssue } from './resolve';
export { parameterLines } from './model-parameters';
