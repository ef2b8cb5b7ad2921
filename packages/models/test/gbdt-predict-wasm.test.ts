/**
 * The committed WebAssembly kernel is exactly what its source assembles to. After changing
 * tools/wasm-kernel/kernel-source.ts, regenerate with
 * `ABT_UPDATE_WASM=1 npx vitest run test/gbdt-predict-wasm.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sleb, uleb } from '../tools/wasm-kernel/assembler';
import { PREDICT_KERNEL_BASE64 } from '../src/gbdt/predict/wasm/kernel-bytes';
import { buildPredictKernel } from '../tools/wasm-kernel/kernel-source';

/** The part of the WebAssembly API used here (the package's lib settings do not declare it). */
type Desc = { module?: string; name: string; kind: string };
const wasm = (globalThis as unknown as {
  WebAssembly: {
    validate(b: Uint8Array): boolean;
    Module: { new (b: Uint8Array): object; imports(m: object): Desc[]; exports(m: object): Desc[] };
  };
}).WebAssembly;

const bytesFile = fileURLToPath(new URL('../src/gbdt/predict/wasm/kernel-bytes.ts', import.meta.url));

const kernels = [{ name: 'predict', committed: PREDICT_KERNEL_BASE64, build: buildPredictKernel, exports: ['binF64', 'gatherF32', 'walkRowsBins', 'walkRowsF32'] }];

describe.each(kernels)('WebAssembly prediction kernel ($name)', ({ committed, build, exports }) => {
  test('the committed bytes equal the assembled source', () => {
    const built = Buffer.from(build()).toString('base64');
    if (process.env['ABT_UPDATE_WASM'] === '1' && built !== committed) {
      const text = readFileSync(bytesFile, 'utf8');
      writeFileSync(bytesFile, text.replace(`'${committed}'`, `'${built}'`));
      return;
    }
    expect(committed).toBe(built);
  });

  test('is a valid module importing only env.memory and exporting its functions', () => {
    const bytes = Buffer.from(committed, 'base64');
    expect(wasm.validate(bytes)).toBe(true);
    const mod = new wasm.Module(bytes);
    expect(wasm.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(wasm.Module.exports(mod).map((e) => e.name)).toEqual(exports);
  });

  test('stays under 4 KB, so browsers compile it synchronously on the main thread', () => {
    // Chromium refuses `new WebAssembly.Module` on the main thread above 4 KB; predict then falls back to JS
    expect(Buffer.from(committed, 'base64').length).toBeLessThan(4096);
  });
});

describe('assembler', () => {
  test('LEB128 immediates', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([127]);
    expect(uleb(128)).toEqual([0x80, 1]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([63]);
    expect(sleb(64)).toEqual([0xc0, 0]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(0x10000)).toEqual([0x80, 0x80, 0x04]);
  });
});
