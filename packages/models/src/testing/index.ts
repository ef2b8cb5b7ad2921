// `@abt/models/testing`: the contract suites every estimator runs (sklearn's check_estimator, in spirit).
export { classifierContract, type ClassifierFixture } from './classifier-contract';
export { transformerContract, type TransformerFixture } from './transformer-contract';
export type { ContractApi } from './contract-tools';
