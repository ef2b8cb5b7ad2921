export { GBDT, GBDT_KIND } from './gbdt';
export type { FeatureImportanceType } from './gbdt';
export { GBDT_PARAMS } from './params';
export type {
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
} from './params';
