export { trackingStoreContract, type ContractApi, type ContractOptions, type StoreFixture } from './contract';
export { assertCallsChecked, invalidOptionFrom, type InvalidOptionLike } from './call-checks';
export {
  TRAVERSAL_CASES,
  LOCATION_CASES,
  SYMLINK_CASES,
  createSymlinkFixture,
  type TraversalCase,
  type LocationCase,
  type SymlinkCase,
} from './traversal-cases';
