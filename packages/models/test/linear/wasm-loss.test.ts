/**
 * The WebAssembly loss of the linear solvers' row passes (tools/wasm-kernel/linear-loss-source.ts,
 * through src/linear/wasm-rows.ts) gives the JS loop's bits: every term, every rᵢ, every stored
 * trial margin, and the sum in row order. The margins sweep every branch of the kernel's exp and
 * log1p (e = exp(−|z|) on both sides of each of fdlibm's thresholds, e = 1 and 1 − 2^-53), its
 * limits (|z| ≥ 707, ±∞, NaN: rows the JS loop takes), and both signs of z and of zero.
 */
import { describe, expect, test } from 'vitest';
import { ITEM_LOSS, ITEM_TRIAL, lossRowsJs, runItem, type RowMemory } from '../../src/linear/row-kernels';
import { wasmRows } from '../../src/linear/wasm-rows';
import { rng } from './helpers';

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** |z| where e = exp(−|z|) crosses log1p's thresholds (2^-54, 2^-29, the 1 + x < √2 bound, |f| < 2^-20) and the exp's. */
const EDGES = [54 * Math.LN2, 29 * Math.LN2, -Math.log(0.4142136573791504), -Math.log(1 - 2 ** -18), 2 ** -28, 0.5 * Math.LN2, 1.5 * Math.LN2, 707];

/** Margins across magnitudes and signs, with runs of values a few ulps around each edge. */
function margins(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const special = [0, -0, 2 ** -53, -(2 ** -53), 2 ** -60, 1e-300, 706.9, 707, -707, 745.2, 800, Infinity, -Infinity, NaN, 1, -1];
  const near: number[] = [];
  for (const edge of EDGES) for (let k = -4; k <= 4; k++) for (const sign of [1, -1]) near.push(sign * edge * (1 + k * 2 ** -52));
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pick = r();
    z[i] =
      pick < 0.1 ? special[Math.floor(r() * special.length)]! : pick < 0.3 ? near[Math.floor(r() * near.length)]! : (r() < 0.5 ? -1 : 1) * 10 ** (r() * 6 - 4);
  }
  return z;
}

/** A row memory over a tiny design (the loss reads no X), in WebAssembly memory when `wasm`. */
function memory(n: number, wasm: boolean, fill: { z: Float64Array; dir: Float64Array; y: Float64Array; sw: Float64Array }): RowMemory {
  const X = { rows: n, cols: 1, data: new Float64Array(n) };
  const w = wasm ? wasmRows(X, [n, n, n, n, n, n]) : undefined;
  if (wasm) expect(w).toBeDefined();
  const f64 = (len: number) => w?.f64(len) ?? new Float64Array(len);
  const m: RowMemory = {
    X: w?.X ?? X,
    y: f64(n),
    sw: f64(n),
    z: [f64(n), f64(n)],
    xDir: f64(n),
    r: f64(n),
    vec: new Float64Array(2),
    lossParts: new Float64Array(1),
    gradParts: new Float64Array(2),
    scalars: Float64Array.of(0.37, 1, 1),
    chunkRows: n,
    ...(w ? { wasm: w } : {}),
  };
  m.y.set(fill.y);
  m.sw.set(fill.sw);
  m.z[0]!.set(fill.z);
  m.xDir.set(fill.dir);
  return m;
}

describe('linear WebAssembly loss', () => {
  test.each([
    [1, 1],
    [3, 2],
    [4, 3],
    [5, 4],
    [8, 5],
    [1001, 6],
    [20000, 7],
  ])('%i rows (seed %i): loss, trial loss, rᵢ and trial margins have the JS loop’s bits', (n, seed) => {
    const r = rng(seed + 100);
    const fill = {
      z: margins(n, seed),
      dir: Float64Array.from(margins(n, seed + 50), (v) => (Number.isFinite(v) ? v : 0.5)),
      y: Float64Array.from({ length: n }, () => (r() < 0.1 ? r() : r() < 0.5 ? 1 : 0)),
      sw: Float64Array.from({ length: n }, () => (r() < 0.2 ? 1 : r() * 3)),
    };
    const js = memory(n, false, fill);
    const kernel = memory(n, true, fill);
    for (const [item, trial] of [
      [ITEM_LOSS, false],
      [ITEM_TRIAL, true],
    ] as const) {
      const src = 0;
      const dst = trial ? 1 : 0;
      const expected = lossRowsJs(js, trial, src, dst, 0, n);
      runItem(kernel, item, 0, src, dst);
      expect(Object.is(kernel.lossParts[0], expected)).toBe(true);
      expect(sameBits(kernel.r, js.r)).toBe(true);
      expect(sameBits(kernel.z[1]!, js.z[1]!)).toBe(true);
    }
  });

  test('log1p(exp(−|z|)) on a dense sweep of |z| in [0, 40]: every row’s term alone has the JS bits', () => {
    // y = 0, sw = 1, z ≤ 0: the term is log1p(e) itself
    const n = 1 << 16;
    const z = Float64Array.from({ length: n }, (_, i) => -((i / n) ** 3) * 40);
    const fill = { z, dir: new Float64Array(n), y: new Float64Array(n), sw: new Float64Array(n).fill(1) };
    const js = memory(n, false, fill);
    const kernel = memory(n, true, fill);
    for (let i = 0; i + 4 <= n; i += 4) {
      const expected = lossRowsJs(js, false, 0, 0, i, i + 4);
      const got = kernel.wasm!.loss(kernel.z[0]!, kernel.xDir, kernel.z[0]!, kernel.y, kernel.sw, kernel.r, i, i + 4, undefined, () => {
        throw new Error(`row ${i} left to JS`);
      });
      if (!Object.is(got, expected)) expect({ i, z: z.slice(i, i + 4), got }).toEqual({ i, z: z.slice(i, i + 4), got: expected });
    }
  });

  // both sides of each threshold of log1p, sampled densely in e (z = log e): there its two forms mostly agree, so only many rows tell them apart
  test.each([
    ['1 + e < √2', (t: number) => 0.4142136573791504 * (1 + t * 2 ** -18)],
    ['|f| < 2^-20 near u = 2', (t: number) => 1 - 2 ** -20 * (3 + 2 * t)],
    ['e < 2^-29', (t: number) => 2 ** -29 * (1 + t * 2 ** -10)],
    ['e < 2^-54', (t: number) => 2 ** -54 * (1 + t * 2 ** -10)],
  ])('log1p around %s: the JS bits', (_name, e) => {
    const n = 1 << 14;
    const r = rng(n);
    const z = Float64Array.from({ length: n }, () => Math.log(e(2 * r() - 1)));
    const fill = { z, dir: new Float64Array(n), y: new Float64Array(n), sw: new Float64Array(n).fill(1) };
    const js = memory(n, false, fill);
    const kernel = memory(n, true, fill);
    for (let i = 0; i < n; i += 4) {
      const expected = lossRowsJs(js, false, 0, 0, i, i + 4);
      const got = kernel.wasm!.loss(kernel.z[0]!, kernel.xDir, kernel.z[0]!, kernel.y, kernel.sw, kernel.r, i, i + 4, undefined, () => NaN);
      if (!Object.is(got, expected)) expect({ i, z: z.slice(i, i + 4), got }).toEqual({ i, z: z.slice(i, i + 4), got: expected });
    }
  });
});
