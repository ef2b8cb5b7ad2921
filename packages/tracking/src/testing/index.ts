export { trackingStoreContract, type ContractApi, type ContractOptions, type StoreFixture } from './contract';
