/**
 * binary_logloss on the WebAssembly kernel (tools/wasm-kernel/metric-kernel-source.ts) against its
 * JS loop: every row's loss bit for bit — fdlibm's exp and log branch by branch (p = 1 exactly,
 * |f| < 2^-20, both polynomial forms, k = 0 and k ≠ 0, q at or below 1e-15), scores the kernel
 * leaves to JS (|sigmoid · raw| ≥ 707, NaN, ±Infinity), labels 0, 1, fractional, negative and NaN,
 * odd row counts — and the metric's mean the same double.
 */
import { describe, expect, test } from 'vitest';
import { binaryLoglossMetric } from '../../src/gbdt/metric/logloss';
import { lossRows } from '../../src/gbdt/metric/logloss-kernel';
import { rng } from './helpers';

const EPS = 1e-15;

/** The JS loop's loss of one row (logloss.ts before the kernel, spelled out). */
function jsLoss(raw: number, label: number, sigmoid: number): number {
  const p = 1 / (1 + Math.exp(-sigmoid * raw));
  if (label > 0) return p > EPS ? -Math.log(p) : -Math.log(EPS);
  return 1 - p > EPS ? -Math.log(1 - p) : -Math.log(EPS);
}

/** Scores that reach every branch: random, near 0 (q near 1/2 and 1), huge, tiny, at the exp's limit, and a few non-finite (a step holding one goes to JS from that row). */
function scores(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const special = [
    0,
    -0,
    1e-300,
    -1e-300,
    2 ** -30,
    -(2 ** -30),
    1e-7,
    36,
    -36,
    37.5,
    -37.5,
    40,
    706.9,
    -706.9,
    707,
    -707,
    800,
    Number.NaN,
    Infinity,
    -Infinity,
  ];
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    raw[i] =
      i < special.length ? special[i]! : u < 0.4 ? r() * 8 - 4 : u < 0.7 ? (r() - 0.5) * 2 ** -(r() * 40) : u < 0.98 ? (r() - 0.5) * 80 : (r() - 0.5) * 1600;
  }
  return raw;
}

const wasmHere = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object';

describe.skipIf(!wasmHere)('binary_logloss on the kernel', () => {
  test.each([1, 0.7, 2.5])('each row equals the JS loop bit for bit (sigmoid %s)', (sigmoid) => {
    const n = 40_001;
    const raw = scores(n, 5);
    const r = rng(6);
    const labels = Float64Array.from({ length: n }, (_, i) => [0, 1, 1, 0, 0.5, -1, Number.NaN][i % 7]! * (r() < 2 ? 1 : 0));
    const k = lossRows(labels);
    expect(k).toBeDefined();
    let left = 0;
    const losses = k!.losses(raw, sigmoid, -Math.log(EPS), (i) => {
      left++;
      return jsLoss(raw[i]!, labels[i]!, sigmoid);
    });
    const expected = Float64Array.from(raw, (x, i) => jsLoss(x, labels[i]!, sigmoid));
    expect(Array.from(losses)).toEqual(Array.from(expected));
    // the kernel did the rows (the non-finite and beyond-limit ones, and the odd last, went to JS)
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(n / 4);
  });

  test('the metric bound to a fit is the same double as the JS loop, round after round', () => {
    const n = 9_999;
    const raw = scores(n, 8);
    const r = rng(9);
    const labels = Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
    const transform = (x: number) => 1 / (1 + Math.exp(-x));
    const bound = binaryLoglossMetric.bind!(labels, transform, 1);
    for (const shift of [0, 0.25, -3]) {
      const shifted = raw.map((x) => x + shift);
      const viaKernel = bound(shifted);
      expect(Object.is(viaKernel, binaryLoglossMetric.evaluate(shifted, labels, transform))).toBe(true);
      expect(viaKernel).toBeGreaterThan(0);
    }
  });
});
