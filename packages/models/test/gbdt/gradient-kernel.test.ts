/**
 * The WebAssembly binary log-loss gradients (tools/wasm-kernel/gradient-kernel-source.ts) give the
 * JS loop's floats bit for bit, on adversarial scores: exp's branch boundaries, 1 + e on a rounding
 * tie, float32 gradients and hessians on a rounding tie, huge and non-finite scores, odd labels,
 * label weights and sigmoid ≠ 1. And the kernel's exp is `Math.exp`'s, bit for bit.
 */
import { describe, expect, test } from 'vitest';
import { assemble } from '../../tools/wasm-kernel/assembler';
import { EXP_KERNEL_LIMIT, expPairs } from '../../tools/wasm-kernel/gradient-kernel-source';
import type { GradientKernel } from '../../src/gbdt/objective';
import { binaryLogloss } from '../../src/gbdt/objective/binary-logloss';
import { instantiateKernel, WasmArena } from '../../src/gbdt/parallel/wasm-arena';
import { rng } from './helpers';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** The double `steps` units in the last place away from x (x finite, same sign). */
const ulps = (x: number, steps: number) => {
  f64[0] = x;
  u64[0] = BigInt.asUintN(64, u64[0]! + BigInt(steps));
  return f64[0]!;
};
const fromWords = (hi: number, lo: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, hi);
  v.setUint32(4, lo);
  return v.getFloat64(0);
};
/** x and the doubles up to `n` ulps either side (for x ≠ 0). */
const around = (x: number, n = 3) => Array.from({ length: 2 * n + 1 }, (_, j) => ulps(x, j - n));
/** Float32 neighbours' midpoints in (0, top): where rounding to float32 ties. */
function float32Ties(top: number, count: number, rand: () => number): number[] {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  const out: number[] = [];
  for (let j = 0; j < count; j++) {
    f[0] = top * rand();
    const a = f[0]!;
    u[0] = u[0]! + 1;
    out.push((a + f[0]!) / 2);
  }
  return out;
}

type WasmApi = {
  Module: new (b: Uint8Array) => object;
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (m: object, i: object) => { exports: Record<string, unknown> };
};
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Arguments around every boundary of fdlibm's exp, plus random ones over (−limit, limit). */
function expArguments(): number[] {
  const r = rng(5);
  const ln2 = Math.LN2;
  const xs: number[] = [0, -0, 1, -1, 2 ** -1074, -(2 ** -1074)];
  for (const b of [
    fromWords(0x3e300000, 0),
    fromWords(0x3fd62e43, 0),
    fromWords(0x3fd62e42, 0xffffffff),
    ln2 / 2,
    1.5 * ln2,
    fromWords(0x3ff0a2b2, 0),
    1,
    706.9,
    EXP_KERNEL_LIMIT - 2 ** -40,
  ]) {
    xs.push(...around(b), ...around(-b));
  }
  // where k = (int)(x / ln2 ± 1/2) steps
  for (let j = 1; j < 1020; j += 7) xs.push(...around((j + 0.5) * ln2, 2), ...around(-(j + 0.5) * ln2, 2));
  for (let j = 0; j < 200_000; j++) xs.push((2 * r() - 1) * 30, (2 * r() - 1) * 706, (r() < 0.5 ? -1 : 1) * 2 ** (-60 + 69 * r()));
  return xs.filter((x) => Math.abs(x) < EXP_KERNEL_LIMIT);
}

