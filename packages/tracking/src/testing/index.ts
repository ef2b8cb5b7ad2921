export { trackingStoreContract, type ContractApi, type ContractOptions, type StoreFixture } from './contract';
export { TRAVERSAL_CASES, LOCATION_CASES, SYMLINK_CASES, createSymlinkFixture, type TraversalCase, type LocationCase, type SymlinkCase } from './traversal-cases';
