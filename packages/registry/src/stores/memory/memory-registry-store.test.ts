import { test } from 'vitest';
import { MemoryRegistryStore } from '../../index.js';
import { registryStoreContract } from '../../testing/index.js';

registryStoreContract(test, () => new MemoryRegistryStore());