describe('gradient kernel', () => {
  test("its exp is Math.exp's, bit for bit", () => {
    const xs = expArguments();
    if (xs.length % 2) xs.push(0);
    const memory = new wasm.Memory({ initial: Math.ceil((16 * xs.length + 64) / 65_536) });
    const kernel = new wasm.Instance(new wasm.Module(assemble([expPairs()])), { env: { memory } }).exports as {
      expPairs(src: number, end: number, dst: number): void;
    };
    const src = new Float64Array(memory.buffer, 0, xs.length);
    const dst = new Float64Array(memory.buffer, 8 * xs.length, xs.length);
    src.set(xs);
    kernel.expPairs(0, 8 * xs.length, dst.byteOffset);
    let mismatches = 0;
    for (let i = 0; i < xs.length; i++) if (!Object.is(dst[i], Math.exp(xs[i]!))) mismatches++;
    expect(mismatches).toBe(0);
  });

  const settings: { sigmoid: number; weights: [number, number] }[] = [
    { sigmoid: 1, weights: [1, 1] },
    { sigmoid: 1, weights: [1, 7.25] }, // is_unbalance / scale_pos_weight
    { sigmoid: 0.7, weights: [2.5, 1] },
    { sigmoid: 2.3, weights: [0.3, 1.9] },
  ];

  test.each(settings)('equals the JS loop bit for bit (sigmoid $sigmoid, label weights $weights)', ({ sigmoid, weights }) => {
    const r = rng(17);
    const [w0, w1] = weights;
    // scores z / (label · sigmoid) for label 1 and 0, so that z lands where wanted
    const rows: [score: number, label: number][] = [];
    const both = (z: number) => rows.push([z / sigmoid, 1], [-z / sigmoid, 0]);
    for (const z of expArguments().slice(0, 20_000)) both(z);
    // 1 + e on a rounding tie: e an odd multiple of half an ulp of 1 + e
    for (let j = 0; j < 1500; j++) {
      const e = j % 2 ? (2 * Math.floor(r() * 2 ** 52) + 1) * 2 ** -53 : 1 + (2 * Math.floor(r() * 2 ** 50) + 1) * 2 ** -52;
      for (const z of around(Math.log(e), 4)) both(z);
    }
    // float32 gradient on a tie: |r · w| = t, r = sigmoid / (1 + e)
    for (const [w, label] of [
      [w1, 1],
      [w0, 0],
    ] as const) {
      const s = label ? 1 : -1;
      for (const t of float32Ties(sigmoid * w, 1000, r)) {
        const e = (sigmoid * w) / t - 1;
        if (e > 0) for (const z of around(Math.log(e), 4)) rows.push([z / (s * sigmoid), label]);
      }
      // float32 hessian on a tie: a (sigmoid − a) w = t for both roots a = |r|
      for (const t of float32Ties((sigmoid * sigmoid * w) / 4, 1000, r)) {
        const q = Math.sqrt(sigmoid * sigmoid - (4 * t) / w);
        for (const a of [(sigmoid - q) / 2, (sigmoid + q) / 2]) {
          const e = sigmoid / a - 1;
          if (e > 0 && Number.isFinite(e)) for (const z of around(Math.log(e), 4)) rows.push([z / (s * sigmoid), label]);
        }
      }
    }
    // huge, non-finite and signed-zero scores; odd labels (NaN, negative, fractional)
    for (const x of [0, -0, 706.9, 707, 709.78, 709.8, 745.2, 746, 800, 1e300, Infinity, NaN]) for (const label of [1, 0]) rows.push([x, label], [-x, label]);
    for (const label of [NaN, -1, 0.5, 2, -0, 1e-300]) rows.push([0.3, label], [-2, label], [40, label]);
    for (let j = 0; j < 50_000; j++) rows.push([(2 * r() - 1) * 12, r() < 0.4 ? 1 : 0]);
    // shuffled, so failing rows fall on either lane of a pair
    for (let j = rows.length - 1; j > 0; j--) {
      const k = Math.floor(r() * (j + 1));
      [rows[j], rows[k]] = [rows[k]!, rows[j]!];
    }

    const n = rows.length;
    const arena = WasmArena.create();
    expect(arena).toBeDefined();
    const [scores, labels, grad, hess] = [arena!.f64(n)!, arena!.f64(n)!, arena!.f32(n)!, arena!.f32(n)!];
    rows.forEach(([score, label], i) => {
      scores[i] = score;
      labels[i] = label;
    });
    const k = instantiateKernel(arena!.memory) as unknown as GradientKernel;
    // count the rows the kernel leaves to JS
    let calls = 0;
    const counting: GradientKernel = {
      binaryGradients: (...a) => {
        calls++;
        return k.binaryGradients(...a);
      },
    };
    const objective = binaryLogloss(sigmoid, weights);
    grad.fill(NaN);
    hess.fill(NaN);
    // from an odd row to an odd end: the pairs start off the 16-byte grid
    objective.gradients(scores, labels, grad, hess, 0, 1);
    objective.kernelGradients!(counting, scores, labels, grad, hess, 1, n);
    const jsGrad = new Float32Array(n);
    const jsHess = new Float32Array(n);
    objective.gradients(scores, labels, jsGrad, jsHess);
    const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);
    expect(bits(grad)).toEqual(bits(jsGrad));
    expect(bits(hess)).toEqual(bits(jsHess));
    // the kernel stopped at rows it must leave (at least the huge and non-finite scores)
    expect(calls).toBeGreaterThan(100);
  });

  test('leaves almost no ordinary row to JS', () => {
    const r = rng(3);
    const n = 100_000;
    const arena = WasmArena.create()!;
    const [scores, labels, grad, hess] = [arena.f64(n)!, arena.f64(n)!, arena.f32(n)!, arena.f32(n)!];
    for (let i = 0; i < n; i++) {
      labels[i] = r() < 0.45 ? 1 : 0;
      scores[i] = (2 * r() - 1) * 8;
    }
    const k = instantiateKernel(arena.memory) as unknown as GradientKernel;
    let calls = 0;
    binaryLogloss().kernelGradients!(
      {
        binaryGradients: (...a) => {
          calls++;
          return k.binaryGradients(...a);
        },
      },
      scores,
      labels,
      grad,
      hess,
      0,
      n,
    );
    // about one row in a million fails the checks; a failing pair costs up to two more calls
    expect(calls).toBeLessThan(5);
  });

  test('non-finite settings have no kernel (the JS loop computes them)', () => {
    expect(binaryLogloss(1, [1, Infinity]).kernelGradients).toBeUndefined();
    expect(binaryLogloss(Infinity).kernelGradients).toBeUndefined();
    expect(binaryLogloss(1, [2, 3]).kernelGradients).toBeDefined();
  });
});
