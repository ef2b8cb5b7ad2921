// `@abt/registry/testing`: the shared contract suite and the reference store.
export { registryStoreContract } from './registry-store-contract.js';
export type { ContractTest, RegistryStoreContractOptions } from './registry-store-contract.js';
export { MemoryRegistryStore } from '../stores/memory/memory-registry-store.js';
