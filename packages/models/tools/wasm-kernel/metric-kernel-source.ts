/**
 * The source of the WebAssembly log-loss kernel (src/gbdt/metric/logloss-kernel.ts runs it on the
 * valid rows every round; `wasm/logloss-kernel-bytes.ts` holds the assembled bytes, a test checks
 * they equal `buildLoglossKernel()`). Per row it computes what binary_logloss's JS loop computes,
 * operation for operation on f64x2 lanes: p = 1 / (1 + exp(−sigmoid · raw)), q = p for a label
 * above 0 and 1 − p otherwise, the loss −log(q), or −log(1e-15) when q is not above 1e-15.
 *
 * The exp is the training kernel's copy of V8's (gradient-kernel-source.ts). The log is V8's
 * `ieee754::log`, fdlibm's `__ieee754_log`, likewise with its branches as lane selects, for the
 * normal positive q the loss takes (other lanes are computed and dropped):
 *   - k = exponent, x scaled into [√2/2, √2) by its high word, f = x − 1;
 *   - |f| < 2^-20 (`(0x000fffff & (2 + hx)) < 3`): dk·ln2_hi − ((R − dk·ln2_lo) − f), R = f²·(½ − f/3);
 *   - else s = f / (2 + f), R from fdlibm's polynomial, and with i = (hx − 0x6147a) | (0x6b851 − hx):
 *     i > 0: dk·ln2_hi − ((hfsq − (s·(hfsq + R) + dk·ln2_lo)) − f), hfsq = ½·f·f; else
 *     dk·ln2_hi − ((s·(f − R) − dk·ln2_lo) − f).
 *   fdlibm's k = 0 forms (f − R, f − (hfsq − s·(hfsq + R)), f − s·(f − R), and 0 for f = 0) are
 *   these with dk = 0: 0·c adds +0, 0 − (y − f) is f − y bit for bit (rounding is symmetric), and
 *   f = 0 gives +0 either way. dk = (double)k comes from k + 1.5·2^52's bits minus 1.5·2^52.
 * The unit test holds the kernel to `Math.log` and `Math.exp` bit for bit.
 */
import { F64, I32, assemble, emitter, op, V128, type FuncDef } from './assembler';
import { constantLocal, EXP_KERNEL_LIMIT, expCode, fromWords, interleave, v128Locals } from './gradient-kernel-source';

// fdlibm e_log.c constants (s_log1p.c has the same ln2 split and, as Lp1…Lp7, the same coefficients)
export const LN2_HI = fromWords(0x3fe62e42, 0xfee00000);
export const LN2_LO = fromWords(0x3dea39ef, 0x35793c76);
export const LG = [
  fromWords(0x3fe55555, 0x55555593),
  fromWords(0x3fd99999, 0x9997fa04),
  fromWords(0x3fd24924, 0x94229359),
  fromWords(0x3fcc71c5, 0x1d8e78af),
  fromWords(0x3fc74664, 0x96cb03de),
  fromWords(0x3fc39a09, 0xd078c69f),
  fromWords(0x3fc2f112, 0xdf3e5244),
];
/** fdlibm writes 0.33333333333333333, which rounds to this double. */
const THIRD = fromWords(0x3fd55555, 0x55555555);
const MAGIC = 1.5 * 2 ** 52;
const EPS = 1e-15;
/** Pairs of rows per loop step, their statements interleaved (their long chains of dependent operations, four divisions among them, overlap in the CPU). */
const LOSS_PAIRS = 4;

/**
 * `logLosses(scores, labels, out, from, to, sigmoid, logEps) → i32`: for rows i in [from, to),
 * 2 · LOSS_PAIRS at a time, with the f64 raw score and label at `scores + 8i`, `labels + 8i`, writes the row's loss
 * (f64) to `out + 8i`; `logEps` = −log(1e-15) as JS computes it. Returns the first row it did not
 * write: the first of the last rows, short of a step, or the first of a step where |sigmoid · raw|
 * is not below the exp's limit (or is NaN); the caller computes that row and calls again from the next.
 */
