// The dense products of the linear solvers, rows [from, to) of a row-major X.
//
// Each loop exists twice, for Float32Array and Float64Array X, with identical bodies: V8 optimizes an
// element access for the array types it has seen there, and one loop that sees both (the float32
// design of a large fit, the caller's float64 rows at predict time) runs about a third slower on
// the large fits these passes are for. Same code, same arithmetic, same results.

/**
 * out[i] = X[i]·β + intercept, four rows at a time: each β[j] load serves four rows and the four
 * sums run as independent chains. Every row still sums j = 0…cols−1 in order, so results equal the
 * simple loop and do not depend on the range.
 */
export function denseMatVec(
  from: number,
  to: number,
  cols: number,
  data: Float32Array | Float64Array,
  beta: Float64Array,
  intercept: number,
  out: Float64Array,
): void {
  if (data instanceof Float32Array) matVec32(from, to, cols, data, beta, intercept, out);
  else matVec64(from, to, cols, data, beta, intercept, out);
}

/**
 * out[j] += Σᵢ X[i, j]·r[i], four rows per sweep: out[j] is loaded and stored once per four rows
 * instead of once per row, and still adds row by row, so sums round exactly as the one-row loop.
 */
export function denseTransposeVec(from: number, to: number, cols: number, data: Float32Array | Float64Array, r: Float64Array, out: Float64Array): void {
  if (data instanceof Float32Array) transposeVec32(from, to, cols, data, r, out);
  else transposeVec64(from, to, cols, data, r, out);
}

function matVec32(from: number, to: number, cols: number, data: Float32Array, beta: Float64Array, intercept: number, out: Float64Array): void {
  let i = from;
  let off = from * cols;
  for (; i + 3 < to; i += 4, off += 4 * cols) {
    const o1 = off + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    let s0 = intercept;
    let s1 = intercept;
    let s2 = intercept;
    let s3 = intercept;
    for (let j = 0; j < cols; j++) {
      const b = beta[j]!;
      s0 += data[off + j]! * b;
      s1 += data[o1 + j]! * b;
      s2 += data[o2 + j]! * b;
      s3 += data[o3 + j]! * b;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < to; i++, off += cols) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[off + j]! * beta[j]!;
    out[i] = s;
  }
}

function matVec64(from: number, to: number, cols: number, data: Float64Array, beta: Float64Array, intercept: number, out: Float64Array): void {
  let i = from;
  let off = from * cols;
  for (; i + 3 < to; i += 4, off += 4 * cols) {
    const o1 = off + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    let s0 = intercept;
    let s1 = intercept;
    let s2 = intercept;
    let s3 = intercept;
    for (let j = 0; j < cols; j++) {
      const b = beta[j]!;
      s0 += data[off + j]! * b;
      s1 += data[o1 + j]! * b;
      s2 += data[o2 + j]! * b;
      s3 += data[o3 + j]! * b;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < to; i++, off += cols) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[off + j]! * beta[j]!;
    out[i] = s;
  }
}

function transposeVec32(from: number, to: number, cols: number, data: Float32Array, r: Float64Array, out: Float64Array): void {
  let i = from;
  let off = from * cols;
  for (; i + 3 < to; i += 4, off += 4 * cols) {
    const r0 = r[i]!;
    const r1 = r[i + 1]!;
    const r2 = r[i + 2]!;
    const r3 = r[i + 3]!;
    const o1 = off + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    for (let j = 0; j < cols; j++) {
      let a = out[j]!;
      a += data[off + j]! * r0;
      a += data[o1 + j]! * r1;
      a += data[o2 + j]! * r2;
      a += data[o3 + j]! * r3;
      out[j] = a;
    }
  }
  for (; i < to; i++, off += cols) {
    const ri = r[i]!;
    for (let j = 0; j < cols; j++) out[j]! += data[off + j]! * ri;
  }
}

function transposeVec64(from: number, to: number, cols: number, data: Float64Array, r: Float64Array, out: Float64Array): void {
  let i = from;
  let off = from * cols;
  for (; i + 3 < to; i += 4, off += 4 * cols) {
    const r0 = r[i]!;
    const r1 = r[i + 1]!;
    const r2 = r[i + 2]!;
    const r3 = r[i + 3]!;
    const o1 = off + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    for (let j = 0; j < cols; j++) {
      let a = out[j]!;
      a += data[off + j]! * r0;
      a += data[o1 + j]! * r1;
      a += data[o2 + j]! * r2;
      a += data[o3 + j]! * r3;
      out[j] = a;
    }
  }
  for (; i < to; i++, off += cols) {
    const ri = r[i]!;
    for (let j = 0; j < cols; j++) out[j]! += data[off + j]! * ri;
  }
}
