/**
 * The committed WebAssembly kernels (prediction, the training histogram and row kernels, the valid log loss) are exactly
 * what their sources assemble to. After changing tools/wasm-kernel/kernel-source.ts,
 * lane-kernel-source.ts, histogram-kernel-source.ts, row-kernel-source.ts or metric-kernel-source.ts, regenerate with `ABT_UPDATE_WASM=1 npx vitest run test/gbdt-predict-wasm.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sleb, uleb } from '../tools/wasm-kernel/assembler';
import { PREDICT_KERNEL_BASE64 } from '../src/gbdt/predict/wasm/kernel-bytes';
import { buildPredictKernel } from '../tools/wasm-kernel/kernel-source';
import { LANE_KERNEL_BASE64 } from '../src/gbdt/predict/wasm/lane-kernel-bytes';
import { buildLaneKernel } from '../tools/wasm-kernel/lane-kernel-source';
import { HISTOGRAM_KERNEL_BASE64 } from '../src/gbdt/parallel/wasm/histogram-kernel-bytes';
import { buildHistogramKernel } from '../tools/wasm-kernel/histogram-kernel-source';
import { ROW_KERNEL_BASE64 } from '../src/gbdt/parallel/wasm/row-kernel-bytes';
import { buildRowKernel } from '../tools/wasm-kernel/row-kernel-source';
import { LOGLOSS_KERNEL_BASE64 } from '../src/gbdt/metric/wasm/logloss-kernel-bytes';
import { buildLoglossKernel } from '../tools/wasm-kernel/metric-kernel-source';

/** The part of the WebAssembly API used here (the package's lib settings do not declare it). */
type Desc = { module?: string; name: string; kind: string };
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      validate(b: Uint8Array): boolean;
      Module: { new (b: Uint8Array): object; imports(m: object): Desc[]; exports(m: object): Desc[] };
      Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => object;
      Instance: new (m: object, imports: object) => object;
    };
  }
).WebAssembly;

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const kernels = [
  {
    name: 'predict',
    committed: PREDICT_KERNEL_BASE64,
    build: buildPredictKernel,
    bytesFile: file('../src/gbdt/predict/wasm/kernel-bytes.ts'),
    shared: false,
    exports: ['binF64', 'gatherF32', 'walkRowsBins', 'walkRowsF32'],
  },
  {
    name: 'lane prediction',
    committed: LANE_KERNEL_BASE64,
    build: buildLaneKernel,
    bytesFile: file('../src/gbdt/predict/wasm/lane-kernel-bytes.ts'),
    shared: false,
    exports: ['walkLanes', 'binLanesF64', 'binLanesF32', 'binLanesCsr', 'anyNaNF32', 'anyNaNF64'],
  },
  {
    name: 'training histograms',
    committed: HISTOGRAM_KERNEL_BASE64,
    build: buildHistogramKernel,
    bytesFile: file('../src/gbdt/parallel/wasm/histogram-kernel-bytes.ts'),
    shared: true,
    exports: ['histRows8', 'histRows4', 'histRows1', 'gather', 'binaryGradients', 'scoreLanes'],
  },
  {
    name: 'training rows',
    committed: ROW_KERNEL_BASE64,
    build: buildRowKernel,
    bytesFile: file('../src/gbdt/parallel/wasm/row-kernel-bytes.ts'),
    shared: true,
    exports: ['partitionRows', 'walkLeaves'],
  },
  {
    name: 'valid log loss',
    committed: LOGLOSS_KERNEL_BASE64,
    build: buildLoglossKernel,
    bytesFile: file('../src/gbdt/metric/wasm/logloss-kernel-bytes.ts'),
    shared: false,
    exports: ['logLosses'],
  },
];

describe.each(kernels)('WebAssembly kernel ($name)', ({ committed, build, bytesFile, shared, exports }) => {
  test('the committed bytes equal the assembled source', () => {
    const built = Buffer.from(build()).toString('base64');
    if (process.env.ABT_UPDATE_WASM === '1' && built !== committed) {
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
    // the training kernel runs on every training thread over one shared memory; prediction's memory is its own
    const memory = new wasm.Memory(shared ? { initial: 1, maximum: 65_536, shared: true } : { initial: 1 });
    expect(() => new wasm.Instance(mod, { env: { memory } })).not.toThrow();
    const other = new wasm.Memory(shared ? { initial: 1 } : { initial: 1, maximum: 65_536, shared: true });
    expect(() => new wasm.Instance(mod, { env: { memory: other } })).toThrow();
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
