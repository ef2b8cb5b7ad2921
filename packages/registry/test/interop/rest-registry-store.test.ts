import { describe, expect, test } from 'vitest';
import { RestRegistryStore } from '../../src/index.js';
import { registryStoreContract } from '../../src/testing/index.js';

const url = process.env.ABT_MLFLOW_URL;
// Skipped only outside the interop runner (scripts/interop.sh always sets ABT_MLFLOW_URL).
const run = process.env.ABT_PYTHON ? describe : describe.skip;

run('RestRegistryStore against a real mlflow server', () => {
  test('the interop runner provides ABT_MLFLOW_URL', () => {
    expect(url, 'ABT_MLFLOW_URL must be set inside the interop runner').toMatch(/^http/);
  });
  registryStoreContract(test, () => new RestRegistryStore(url ?? 'http://127.0.0.1:1'), { namePrefix: `rest${Date.now().toString(36)}` });
});
