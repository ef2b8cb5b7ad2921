import type { FeatureSpec, TransformOptions } from '@abt/features';
import { isCsr, type Matrix } from '@abt/models';
import { workerBundleUrl } from './worker-bundle';

type Typed = Float32Array | Float64Array | Int32Array | Uint32Array;

/** A copy of `a` in a SharedArrayBuffer (or `a` itself when it already is in one). */
function shared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/**
 * `m` with its arrays in shared memory when a fit worker will run, so the worker's structured
 * clone of it is a view, not a second copy (on the 1M-rating set 220 MB for the train matrix,
 * 28 MB for valid). Callers keep only the returned matrix, so the original is collected. The same
 * values: models are unchanged. Without a worker `m` is returned as is.
 */
export function shareForWorkers<M extends Matrix>(m: M): M {
  if (workerBundleUrl() === undefined) return m;
  if (isCsr(m)) return { ...m, indptr: shared(m.indptr), indices: shared(m.indices), data: shared(m.data) };
  return { ...m, data: shared(m.data) };
}

/**
 * `{ out }` for a dense transform of `rows` rows straight into shared memory when a fit worker will
 * run, so the matrix is never held twice (`shareForWorkers` would copy it: on ml-25m's 20 M train
 * rows a 5.5 GB transient). Empty when there is no worker or the spec is one-hot (CSR is shared afterwards).
 */
export function sharedOutput(spec: FeatureSpec, rows: number): Pick<TransformOptions, 'out'> {
  if (workerBundleUrl() === undefined || spec.kind !== 'dense') return {};
  const f64 = spec.getParams().dtype === 'float64';
  const buffer = new SharedArrayBuffer(rows * spec.featureNames.length * (f64 ? 8 : 4));
  return { out: f64 ? new Float64Array(buffer) : new Float32Array(buffer) };
}
