/**
 * Just enough of the WebAssembly binary format to write one fixed kernel by hand: LEB128
 * immediates, the opcodes the kernel uses, and a module with one imported memory and exported
 * functions. Used only to (re)produce the committed kernel bytes (see kernel-source.ts).
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const F32 = 0x7d;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** Instruction encoders, named after the text format. */
export const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (l: number) => [0x20, ...uleb(l)],
  set: (l: number) => [0x21, ...uleb(l)],
  tee: (l: number) => [0x22, ...uleb(l)],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  i32Load16u: (offset = 0) => [0x2f, 1, ...uleb(offset)],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  i32Store16: (offset = 0) => [0x3b, 1, ...uleb(offset)],
  i32Store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  i32Xor: () => [0x73],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  f64Store: (offset = 0) => [0x39, 3, ...uleb(offset)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Eqz: () => [0x45],
  i32GeS: () => [0x4e],
  i32GeU: () => [0x4f],
  i32LeU: () => [0x4d],
  i32LtU: () => [0x49],
  i32Or: () => [0x72],
  f64Ne: () => [0x62],
  f64Lt: () => [0x63],
  f32Gt: () => [0x5e],
  f64PromoteF32: () => [0xbb],
  i32GtU: () => [0x4b],
  i32GtS: () => [0x4a],
  select: () => [0x1b],
  i32Add: () => [0x6a],
  i32Sub: () => [0x6b],
  i32Mul: () => [0x6c],
  i32And: () => [0x71],
  i32Shl: () => [0x74],
  i32ShrS: () => [0x75],
  i32ShrU: () => [0x76],
  f64Neg: () => [0x9a],
  f64Add: () => [0xa0],
  f64Sub: () => [0xa1],
  f64Mul: () => [0xa2],
  i32TruncSatF64S: () => [0xfc, 0x02],
  i32Load8u: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 2, ...uleb(offset)],
  i32Eq: () => [0x46],
  i32Ne: () => [0x47],
  i32LtS: () => [0x48],
  // SIMD (0xfd prefix, LEB128 opcode)
  v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  v128Load64Zero: (offset = 0) => [0xfd, ...uleb(0x5d), 3, ...uleb(offset)],
  f64x2PromoteLowF32x4: () => [0xfd, ...uleb(0x5f)],
  f64x2Add: () => [0xfd, ...uleb(0xf0)],
  f64x2Sub: () => [0xfd, ...uleb(0xf1)],
  f64x2Mul: () => [0xfd, ...uleb(0xf2)],
  f64x2Splat: () => [0xfd, ...uleb(0x14)],
  f64x2ExtractLane: (lane: number) => [0xfd, ...uleb(0x21), lane],
  f64x2ReplaceLane: (lane: number) => [0xfd, ...uleb(0x22), lane],
  i8x16Eq: () => [0xfd, ...uleb(0x23)],
  f32x4Ne: () => [0xfd, ...uleb(0x42)],
  f64x2Ne: () => [0xfd, ...uleb(0x48)],
  v128Or: () => [0xfd, ...uleb(0x50)],
  v128Xor: () => [0xfd, ...uleb(0x51)],
  v128AnyTrue: () => [0xfd, ...uleb(0x53)],
  i8x16GtS: () => [0xfd, ...uleb(0x27)],
  v128And: () => [0xfd, ...uleb(0x4e)],
  i8x16MaxU: () => [0xfd, ...uleb(0x79)],
  i8x16Splat: () => [0xfd, ...uleb(0x0f)],
  /** A v128 constant of two f64 lanes (little-endian bytes). */
  v128ConstF64: (lo: number, hi = lo) => [0xfd, ...uleb(0x0c), ...f64Bytes(lo), ...f64Bytes(hi)],
  v128Store64Lane: (lane: number, offset = 0) => [0xfd, ...uleb(0x5b), 3, ...uleb(offset), lane],
  v128Not: () => [0xfd, ...uleb(0x4d)],
  v128Bitselect: () => [0xfd, ...uleb(0x52)],
  f32x4Eq: () => [0xfd, ...uleb(0x41)],
  f32x4DemoteF64x2Zero: () => [0xfd, ...uleb(0x5e)],
  f64x2Eq: () => [0xfd, ...uleb(0x47)],
  f64x2Lt: () => [0xfd, ...uleb(0x49)],
  f64x2Gt: () => [0xfd, ...uleb(0x4a)],
  f64x2Ge: () => [0xfd, ...uleb(0x4c)],
  f64x2Trunc: () => [0xfd, ...uleb(0x7a)],
  f64x2Abs: () => [0xfd, ...uleb(0xec)],
  f64x2Div: () => [0xfd, ...uleb(0xf3)],
  i64x2AllTrue: () => [0xfd, ...uleb(0xc3)],
  i64x2ExtendLowI32x4S: () => [0xfd, ...uleb(0xc7)],
  i64x2Shl: () => [0xfd, ...uleb(0xcb)],
  i64x2ShrS: () => [0xfd, ...uleb(0xcc)],
  i64x2Add: () => [0xfd, ...uleb(0xce)],
  i64x2Sub: () => [0xfd, ...uleb(0xd1)],
  i64x2LtS: () => [0xfd, ...uleb(0xd8)],
  i64x2GtS: () => [0xfd, ...uleb(0xd9)],
  f64x2Neg: () => [0xfd, ...uleb(0xed)],
  /** A v128 constant of two i64 lanes. */
  v128ConstI64: (lo: bigint, hi = lo) => [0xfd, ...uleb(0x0c), ...i64Bytes(lo), ...i64Bytes(hi)],
};

/** The 8 bytes `write` puts into a DataView (little-endian, as wasm stores constants). */
function bytes8(write: (v: DataView) => void): number[] {
  const b = new Uint8Array(8);
  write(new DataView(b.buffer));
  return [...b];
}

/** The 8 little-endian bytes of a 64-bit integer. */
const i64Bytes = (x: bigint): number[] => bytes8((v) => v.setBigUint64(0, BigInt.asUintN(64, x), true));

/** The 8 little-endian bytes of a double. */
const f64Bytes = (x: number): number[] => bytes8((v) => v.setFloat64(0, x, true));

/** A function body being built: `b` the bytes, `emit(...ops)` appends instructions in order. */
export function emitter(): { b: number[]; emit: (...xs: number[][]) => void } {
  const b: number[] = [];
  return { b, emit: (...xs) => xs.forEach((x) => b.push(...x)) };
}

export type FuncDef = {
  readonly name: string;
  readonly params: readonly number[];
  readonly results?: readonly number[];
  /** Extra locals after the params, as [count, type] runs. */
  readonly locals: readonly (readonly [number, number])[];
  readonly body: readonly number[];
};

/**
 * A module importing `env.memory` (at least `minPages`; with `sharedMaxPages`, a shared memory of
 * at most that many pages, which threads can all instantiate the module over) and exporting each
 * function by name.
 */
export function assemble(funcs: readonly FuncDef[], minPages = 1, sharedMaxPages?: number): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec((f.results ?? []).map((r) => [r]))]);
  const limits = sharedMaxPages === undefined ? [0x00, ...uleb(minPages)] : [0x03, ...uleb(minPages), ...uleb(sharedMaxPages)];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...limits]];
  const exports = funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const codes = funcs.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
