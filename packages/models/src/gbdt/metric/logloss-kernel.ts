/**
 * binary_logloss's per-row losses on the WebAssembly kernel (tools/wasm-kernel/metric-kernel-source.ts):
 * the same doubles as the JS loop for the valid rows every round of a fit with early stopping. The
 * labels are copied in once, the scores each call. Undefined where WebAssembly is missing: the JS
 * loop runs instead.
 */
import { compiledOnce, PAGE, wasm } from '../../wasm/wasm-api';
import { LOGLOSS_KERNEL_BASE64 } from './wasm/logloss-kernel-bytes';

type LogLossesFn = (scores: number, labels: number, out: number, from: number, to: number, sigmoid: number, logEps: number) => number;

export type LossRows = {
  /** Each row's loss for raw scores `raw` (rows the kernel leaves go through `row(i)`): a view valid until the next call. */
  losses(raw: Float64Array, sigmoid: number, logEps: number, row: (i: number) => number): Float64Array;
};

/** 2^30 bytes: past that (some 44 M rows), the JS loop. */
const MAX_BYTES = 2 ** 30;
const kernelModule = compiledOnce(LOGLOSS_KERNEL_BASE64);

/** The kernel for rows labelled `labels` (copied in now), or undefined where it cannot run. */
export function lossRows(labels: ArrayLike<number>): LossRows | undefined {
  const mod = kernelModule();
  const n = labels.length;
  // layout: scores | labels | losses, f64 each
  const bytes = 24 * n;
  if (!mod || !wasm || bytes > MAX_BYTES) return undefined;
  const memory = new wasm.Memory({ initial: Math.ceil((bytes + PAGE) / PAGE) });
  const logLosses = new wasm.Instance(mod, { env: { memory } }).exports.logLosses as LogLossesFn;
  const [scoresAt, labelsAt, outAt] = [0, 8 * n, 16 * n];
  const scores = new Float64Array(memory.buffer, scoresAt, n);
  new Float64Array(memory.buffer, labelsAt, n).set(labels);
  const out = new Float64Array(memory.buffer, outAt, n);
  return {
    losses(raw, sigmoid, logEps, row) {
      scores.set(raw);
      for (let i = 0; i < n; i++) {
        i = logLosses(scoresAt, labelsAt, outAt, i, n, sigmoid, logEps);
        if (i < n) out[i] = row(i);
      }
      return out;
    },
  };
}
