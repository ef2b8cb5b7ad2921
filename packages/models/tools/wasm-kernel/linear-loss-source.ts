/**
 * The logistic loss of the linear solvers' row passes as a WebAssembly function, part of the
 * linear kernel (linear-kernel-source.ts assembles it with the products over the same memory). Per
 * row it computes what `lossRow` in src/linear/row-kernels.ts computes, operation for operation on
 * f64x2 lanes, and sums the rows' terms one after the other in row order, so the loss and every
 * rᵢ have the JS loop's bits:
 *   zᵢ (+ step·dirᵢ for a trial, stored), e = exp(−|zᵢ|), swᵢ·((max(zᵢ, 0) + log1p(e)) − yᵢ·zᵢ),
 *   rᵢ = swᵢ·((zᵢ ≥ 0 ? 1 : e) / (1 + e) − yᵢ).
 *
 * The exp is the GBDT kernels' copy of V8's (gradient-kernel-source.ts). The log1p is V8's
 * `ieee754::log1p` (fdlibm's s_log1p.c) on the x = e in (0, 1] it gets here, its branches as lane
 * selects (every lane computes every form, the select keeps one):
 *   - x < 2^-54: x; x < 2^-29: x − x·x·½;
 *   - x below fdlibm's 1 + x < √2 bound (high word < 0x3fda827a): k = 0, f = x, and
 *     f − (hfsq − s·(hfsq + R)) with hfsq = ½·f·f, s = f / (2 + f), R = z·(Lp1 + z·(… + z·Lp7)), z = s²;
 *   - else u = 1 + x is in [√2, 2]. For u < 2, k = 1 and u is halved by its exponent (exactly u·½),
 *     f = u·½ − 1, c = (x − (u − 1)) / u, and ln2_hi − ((hfsq − (s·(hfsq + R) + (ln2_lo + c))) − f),
 *     or, where |f| < 2^-20 (u's high mantissa bits above 0xffffc: u ≥ U_NEAR_TWO),
 *     ln2_hi − ((hfsq·(1 − ⅔·f) − (ln2_lo + c)) − f). u = 2 (x = 1 or 1 − 2^-53) has f = 0, c = 0:
 *     ln2_hi + ln2_lo.
 * The unit test holds the kernel to the JS loop (Math.exp, Math.log1p) bit for bit.
 */
import { F64, I32, V128, emitter, op, type FuncDef } from './assembler';
import { constantLocal, EXP_KERNEL_LIMIT, expCode, fromWords, interleave, v128Locals } from './gradient-kernel-source';
// s_log1p.c's ln2 split and its Lp1…Lp7 are e_log.c's ln2 split and Lg1…Lg7
import { LG as LP, LN2_HI, LN2_LO } from './metric-kernel-source';

/** fdlibm writes 0.66666666666666666, which rounds to this double. */
const TWO_THIRDS = fromWords(0x3fe55555, 0x55555555);
/** Smallest x whose high word is not below 0x3fda827a (1 + x ≥ √2: fdlibm's k = 1 path). */
const K1_FROM = fromWords(0x3fda827a, 0);
/** Smallest u < 2 whose high mantissa bits are above 0xffffc (there |f| < 2^-20). */
const U_NEAR_TWO = fromWords(0x3ffffffd, 0);
const TWO_M29 = 2 ** -29;
const TWO_M54 = 2 ** -54;
/** Pairs of rows per loop step, their statements interleaved. */
const LOSS_PAIRS = 2;

/**
 * `lossRows(z, dir, out, y, sw, r, acc, from, to, step, trial) → i32`: for rows i in [from, to),
 * 2 · LOSS_PAIRS at a time, with f64 vectors at the addresses given (+ 8i): for a trial (trial ≠ 0)
 * zᵢ = z[i] + step·dir[i] is stored at out, else zᵢ = z[i]; rᵢ is stored at r and the row's loss
 * term added to the f64 at `acc`. Returns the first row it did not take: the first of fewer than a
 * step's rows left, or the first of a step with a row whose |zᵢ| is not below the exp's limit (or
 * is NaN); the caller computes that row and calls again from the next.
 */
