/**
 * The binary log-loss gradients of GBDT training as a WebAssembly function, part of the training
 * kernel (histogram-kernel-source.ts assembles it with the histogram functions over the same
 * shared memory). It computes, two rows per step with f64x2 lanes, exactly what the JS loop in
 * src/gbdt/objective/binary-logloss.ts computes, and stops at any row that loop would not take on
 * its fast path, which JS then finishes (with glibc's exp where needed).
 *
 * The exp is V8's `ieee754::exp` (fdlibm's `__ieee754_exp`, what `Math.exp` runs), operation for
 * operation in plain f64 arithmetic (no fma), for |x| < 707; its branches become lane selects:
 *   - k = (int)(x / ln2 ± 1/2) when |x| > ln2 / 2 (high word above 0x3fd62e42), else 0. The
 *     special case ln2 / 2 < |x| < 3 ln2 / 2 (k = ±1, hi = x ∓ ln2_hi, lo = ±ln2_lo) is the
 *     general formula with t = ±1, and k = 0 is it with t = +0 (hi = x − 0 = x, lo = 0): one path.
 *   - fdlibm's k = 0 result, 1 − ((x·c)/(c − 2) − x), equals 1 − ((lo − (x·c)/(2 − c)) − hi) with
 *     lo = +0, hi = x (c − 2 = −(2 − c) exactly and rounding is symmetric; zero signs wash out in
 *     1 − ·), and 2^0 · y = y: one formula for every k.
 *   - 2^k: the low bits of t + (2^52 + 1023) are k + 1023; shifted left 52 they are 2^k's bits.
 *   - |x| < 2^-28 → 1 + x; x = 1 → e (V8's correctly rounded special case).
 *   - |x| ≥ 707 (k ≤ −1021 or overflow there), NaN and ±∞ are not handled: the row goes to JS.
 * So the kernel's exp is bit for bit `Math.exp` (the unit test checks it on adversarial and random
 * arguments), and every later operation is the JS loop's, in the same order.
 *
 * Why the fast-path checks stay sound even if this exp were only fdlibm-accurate (error < 1 ulp)
 * rather than equal to Math.exp: glibc's exp (LightGBM's) is within 0.52 ulp, so the two differ by
 * at most one ulp of e, a relative 2^-52. Check A (1 + e·(1 ± 2^-51) both round to d = 1 + e)
 * covers e ± 2 ulps. Check B's float32 margins: one ulp of e moves d by ≤ 2^-52 relative, plus
 * half an ulp each for rounding 1 + e twice; the division and the weight add ≤ 2^-52 more, so
 * response·w moves by < 2^-49 relative, inside the 2^-48 margin; h = |r|·(σ − |r|)·w moves by
 * < 2^-49 · amplify + 2^-50 ≤ 2^-48 · amplify, amplify = σ / (σ − |r|) being how much σ − |r|
 * magnifies the error of |r|. The checks only decide which exp is used; when they pass, glibc's
 * exp gives the same float32 results.
 */
import { F64, I32, V128, emitter, op, type FuncDef } from './assembler';

/** Arguments with |x| below this stay clear of fdlibm's overflow and subnormal-result branches (k ≥ −1020). */
export const EXP_KERNEL_LIMIT = 707;

/** A double from its two 32-bit words (fdlibm writes its constants and thresholds that way). */
export const fromWords = (hi: number, lo: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, hi);
  v.setUint32(4, lo);
  return v.getFloat64(0);
};

// fdlibm e_exp.c constants
const INVLN2 = fromWords(0x3ff71547, 0x652b82fe);
const LN2HI = fromWords(0x3fe62e42, 0xfee00000);
const LN2LO = fromWords(0x3dea39ef, 0x35793c76);
const P = [
  fromWords(0x3fc55555, 0x5555553e),
  fromWords(0xbf66c16c, 0x16bebd93),
  fromWords(0x3f11566a, 0xaf25de2c),
  fromWords(0xbebbbd41, 0xc5d26bf1),
  fromWords(0x3e663769, 0x72bea4d0),
];
const E = fromWords(0x4005bf0a, 0x8b145769);
/** Smallest |x| whose high word is above 0x3fd62e42 (fdlibm reduces those). */
const REDUCE_FROM = fromWords(0x3fd62e43, 0);
/** |x| below this (high word below 0x3e300000): exp(x) = 1 + x. */
const TINY = fromWords(0x3e300000, 0);

// the JS loop's checks (binary-logloss.ts)
const ULPS = 2 ** -51;
const MARGIN = 2 ** -48;
const MAX_AMPLIFY = 2 ** 20;

/** The v128 locals a function body hands out, numbered from `first`. */
export function v128Locals(first: number) {
  let next = first;
  return { take: () => next++, count: () => next - first };
}

