/** Without WebAssembly (old runtimes, CSP without 'wasm-unsafe-eval') prediction keeps the pure-JS walk, with the same bits. */
import { afterEach, expect, test, vi } from 'vitest';
import { GBDT, type DenseMatrix } from '../src/index';
import { synthetic } from './gbdt/helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

test('predictions without WebAssembly equal those with it', async () => {
  const train = synthetic(3000, 31, 0.05);
  const text = new GBDT({ num_leaves: 31, num_iterations: 60, learning_rate: 0.1, seed: 5 }).fit(train.X, train.y).toLightGBMText();
  const X: DenseMatrix = synthetic(2000, 32, 0.01).X; // 60 trees x 2000 rows: above the kernel's threshold
  const withWasm = GBDT.fromLightGBMText(text).predictRaw(X);
  vi.stubGlobal('WebAssembly', undefined);
  vi.resetModules();
  const fresh = await import('../src/index');
  const withoutWasm = fresh.GBDT.fromLightGBMText(text).predictRaw(X);
  expect(typeof (globalThis as { WebAssembly?: unknown }).WebAssembly).toBe('undefined');
  expect(Array.from(withoutWasm)).toEqual(Array.from(withWasm));
});
