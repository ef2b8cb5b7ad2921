export { GBDT_PARAMS } from './table';
export type * from './table';
export { effectiveParams, givenFromModelText, publicParams, resolveParams, validateParams } from './resolve';
export type { GivenParams, ResolveIssue } from './resolve';
export { parameterLines } from './model-parameters';
