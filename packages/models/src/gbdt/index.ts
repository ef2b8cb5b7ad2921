export { GBDT, GBDT_KIND } from './gbdt';
export type { FeatureImportanceType } from './gbdt';
export { GBDT_PARAMS } from './params';
export type * from './params/table';
