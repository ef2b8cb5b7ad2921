/**
 * `exp` and `log` bit for bit as LightGBM gets them from glibc (>= 2.28) on x86-64 CPUs with FMA
 * and on AArch64: ARM's optimized-routines algorithms (see `glibc-math-data.ts` for their tables
 * and license) with every `a * b + c` that GCC fuses into an FMA there fused here too. V8's
 * `Math.exp` / `Math.log` differ from them in the last bit for about one argument in ten.
 *
 * The FMA is emulated exactly with BigInt, so these take microseconds: callers use them where a
 * last-bit difference would change what LightGBM computes (the init score, a gradient that sits on
 * a float32 rounding boundary), and `Math` elsewhere. `test/interop` checks them against Python's
 * `math.exp` / `math.log` (the same glibc) on hundreds of thousands of arguments.
 */
import { EXP_CONSTANTS, EXP_TABLE, LOG_LN2, LOG_POLY, LOG_POLY1, LOG_TABLE } from './glibc-math-data';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const asDouble = (bits: bigint): number => {
  u64[0] = BigInt.asUintN(64, bits);
  return f64[0]!;
};
const asBits = (x: number): bigint => {
  f64[0] = x;
  return u64[0]!;
};
const doubles = (a: BigUint64Array) => Float64Array.from(a, (b) => asDouble(b));

/** x = m · 2^e with m an integer (sign included). */
function decompose(x: number): { m: bigint; e: number } {
  const b = asBits(x);
  const biased = Number((b >> 52n) & 0x7ffn);
  let m = b & 0xfffffffffffffn;
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: b >> 63n ? -m : m, e };
}

/** IEEE `fma(a, b, c)`: a·b + c rounded once (to nearest even), for results in the normal range. */
function fmaExact(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || a === 0 || b === 0) return p + c;
  if (c === 0) return p;
  const A = decompose(a);
  const B = decompose(b);
  const C = decompose(c);
  const ep = A.e + B.e;
  const e = Math.min(ep, C.e);
  let M = ((A.m * B.m) << BigInt(ep - e)) + (C.m << BigInt(C.e - e));
  if (M === 0n) return 0;
  const negative = M < 0n;
  if (negative) M = -M;
  let E = e;
  // keep 64 bits and a sticky bit: Number() then rounds to 53 bits exactly as the full value would
  const len = M.toString(2).length;
  if (len > 64) {
    const shift = BigInt(len - 64);
    const sticky = (M & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
    M = (M >> shift) | sticky;
    E += len - 64;
  }
  let r = Number(M);
  for (; E > 0; E -= Math.min(E, 1000)) r *= 2 ** Math.min(E, 1000);
  // biome-ignore lint/correctness/useValidForDirection: E is negative, so subtracting a negative step counts up to 0
  for (; E < 0; E -= Math.max(E, -1000)) r *= 2 ** Math.max(E, -1000);
  return negative ? -r : r;
}
const fma = fmaExact;

const EXP_C = doubles(EXP_CONSTANTS);
const INV_LN2_N = EXP_C[0]!;
const NEG_LN2_HI_N = EXP_C[1]!;
const NEG_LN2_LO_N = EXP_C[2]!;
const SHIFT = EXP_C[3]!;
const C2 = EXP_C[4]!;
const C3 = EXP_C[5]!;
const C4 = EXP_C[6]!;
const C5 = EXP_C[7]!;