export function lossRows(): FuncDef {
  const pairs = LOSS_PAIRS;
  const [Z, DIR, OUT, Y, SW, R, ACC, I, TO, STEP, TRIAL] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [OFF, SUM] = [11, 12];
  const { take, count } = v128Locals(13);
  const { b, emit } = emitter();
  const per = () => Array.from({ length: pairs }, take);
  const [zi, ax, nz, e] = [per(), per(), per(), per()];
  const exp = expCode(emit, take, pairs, nz, ax, e);
  const k = constantLocal(emit, take);
  const [one, two, half, zero, limit, lnHi, lnLo, ln2] = [k(1), k(2), k(0.5), k(0), k(EXP_KERNEL_LIMIT), k(LN2_HI), k(LN2_LO), k(LN2_HI + LN2_LO)];
  const [twoThirds, k1From, nearTwo, m29, m54] = [k(TWO_THIRDS), k(K1_FROM), k(U_NEAR_TWO), k(TWO_M29), k(TWO_M54)];
  const lp = LP.map(k);
  const step = take();
  emit(op.get(STEP), op.f64x2Splat(), op.set(step));
  const [u, big, f, hfsq, s, zz, rr, p, c, v, w] = [per(), per(), per(), per(), per(), per(), per(), per(), per(), per(), per()];
  const g = op.get;
  const at = (base: number) => [...g(base), ...g(OFF), ...op.i32Add()];
  emit(g(ACC), op.f64Load(0), op.set(SUM));
  emit(op.block(), op.loop());
  emit(g(I), op.i32Const(2 * pairs), op.i32Add(), g(TO), op.i32GtS(), op.brIf(1));
  emit(g(I), op.i32Const(3), op.i32Shl(), op.set(OFF));
  for (let j = 0; j < pairs; j++) emit(at(Z), op.v128Load(16 * j), op.set(zi[j]!));
  // a trial: zᵢ += step·dirᵢ, stored
  emit(op.block(), g(TRIAL), op.i32Eqz(), op.brIf(0));
  for (let j = 0; j < pairs; j++)
    emit(at(OUT), g(zi[j]!), g(step), at(DIR), op.v128Load(16 * j), op.f64x2Mul(), op.f64x2Add(), op.tee(zi[j]!), op.v128Store(16 * j));
  emit(op.end());
  // stop where the exp cannot take one of the step's rows
  for (let j = 0; j < pairs; j++) emit(g(zi[j]!), op.f64x2Abs(), op.tee(ax[j]!), op.f64x2Neg(), op.set(nz[j]!));
  emit(g(ax[0]!), g(limit), op.f64x2Lt());
  for (let j = 1; j < pairs; j++) emit(g(ax[j]!), g(limit), op.f64x2Lt(), op.v128And());
  emit(op.i64x2AllTrue(), op.i32Eqz(), op.brIf(1));
  const sel = (m: number[]) => [...m, ...op.v128Bitselect()];
  interleave(pairs, [
    ...exp,
    // log1p(e): u = 1 + e, f, hfsq, s, z
    (j) => emit(g(one), g(e[j]!), op.f64x2Add(), op.set(u[j]!), g(e[j]!), g(k1From), op.f64x2Ge(), op.set(big[j]!)),
    (j) => emit(g(u[j]!), g(half), op.f64x2Mul(), g(one), op.f64x2Sub(), g(e[j]!), sel(g(big[j]!)), op.set(f[j]!)),
    (j) => emit(g(half), g(f[j]!), op.f64x2Mul(), g(f[j]!), op.f64x2Mul(), op.set(hfsq[j]!)),
    (j) => emit(g(f[j]!), g(two), g(f[j]!), op.f64x2Add(), op.f64x2Div(), op.tee(s[j]!), g(s[j]!), op.f64x2Mul(), op.set(zz[j]!)),
    // R = z·(Lp1 + z·(Lp2 + … + z·Lp7)); p = s·(hfsq + R)
    (j) => {
      const Z2 = zz[j]!;
      emit(g(Z2));
      for (let q = 0; q < 6; q++) emit(g(lp[q]!), g(Z2));
      emit(g(lp[6]!), op.f64x2Mul());
      for (let q = 0; q < 6; q++) emit(op.f64x2Add(), op.f64x2Mul());
      emit(op.set(rr[j]!));
    },
    (j) => emit(g(s[j]!), g(hfsq[j]!), g(rr[j]!), op.f64x2Add(), op.f64x2Mul(), op.set(p[j]!)),
    // c = ln2_lo + (e − (u − 1)) / u
    (j) => emit(g(lnLo), g(e[j]!), g(u[j]!), g(one), op.f64x2Sub(), op.f64x2Sub(), g(u[j]!), op.f64x2Div(), op.f64x2Add(), op.set(c[j]!)),
    // k = 1: ln2_hi − ((hfsq − (p + c)) − f), or near u = 2: ln2_hi − ((hfsq·(1 − ⅔·f) − c) − f); u = 2: ln2_hi + ln2_lo
    (j) => {
      emit(
        g(lnHi),
        g(hfsq[j]!),
        g(one),
        g(twoThirds),
        g(f[j]!),
        op.f64x2Mul(),
        op.f64x2Sub(),
        op.f64x2Mul(),
        g(c[j]!),
        op.f64x2Sub(),
        g(f[j]!),
        op.f64x2Sub(),
        op.f64x2Sub(),
      );
      emit(g(lnHi), g(hfsq[j]!), g(p[j]!), g(c[j]!), op.f64x2Add(), op.f64x2Sub(), g(f[j]!), op.f64x2Sub(), op.f64x2Sub());
      emit(g(u[j]!), g(nearTwo), op.f64x2Ge(), op.v128Bitselect(), op.set(v[j]!));
    },
    (j) => emit(g(ln2), g(v[j]!), g(u[j]!), g(two), op.f64x2Eq(), op.v128Bitselect(), op.set(v[j]!)),
    // k = 0: f − (hfsq − p); then the small-x forms
    (j) => emit(g(v[j]!), g(f[j]!), g(hfsq[j]!), g(p[j]!), op.f64x2Sub(), op.f64x2Sub(), g(big[j]!), op.v128Bitselect(), op.set(v[j]!)),
    (j) =>
      emit(
        g(e[j]!),
        g(e[j]!),
        g(e[j]!),
        op.f64x2Mul(),
        g(half),
        op.f64x2Mul(),
        op.f64x2Sub(),
        g(v[j]!),
        g(e[j]!),
        g(m29),
        op.f64x2Lt(),
        op.v128Bitselect(),
        op.set(v[j]!),
      ),
    (j) => emit(g(e[j]!), g(v[j]!), g(e[j]!), g(m54), op.f64x2Lt(), op.v128Bitselect(), op.set(v[j]!)),
    // term = swᵢ·((max(zᵢ, 0) + log1p(e)) − yᵢ·zᵢ)
    (j) => {
      emit(at(SW), op.v128Load(16 * j), g(zi[j]!), g(zero), g(zi[j]!), g(zero), op.f64x2Gt(), op.v128Bitselect(), g(v[j]!), op.f64x2Add());
      emit(at(Y), op.v128Load(16 * j), g(zi[j]!), op.f64x2Mul(), op.f64x2Sub(), op.f64x2Mul(), op.set(w[j]!));
    },
    // rᵢ = swᵢ·((zᵢ ≥ 0 ? 1 : e) / (1 + e) − yᵢ)
    (j) => {
      emit(at(R), at(SW), op.v128Load(16 * j), g(one), g(e[j]!), g(zi[j]!), g(zero), op.f64x2Ge(), op.v128Bitselect(), g(u[j]!), op.f64x2Div());
      emit(at(Y), op.v128Load(16 * j), op.f64x2Sub(), op.f64x2Mul(), op.v128Store(16 * j));
    },
  ]);
  // the terms in row order
  for (let j = 0; j < pairs; j++) for (const lane of [0, 1]) emit(g(SUM), g(w[j]!), op.f64x2ExtractLane(lane), op.f64Add(), op.set(SUM));
  emit(g(I), op.i32Const(2 * pairs), op.i32Add(), op.set(I));
  emit(op.br(0), op.end(), op.end());
  emit(g(ACC), g(SUM), op.f64Store(0), g(I));
  return {
    name: 'lossRows',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32],
    results: [I32],
    locals: [
      [1, I32],
      [1, F64],
      [count(), V128],
    ],
    body: b,
  };
}