type Emit = (...xs: number[][]) => void;
/** One statement for pair j of the pairs a loop step works on (leaving the stack as it found it); a body is a list of them. */
type Statement = (j: number) => void;

/**
 * Emits `statements` for pairs 0 .. pairs − 1 interleaved (each statement for every pair, then the
 * next): the pairs are independent, so their long chains of dependent operations (three divisions
 * among them) overlap in the CPU.
 */
export const interleave = (pairs: number, statements: readonly Statement[]) => {
  for (const st of statements) for (let j = 0; j < pairs; j++) st(j);
};

/** A local holding the f64 constant x in both lanes, set now (before the loop). */
export const constantLocal = (emit: Emit, take: () => number) => (x: number) => {
  const l = take();
  emit(op.v128ConstF64(x), op.set(l));
  return l;
};

/**
 * fdlibm's exp on two lanes (see above) for `pairs` pairs: sets up its constants now (call it
 * before the loop) and returns the statements that set e[j] = exp(z[j]) from locals z[j] and
 * ax[j] = |z[j]| (|z| < EXP_KERNEL_LIMIT).
 */
export function expCode(emit: Emit, take: () => number, pairs: number, z: number[], ax: number[], e: number[]): Statement[] {
  const k = constantLocal(emit, take);
  const [one, two, half, sign, e1, tiny, reduce, magic] = [k(1), k(2), k(0.5), k(-0), k(E), k(TINY), k(REDUCE_FROM), k(2 ** 52 + 1023)];
  const [invLn2, ln2Hi, ln2Lo] = [k(INVLN2), k(LN2HI), k(LN2LO)];
  const p = P.map(k);
  const per = () => Array.from({ length: pairs }, take);
  const [t, hi, lo, xr, t2, c] = [per(), per(), per(), per(), per(), per()];
  return [
    // t = |z| > ln2/2 ? trunc(invln2 · z ± 1/2) : +0 (1/2 with the sign of z)
    (j) => {
      emit(op.get(z[j]!), op.get(invLn2), op.f64x2Mul(), op.get(z[j]!), op.get(sign), op.v128And(), op.get(half), op.v128Or(), op.f64x2Add(), op.f64x2Trunc());
      emit(op.get(ax[j]!), op.get(reduce), op.f64x2Ge(), op.v128And(), op.set(t[j]!));
    },
    (j) => emit(op.get(z[j]!), op.get(t[j]!), op.get(ln2Hi), op.f64x2Mul(), op.f64x2Sub(), op.set(hi[j]!)),
    (j) => emit(op.get(t[j]!), op.get(ln2Lo), op.f64x2Mul(), op.set(lo[j]!)),
    (j) => emit(op.get(hi[j]!), op.get(lo[j]!), op.f64x2Sub(), op.tee(xr[j]!), op.get(xr[j]!), op.f64x2Mul(), op.set(t2[j]!)),
    // c = x − t2·(P1 + t2·(P2 + t2·(P3 + t2·(P4 + t2·P5))))
    (j) => {
      emit(op.get(xr[j]!), op.get(t2[j]!));
      for (let q = 0; q < 4; q++) emit(op.get(p[q]!), op.get(t2[j]!));
      emit(op.get(p[4]!), op.f64x2Mul());
      for (let q = 0; q < 4; q++) emit(op.f64x2Add(), op.f64x2Mul());
      emit(op.f64x2Sub(), op.set(c[j]!));
    },
    // y = 1 − ((lo − (x·c)/(2 − c)) − hi); e = y · 2^k
    (j) => {
      emit(op.get(one), op.get(lo[j]!), op.get(xr[j]!), op.get(c[j]!), op.f64x2Mul(), op.get(two), op.get(c[j]!), op.f64x2Sub(), op.f64x2Div(), op.f64x2Sub());
      emit(op.get(hi[j]!), op.f64x2Sub(), op.f64x2Sub());
      emit(op.get(t[j]!), op.get(magic), op.f64x2Add(), op.i32Const(52), op.i64x2Shl(), op.f64x2Mul(), op.set(e[j]!));
    },
    // |z| < 2^-28: 1 + z; z = 1: e
    (j) => emit(op.get(one), op.get(z[j]!), op.f64x2Add(), op.get(e[j]!), op.get(ax[j]!), op.get(tiny), op.f64x2Lt(), op.v128Bitselect(), op.set(e[j]!)),
    (j) => emit(op.get(e1), op.get(e[j]!), op.get(z[j]!), op.get(one), op.f64x2Eq(), op.v128Bitselect(), op.set(e[j]!)),
  ];
}

/**
 * Pairs of rows per loop step, their statements interleaved. CPU ns per row on 1M rows (AMD EPYC):
 * 1 pair 10.4, 2 8.9, 3 7.1, 4 6.6, 6 6.2, 8 6.5; 4 keeps the module under 4 KB.
 */
