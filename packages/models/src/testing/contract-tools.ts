import { InvalidArgumentError, InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import type { DenseMatrix } from '../matrix';
import { seededRng } from '../../../../internal/random';

/** The test-runner functions the suites need (vitest's and node:test's fit). */
export type ContractApi = {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void> | void, timeout?: number) => void;
};

/** Throws with `message` unless `ok` (the suites run under any test runner, so no runner's expect). */
export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`contract: ${message}`);
}

/** The error `run` throws, or a failure when it throws none. */
export function thrown(run: () => unknown, what: string): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error(`contract: expected ${what} to throw`);
}

const ERRORS = { NotFittedError, InvalidParamError, InvalidArgumentError, InvalidInputError, ModelFormatError };

/**
 * True when `e` is an `@abt/models` error of class `name`, by that class's own `Symbol.for` marker,
 * so a suite bundled apart from the estimator (`dist/testing.js`) still recognizes it.
 */
export function isError(e: unknown, name: keyof typeof ERRORS): boolean {
  return ERRORS[name].isInstance(e);
}

/** A small seeded binary problem: dense X with columns on different scales, labels from a logistic model. */
export function contractData(rows: number, cols: number, seed: number): { X: DenseMatrix; y: Float64Array } {
  const rng = seededRng(seed);
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = -0.2;
    for (let j = 0; j < cols; j++) {
      const v = (rng() - 0.5) * 4 * (1 + j);
      data[i * cols + j] = v;
      z += (j % 2 === 0 ? 0.8 : -0.5) * (v / (1 + j));
    }
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  // Both classes, always.
  y[0] = 0;
  y[1] = 1;
  return { X: { rows, cols, data }, y };
}

/** X as `number[][]`. */
export const asRows = (X: DenseMatrix): number[][] => Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));

/**
 * A parameter value in comparable form: estimators (steps of a pipeline) by kind and their own
 * params, arrays and objects element by element. Two estimators with equal descriptions are clones.
 */
function describeParams(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && typeof (v as { getParams?: unknown }).getParams === 'function') {
    const est = v as { kind: string; getParams(): unknown };
    return { kind: est.kind, params: describeParams(est.getParams()) };
  }
  if (Array.isArray(v)) return v.map(describeParams);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describeParams(x)]));
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

export const same = (a: unknown, b: unknown): boolean => JSON.stringify(describeParams(a)) === JSON.stringify(describeParams(b));

/** Byte-level equality of two Float64Arrays. */
export function sameBytes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Calls `fn` with one argument more than it takes. */
export const withExtraArgument =
  (fn: (...args: unknown[]) => unknown, self: unknown, ...args: unknown[]) =>
  () =>
    fn.call(self, ...args, 'surplus');