/** exp(x) = scale · (1 + tmp) near overflow or underflow (optimized-routines `specialcase`). */
function expSpecial(tmp: number, sbits: bigint, ki: bigint): number {
  if ((ki & 0x80000000n) === 0n) {
    const scale = asDouble(sbits - (1009n << 52n));
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const scale = asDouble(sbits + (1022n << 52n));
  let y = fma(scale, tmp, scale);
  if (y < 1.0) {
    let lo = fma(scale, tmp, scale - y);
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0;
  }
  return 2 ** -1022 * y;
}

/** glibc `exp`. */
export function glibcExp(x: number): number {
  let abstop = Number((asBits(x) >> 52n) & 0x7ffn);
  // |x| < 2^-54 or |x| >= 512 (top12(0x1p-54) = 969, top12(512) = 1032)
  if (abstop - 969 >= 1032 - 969 || abstop < 969) {
    if (abstop < 969) return 1.0 + x;
    if (abstop >= 1033) {
      if (x === -Infinity) return 0;
      if (abstop >= 2047) return 1.0 + x;
      return x < 0 ? 0 : Infinity;
    }
    abstop = 0;
  }
  let kd = fma(INV_LN2_N, x, SHIFT);
  const ki = asBits(kd);
  kd -= SHIFT;
  const r = fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x));
  const idx = Number(2n * (ki % 128n));
  const top = BigInt.asUintN(64, ki << 45n);
  const tail = asDouble(EXP_TABLE[idx]!);
  const sbits = BigInt.asUintN(64, EXP_TABLE[idx + 1]! + top);
  const r2 = r * r;
  let tmp = fma(r2, fma(r, C3, C2), tail + r);
  tmp = fma(r2 * r2, fma(r, C5, C4), tmp);
  if (abstop === 0) return expSpecial(tmp, sbits, ki);
  const scale = asDouble(sbits);
  return fma(scale, tmp, scale);
}

const LN2_HI = doubles(LOG_LN2)[0]!;
const LN2_LO = doubles(LOG_LN2)[1]!;
const A = doubles(LOG_POLY);
const B = doubles(LOG_POLY1);
const LOG_TAB = doubles(LOG_TABLE);
const OFF = 0x3fe6000000000000n;
const NEAR_ONE_LO = asBits(1.0 - 2 ** -4);
const NEAR_ONE_HI = asBits(1.0 + 0x109 / 2 ** 12);

/** glibc `log`. */
export function glibcLog(x: number): number {
  let ix = asBits(x);
  if (BigInt.asUintN(64, ix - NEAR_ONE_LO) < NEAR_ONE_HI - NEAR_ONE_LO) {
    if (x === 1) return 0;
    const r = x - 1.0;
    const r2 = r * r;
    const r3 = r * r2;
    const q3 = fma(r3, B[10]!, fma(r2, B[9]!, fma(r, B[8]!, B[7]!)));
    const q2 = fma(r3, q3, fma(r2, B[6]!, fma(r, B[5]!, B[4]!)));
    const q1 = fma(r3, q2, fma(r2, B[3]!, fma(r, B[2]!, B[1]!)));
    let w = r * 2 ** 27;
    const rhi = r + w - w;
    const rlo = r - rhi;
    w = rhi * rhi * B[0]!;
    const hi = r + w;
    let lo = r - hi + w;
    lo = fma(B[0]! * rlo, rhi + r, lo);
    return fma(r3, q1, lo) + hi;
  }
  const top = Number(ix >> 48n);
  if (top - 0x0010 >= 0x7ff0 - 0x0010 || top < 0x0010) {
    // zero, subnormal, negative, infinite or NaN
    if (!(x > 0) || x === Infinity) return Math.log(x);
    ix = asBits(x * 2 ** 52) - (52n << 52n);
  }
  const tmp = BigInt.asUintN(64, ix - OFF);
  const i = Number((tmp >> 45n) % 128n);
  const k = Number(BigInt.asIntN(64, tmp) >> 52n);
  const z = asDouble(ix - (tmp & (0xfffn << 52n)));
  const invc = LOG_TAB[2 * i]!;
  const logc = LOG_TAB[2 * i + 1]!;
  const r = fma(z, invc, -1.0);
  const w = fma(k, LN2_HI, logc);
  const hi = w + r;
  const lo = fma(k, LN2_LO, w - hi + r);
  const r2 = r * r;
  const s = fma(r2, fma(r, A[4]!, A[3]!), fma(r, A[2]!, A[1]!));
  const y = fma(r * r2, s, fma(r2, A[0]!, lo));
  return y + hi;
}