const GRADIENT_PAIRS = 4;

/**
 * `binaryGradients(scores, labels, grad, hess, from, to, sigmoid, w0, w1) → i32`: for rows i in
 * [from, to), 2 · GRADIENT_PAIRS at a time, with the f64 score and label at `scores + 8i`,
 * `labels + 8i`: writes the f32 gradient and hessian to `grad + 4i`, `hess + 4i` as LightGBM's
 * `BinaryLogloss` does (labels > 0 are positive, weight w1; others negative, weight w0). Returns the
 * first row it did not write: the first of fewer than a step's rows left, or the first row of a
 * step with a row that fails the JS loop's fast-path checks (or whose |label · sigmoid · score| is
 * not below EXP_KERNEL_LIMIT); the caller computes that row and calls again from the next.
 */
export function binaryGradients(): FuncDef {
  const pairs = GRADIENT_PAIRS;
  const [SCORES, LABELS, GRAD, HESS, I, TO, SIG, W0, W1] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [S, L, G, H] = [9, 10, 11, 12];
  const { take, count } = v128Locals(13);
  const { b, emit } = emitter();
  const per = () => Array.from({ length: pairs }, take);
  const [z, ax, e] = [per(), per(), per()];
  const exp = expCode(emit, take, pairs, z, ax, e);
  const k = constantLocal(emit, take);
  const [one, zero, up, down, mUp, mDown] = [k(1), k(0), k(1 + ULPS), k(1 - ULPS), k(1 + MARGIN), k(1 - MARGIN)];
  const [margin, maxAmp, limit] = [k(MARGIN), k(MAX_AMPLIFY), k(EXP_KERNEL_LIMIT)];
  const splat = (...value: number[][]) => {
    const l = take();
    emit(...value, op.f64x2Splat(), op.set(l));
    return l;
  };
  // label · sigmoid = ±sigmoid exactly, and so is −label · sigmoid
  const [sig, negSig, w0, w1] = [splat(op.get(SIG)), splat(op.get(SIG), op.f64Neg()), splat(op.get(W0)), splat(op.get(W1))];
  const [pos, d, r, ab, w, sd, h, g, gf, hf, amp, ma, pass] = [per(), per(), per(), per(), per(), per(), per(), per(), per(), per(), per(), per(), per()];
  const addr = (base: number, shift: number, to: number) => emit(op.get(base), op.get(I), op.i32Const(shift), op.i32Shl(), op.i32Add(), op.set(to));
  addr(SCORES, 3, S);
  addr(LABELS, 3, L);
  addr(GRAD, 2, G);
  addr(HESS, 2, H);
  const sel = (ifTrue: number, ifFalse: number, m: number) => [...op.get(ifTrue), ...op.get(ifFalse), ...op.get(m), ...op.v128Bitselect()];
  /** Two lanes' stableFloat(x, ·) (an i64x2 mask): x · (1 + m) and x · (1 − m) from `up` and `down`, fround(x) in f's low lanes. */
  const stable = (f: number, up: number[], down: number[]) => [
    ...up,
    ...op.f32x4DemoteF64x2Zero(),
    ...op.get(f),
    ...op.f32x4Eq(),
    ...down,
    ...op.f32x4DemoteF64x2Zero(),
    ...op.get(f),
    ...op.f32x4Eq(),
    ...op.v128And(),
    ...op.i64x2ExtendLowI32x4S(),
  ];
  const hTimes = (j: number, plusMinus: number[]) => [...op.get(h[j]!), ...op.get(one), ...op.get(ma[j]!), ...plusMinus, ...op.f64x2Mul()];
  emit(op.block(), op.loop());
  emit(op.get(I), op.i32Const(2 * pairs), op.i32Add(), op.get(TO), op.i32GtS(), op.brIf(1));
  interleave(pairs, [
    // label > 0 (NaN: negative, as in JS); z = (label · sigmoid) · score
    (j) => emit(op.get(L), op.v128Load(16 * j), op.get(zero), op.f64x2Gt(), op.set(pos[j]!)),
    (j) => emit(sel(sig, negSig, pos[j]!), op.get(S), op.v128Load(16 * j), op.f64x2Mul(), op.tee(z[j]!), op.f64x2Abs(), op.set(ax[j]!)),
    ...exp,
    // the JS loop's row: d = 1 + e, response = (−label · sigmoid) / d, h = |r| · (sigmoid − |r|) · w, g = r · w
    (j) => emit(op.get(one), op.get(e[j]!), op.f64x2Add(), op.set(d[j]!)),
    (j) => emit(sel(negSig, sig, pos[j]!), op.get(d[j]!), op.f64x2Div(), op.tee(r[j]!), op.f64x2Abs(), op.set(ab[j]!)),
    (j) => emit(sel(w1, w0, pos[j]!), op.set(w[j]!)),
    (j) => emit(op.get(sig), op.get(ab[j]!), op.f64x2Sub(), op.set(sd[j]!)),
    (j) => emit(op.get(ab[j]!), op.get(sd[j]!), op.f64x2Mul(), op.get(w[j]!), op.f64x2Mul(), op.set(h[j]!)),
    (j) => emit(op.get(r[j]!), op.get(w[j]!), op.f64x2Mul(), op.tee(g[j]!), op.f32x4DemoteF64x2Zero(), op.set(gf[j]!)),
    (j) => emit(op.get(h[j]!), op.f32x4DemoteF64x2Zero(), op.set(hf[j]!)),
    // check A: 1 + e·(1 ± 2^-51) both equal d
    (j) => {
      emit(op.get(one), op.get(e[j]!), op.get(up), op.f64x2Mul(), op.f64x2Add(), op.get(d[j]!), op.f64x2Eq());
      emit(op.get(one), op.get(e[j]!), op.get(down), op.f64x2Mul(), op.f64x2Add(), op.get(d[j]!), op.f64x2Eq(), op.v128And(), op.set(pass[j]!));
    },
    // check B: stableFloat(g, MARGIN) && amplify < 2^20 && stableFloat(h, MARGIN · amplify), amplify = 1 + |r| / (sigmoid − |r|) when that is > 0
    (j) => {
      emit(op.get(one), op.get(ab[j]!), op.get(sd[j]!), op.f64x2Div(), op.f64x2Add(), op.tee(amp[j]!), op.get(maxAmp), op.f64x2Lt());
      emit(op.get(sd[j]!), op.get(zero), op.f64x2Gt(), op.v128And());
      emit(stable(gf[j]!, [...op.get(g[j]!), ...op.get(mUp), ...op.f64x2Mul()], [...op.get(g[j]!), ...op.get(mDown), ...op.f64x2Mul()]), op.v128And());
      emit(op.get(margin), op.get(amp[j]!), op.f64x2Mul(), op.set(ma[j]!));
      emit(stable(hf[j]!, hTimes(j, op.f64x2Add()), hTimes(j, op.f64x2Sub())), op.v128And());
      // and |z| < limit (false for NaN)
      emit(op.get(pass[j]!), op.v128Or(), op.get(ax[j]!), op.get(limit), op.f64x2Lt(), op.v128And(), op.set(pass[j]!));
    },
  ]);
  // every row passes, else stop at this step
  emit(op.get(pass[0]!));
  for (let j = 1; j < pairs; j++) emit(op.get(pass[j]!), op.v128And());
  emit(op.i64x2AllTrue(), op.i32Eqz(), op.brIf(1));
  for (let j = 0; j < pairs; j++) emit(op.get(G), op.get(gf[j]!), op.v128Store64Lane(0, 8 * j), op.get(H), op.get(hf[j]!), op.v128Store64Lane(0, 8 * j));
  emit(op.get(I), op.i32Const(2 * pairs), op.i32Add(), op.set(I));
  emit(op.get(S), op.i32Const(16 * pairs), op.i32Add(), op.set(S));
  emit(op.get(L), op.i32Const(16 * pairs), op.i32Add(), op.set(L));
  emit(op.get(G), op.i32Const(8 * pairs), op.i32Add(), op.set(G));
  emit(op.get(H), op.i32Const(8 * pairs), op.i32Add(), op.set(H));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(I));
  return {
    name: 'binaryGradients',
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64],
    results: [I32],
    locals: [
      [4, I32],
      [count(), V128],
    ],
    body: b,
  };
}

/**
 * `expPairs(src, end, dst)`: f64 dst[i] = exp(src[i]) by the kernel's exp, two values at a time
 * from `src` to `end` (for tests: each |x| must be below EXP_KERNEL_LIMIT, and not NaN).
 */
export function expPairs(): FuncDef {
  const [SRC, END, DST] = [0, 1, 2];
  const { take, count } = v128Locals(3);
  const { b, emit } = emitter();
  const [z, ax, e] = [[take()], [take()], [take()]];
  const exp = expCode(emit, take, 1, z, ax, e);
  emit(op.block(), op.loop());
  emit(op.get(SRC), op.get(END), op.i32GeU(), op.brIf(1));
  emit(op.get(SRC), op.v128Load(0), op.tee(z[0]!), op.f64x2Abs(), op.set(ax[0]!));
  interleave(1, exp);
  emit(op.get(DST), op.get(e[0]!), op.v128Store(0));
  emit(op.get(SRC), op.i32Const(16), op.i32Add(), op.set(SRC));
  emit(op.get(DST), op.i32Const(16), op.i32Add(), op.set(DST));
  emit(op.br(0), op.end(), op.end());
  return { name: 'expPairs', params: [I32, I32, I32], locals: [[count(), V128]], body: b };
}