function logLosses(): FuncDef {
  const pairs = LOSS_PAIRS;
  const [SCORES, LABELS, OUT, I, TO, SIG, LOGEPS] = [0, 1, 2, 3, 4, 5, 6];
  const { take, count } = v128Locals(7);
  const { b, emit } = emitter();
  const per = () => Array.from({ length: pairs }, take);
  const [z, ax, e] = [per(), per(), per()];
  const exp = expCode(emit, take, pairs, z, ax, e);
  const k = constantLocal(emit, take);
  const [one, two, half, third, zero, eps, limit, lnHi, lnLo, magic] = [
    k(1),
    k(2),
    k(0.5),
    k(THIRD),
    k(0),
    k(EPS),
    k(EXP_KERNEL_LIMIT),
    k(LN2_HI),
    k(LN2_LO),
    k(MAGIC),
  ];
  const lg = LG.map(k);
  const int = (x: bigint) => {
    const l = take();
    emit(op.v128ConstI64(x), op.set(l));
    return l;
  };
  const [mantHi, low32, c95f64, c100000, c3ff00000, c1023] = [int(0xfffffn), int(0xffffffffn), int(0x95f64n), int(0x100000n), int(0x3ff00000n), int(1023n)];
  const [c2, c3, c6147a, c6b851, magicBits] = [int(2n), int(3n), int(0x6147an), int(0x6b851n), int(0x4338000000000000n)];
  const splat = (...value: number[][]) => {
    const l = take();
    emit(...value, op.f64x2Splat(), op.set(l));
    return l;
  };
  const [negSig, logEps] = [splat(op.get(SIG), op.f64Neg()), splat(op.get(LOGEPS))];
  const [p, q, hx, kk, x, f, dk, small] = [per(), per(), per(), per(), per(), per(), per(), per()];
  const [s, zz, w, r, hfsq, va, vb, vs] = [per(), per(), per(), per(), per(), per(), per(), per()];
  const g = op.get;
  const at = (base: number) => [...g(base), ...g(I), ...op.i32Const(3), ...op.i32Shl(), ...op.i32Add()];
  emit(op.block(), op.loop());
  emit(g(I), op.i32Const(2 * pairs), op.i32Add(), g(TO), op.i32GtS(), op.brIf(1));
  // z = −sigmoid · raw (JS: -sigmoid * raw); stop where the exp cannot take one of the step's rows
  for (let j = 0; j < pairs; j++) emit(at(SCORES), op.v128Load(16 * j), g(negSig), op.f64x2Mul(), op.tee(z[j]!), op.f64x2Abs(), op.set(ax[j]!));
  emit(g(ax[0]!), g(limit), op.f64x2Lt());
  for (let j = 1; j < pairs; j++) emit(g(ax[j]!), g(limit), op.f64x2Lt(), op.v128And());
  emit(op.i64x2AllTrue(), op.i32Eqz(), op.brIf(1));
  interleave(pairs, [
    ...exp,
    // p = 1 / (1 + e); q = label > 0 ? p : 1 − p
    (j) => emit(g(one), g(one), g(e[j]!), op.f64x2Add(), op.f64x2Div(), op.set(p[j]!)),
    (j) => emit(g(p[j]!), g(one), g(p[j]!), op.f64x2Sub(), at(LABELS), op.v128Load(16 * j), g(zero), op.f64x2Gt(), op.v128Bitselect(), op.set(q[j]!)),
    // log(q): k, the scaled x and f
    (j) => emit(g(q[j]!), op.i32Const(32), op.i64x2ShrS(), op.tee(hx[j]!), op.i32Const(20), op.i64x2ShrS(), g(c1023), op.i64x2Sub(), op.set(kk[j]!)),
    (j) => emit(g(hx[j]!), g(mantHi), op.v128And(), op.set(hx[j]!)),
    // i = (hx + 0x95f64) & 0x100000 (in r for now); x's high word = hx | (i ^ 0x3ff00000); k += i >> 20
    (j) => emit(g(hx[j]!), g(c95f64), op.i64x2Add(), g(c100000), op.v128And(), op.set(r[j]!)),
    (j) => {
      emit(g(hx[j]!), g(r[j]!), g(c3ff00000), op.v128Xor(), op.v128Or(), op.i32Const(32), op.i64x2Shl());
      emit(g(q[j]!), g(low32), op.v128And(), op.v128Or(), op.set(x[j]!));
    },
    (j) => emit(g(kk[j]!), g(r[j]!), op.i32Const(20), op.i64x2ShrS(), op.i64x2Add(), g(magicBits), op.i64x2Add(), g(magic), op.f64x2Sub(), op.set(dk[j]!)),
    (j) => emit(g(x[j]!), g(one), op.f64x2Sub(), op.set(f[j]!)),
    (j) => emit(g(hx[j]!), g(c2), op.i64x2Add(), g(mantHi), op.v128And(), g(c3), op.i64x2LtS(), op.set(small[j]!)),
    // |f| < 2^-20: dk·ln2_hi − ((f·f·(½ − third·f) − dk·ln2_lo) − f)
    (j) => {
      emit(g(dk[j]!), g(lnHi), op.f64x2Mul(), g(f[j]!), g(f[j]!), op.f64x2Mul(), g(half), g(third), g(f[j]!), op.f64x2Mul(), op.f64x2Sub(), op.f64x2Mul());
      emit(g(dk[j]!), g(lnLo), op.f64x2Mul(), op.f64x2Sub(), g(f[j]!), op.f64x2Sub(), op.f64x2Sub(), op.set(vs[j]!));
    },
    // s = f / (2 + f), z = s², w = z², R = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7))) + w·(Lg2 + w·(Lg4 + w·Lg6))
    (j) =>
      emit(
        g(f[j]!),
        g(two),
        g(f[j]!),
        op.f64x2Add(),
        op.f64x2Div(),
        op.tee(s[j]!),
        g(s[j]!),
        op.f64x2Mul(),
        op.tee(zz[j]!),
        g(zz[j]!),
        op.f64x2Mul(),
        op.set(w[j]!),
      ),
    (j) => {
      const W = w[j]!;
      emit(g(zz[j]!), g(lg[0]!), g(W), g(lg[2]!), g(W), g(lg[4]!), g(W), g(lg[6]!), op.f64x2Mul(), op.f64x2Add(), op.f64x2Mul(), op.f64x2Add());
      emit(op.f64x2Mul(), op.f64x2Add(), op.f64x2Mul());
      emit(g(W), g(lg[1]!), g(W), g(lg[3]!), g(W), g(lg[5]!), op.f64x2Mul(), op.f64x2Add(), op.f64x2Mul(), op.f64x2Add(), op.f64x2Mul());
      emit(op.f64x2Add(), op.set(r[j]!));
    },
    // hfsq = ½·f·f; va = dk·ln2_hi − ((hfsq − (s·(hfsq + R) + dk·ln2_lo)) − f)
    (j) => emit(g(half), g(f[j]!), op.f64x2Mul(), g(f[j]!), op.f64x2Mul(), op.set(hfsq[j]!)),
    (j) => {
      emit(g(dk[j]!), g(lnHi), op.f64x2Mul(), g(hfsq[j]!), g(s[j]!), g(hfsq[j]!), g(r[j]!), op.f64x2Add(), op.f64x2Mul(), g(dk[j]!), g(lnLo), op.f64x2Mul());
      emit(op.f64x2Add(), op.f64x2Sub(), g(f[j]!), op.f64x2Sub(), op.f64x2Sub(), op.set(va[j]!));
    },
    // vb = dk·ln2_hi − ((s·(f − R) − dk·ln2_lo) − f)
    (j) => {
      emit(g(dk[j]!), g(lnHi), op.f64x2Mul(), g(s[j]!), g(f[j]!), g(r[j]!), op.f64x2Sub(), op.f64x2Mul(), g(dk[j]!), g(lnLo), op.f64x2Mul(), op.f64x2Sub());
      emit(g(f[j]!), op.f64x2Sub(), op.f64x2Sub(), op.set(vb[j]!));
    },
    // log = small ? vs : ((hx − 0x6147a) | (0x6b851 − hx)) > 0 ? va : vb; loss = q > eps ? −log : logEps
    (j) => {
      emit(g(vs[j]!), g(va[j]!), g(vb[j]!), g(hx[j]!), g(c6147a), op.i64x2Sub(), g(c6b851), g(hx[j]!), op.i64x2Sub(), op.v128Or(), g(zero), op.i64x2GtS());
      emit(op.v128Bitselect(), g(small[j]!), op.v128Bitselect(), op.f64x2Neg(), g(logEps), g(q[j]!), g(eps), op.f64x2Gt(), op.v128Bitselect(), op.set(q[j]!));
    },
    (j) => emit(at(OUT), g(q[j]!), op.v128Store(16 * j)),
  ]);
  emit(g(I), op.i32Const(2 * pairs), op.i32Add(), op.set(I));
  emit(op.br(0), op.end(), op.end());
  emit(g(I));
  return {
    name: 'logLosses',
    params: [I32, I32, I32, I32, I32, F64, F64],
    results: [I32],
    locals: [[count(), V128]],
    body: b,
  };
}

export function buildLoglossKernel(): Uint8Array {
  return assemble([logLosses()], 1);
}
