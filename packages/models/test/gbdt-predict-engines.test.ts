/**
 * The prediction paths (WebAssembly kernel, pure-JS binned walk, float walk) against an
 * independent walk over random forests: every path must give the same bits.
 */
import { describe, expect, test } from 'vitest';
import { isCsr, type CsrMatrix, type DenseMatrix, type Matrix } from '../src/matrix';
import { addRawScores, addRawScoresFloat, compileForest, type WalkEngine } from '../src/gbdt/forest';
import { bucketSearch, lanePredictor } from '../src/gbdt/predict/lane-predict';
import { TREES_PER_PASS } from '../src/gbdt/predict/wasm/lane-layout';
import type { TreeArrays } from '../src/gbdt/tree';
import { rng, toCsr } from './gbdt/helpers';

const MISSING_NONE = 0;
const MISSING_ZERO = 1 << 2;
const MISSING_NAN = 2 << 2;
const DEFAULT_LEFT = 2;

/** A random tree grown like LightGBM's (splitting leaf l keeps ~l on the left, adds a leaf on the right). */
function randomTree(r: () => number, numLeaves: number, cols: number, pool: readonly number[], missing: readonly number[]): TreeArrays {
  const n = Math.max(0, numLeaves - 1);
  const t: TreeArrays = {
    numLeaves,
    splitFeature: new Int32Array(n),
    splitGain: new Float64Array(n),
    threshold: new Float64Array(n),
    decisionType: new Uint8Array(n),
    leftChild: new Int32Array(n),
    rightChild: new Int32Array(n),
    leafValue: Float64Array.from({ length: numLeaves }, () => (r() - 0.5) * 0.3),
    leafWeight: new Float64Array(numLeaves),
    leafCount: new Int32Array(numLeaves),
    internalValue: new Float64Array(n),
    internalWeight: new Float64Array(n),
    internalCount: new Int32Array(n),
    shrinkage: 1,
  };
  const leafParent = new Int32Array(numLeaves).fill(-1);
  for (let i = 0; i < n; i++) {
    const leaf = Math.floor(r() * (i + 1));
    const p = leafParent[leaf]!;
    if (p >= 0) {
      if (t.leftChild[p] === ~leaf) t.leftChild[p] = i;
      else t.rightChild[p] = i;
    }
    t.splitFeature[i] = Math.floor(r() * cols);
    t.threshold[i] = pool[Math.floor(r() * pool.length)]!;
    t.decisionType[i] = missing[Math.floor(r() * missing.length)]! | (r() < 0.5 ? DEFAULT_LEFT : 0);
    t.leftChild[i] = ~leaf;
    t.rightChild[i] = ~(i + 1);
    leafParent[leaf] = i;
    leafParent[i + 1] = i;
  }
  return t;
}

/** LightGBM `Tree::NumericalDecision`, row by row, trees added in order; shares no code with the package. */
function referenceRaw(trees: readonly TreeArrays[], X: Matrix, init?: Float64Array): Float64Array {
  const out = init ? init.slice() : new Float64Array(X.rows);
  const row = new Float64Array(X.cols);
  for (let r = 0; r < X.rows; r++) {
    if (isCsr(X)) {
      row.fill(0);
      for (let k = X.indptr[r]!; k < X.indptr[r + 1]!; k++) row[X.indices[k]!] = X.data[k]!;
    } else for (let c = 0; c < X.cols; c++) row[c] = X.data[r * X.cols + c]!;
    for (const t of trees) {
      let n = t.numLeaves > 1 ? 0 : -1;
      while (n >= 0) {
        let v = row[t.splitFeature[n]!]!;
        const dt = t.decisionType[n]!;
        const mt = dt & 12;
        if (Number.isNaN(v) && mt !== MISSING_NAN) v = 0;
        const isMissing = (mt === MISSING_ZERO && Math.abs(v) <= 1e-35) || (mt === MISSING_NAN && Number.isNaN(v));
        n = (isMissing ? (dt & DEFAULT_LEFT) !== 0 : v <= t.threshold[n]!) ? t.leftChild[n]! : t.rightChild[n]!;
      }
      out[r]! += t.leafValue[~n]!;
    }
  }
  return out;
}

function firstDiff(a: Float64Array, b: Float64Array): number {
  const ua = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const ub = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i]) return i;
  return a.length === b.length ? -1 : a.length;
}

/** Dense rows mixing pool values (exactly on thresholds), zeros, NaN and noise. */
function randomRows(r: () => number, rows: number, cols: number, pool: readonly number[], nanRate: number, f32 = false): DenseMatrix {
  const data = f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    const u = r();
    data[i] = u < nanRate ? NaN : u < 0.3 ? pool[Math.floor(r() * pool.length)]! : u < 0.45 ? 0 : (r() - 0.5) * 8;
  }
  return { rows, cols, data };
}

const ENGINES: WalkEngine[] = ['lanes', 'wasm', 'js', 'auto'];

/**
 * Every path equals the reference. `init` is what `out` holds before the call: the binned walks
 * add tree by tree, like the reference; the float walk of CSR and zero-as-missing rows adds a
 * row's sum at once, so nonzero starts are only compared where every block is binned.
 */
function expectAllPathsEqual(trees: readonly TreeArrays[], X: Matrix, init = new Float64Array(X.rows)): void {
  const f = compileForest(trees);
  const want = referenceRaw(trees, X, init);
  for (const engine of ENGINES) {
    const out = init.slice();
    addRawScores(f, X, out, 0, f.numTrees, undefined, engine);
    expect({ engine, diff: firstDiff(out, want) }).toEqual({ engine, diff: -1 });
  }
  const float = init.slice();
  addRawScoresFloat(f, X, float);
  expect(firstDiff(float, want)).toBe(-1);
  // a tree range: trees [from, to) added to what is there
  if (trees.length >= 3) {
    const from = 1;
    const to = trees.length - 1;
    const part = referenceRaw(trees.slice(from, to), X, init);
    for (const engine of ENGINES) {
      const out = init.slice();
      addRawScores(f, X, out, from, to, undefined, engine);
      expect({ engine, range: firstDiff(out, part) }).toEqual({ engine, range: -1 });
    }
  }
}

describe('GBDT prediction engines on random forests', () => {
  const pool = [-2.5, -1, -0.25, 0, 1e-36, 0.5, 1, 3, 7.25];
  const forest = (seed: number, trees: number, leaves: () => number, cols: number, missing: readonly number[]) => {
    const r = rng(seed);
    return Array.from({ length: trees }, () => randomTree(r, leaves(), cols, pool, missing));
  };

  test('dense Float64 and Float32 with NaN (missing type NaN and None), ragged blocks', () => {
    const r = rng(11);
    const trees = forest(1, 30, () => 1 + Math.floor(r() * 40), 6, [MISSING_NONE, MISSING_NAN]);
    for (const rows of [1, 7, 8, 9, 255, 256, 257, 1000]) {
      expectAllPathsEqual(trees, randomRows(r, rows, 6, pool, 0, false));
      expectAllPathsEqual(trees, randomRows(r, rows, 6, pool, 0, true));
    }
    // NaN in some blocks only: those take the float walk, the others the binned one
    const X = randomRows(r, 1300, 6, pool, 0, true);
    for (let i = 600; i < 700; i++) X.data[i * 6 + (i % 6)] = NaN;
    expectAllPathsEqual(trees, X);
    expectAllPathsEqual(trees, randomRows(r, 900, 6, pool, 0.05, false));
  });

  test('Float32 rows on and beside thresholds that float32 cannot hold (the float32 kernel rounds them down)', () => {
    // LightGBM thresholds are float64 midpoints; beyond float32's range and below its smallest normal too
    const odd = [0.1, 1 / 3, -0.7, 1e-36, -1e-40, 3.5e38, -3.5e38, 1e300, -1e300, 2 ** -149];
    const r = rng(21);
    const trees = Array.from({ length: 20 }, () => randomTree(r, 2 + Math.floor(r() * 30), 4, odd, [MISSING_NONE, MISSING_NAN]));
    const near: number[] = [Infinity, -Infinity, 0, -0, 2 ** -149, -(2 ** -149), 3.4028234663852886e38, -3.4028234663852886e38];
    const bits = new Float32Array(1);
    const u32 = new Uint32Array(bits.buffer);
    for (const t of odd) {
      bits[0] = t;
      const f = bits[0];
      near.push(f);
      for (const step of [-1, 1]) {
        u32[0] = u32[0]! + step;
        if (Number.isFinite(bits[0]!) && Number.isFinite(f!)) near.push(bits[0]!); // no NaN: those blocks take the float walk
        bits[0] = f;
      }
    }
    const X = { rows: 2000, cols: 4, data: Float32Array.from({ length: 8000 }, () => near[Math.floor(r() * near.length)]!) };
    expectAllPathsEqual(trees, X);
  });

  test('CSR input (absent entries are 0) equals its dense copy', () => {
    const r = rng(12);
    const trees = forest(2, 25, () => 2 + Math.floor(r() * 30), 9, [MISSING_NONE, MISSING_NAN]);
    const X = randomRows(r, 700, 9, pool, 0, false);
    const csr: CsrMatrix = toCsr(X);
    expectAllPathsEqual(trees, csr);
    const withNaN = randomRows(r, 500, 9, pool, 0.02, false);
    expectAllPathsEqual(trees, toCsr(withNaN));
  });

  test('zero-as-missing nodes (float walk only) still agree', () => {
    const r = rng(13);
    const trees = forest(3, 20, () => 2 + Math.floor(r() * 20), 5, [MISSING_NONE, MISSING_ZERO, MISSING_NAN]);
    expect(compileForest(trees).binned).toBeUndefined();
    expectAllPathsEqual(trees, randomRows(r, 600, 5, pool, 0.05, false));
    expectAllPathsEqual(trees, toCsr(randomRows(r, 300, 5, pool, 0, false)));
  });

  test('binned walks add to what out holds, tree by tree', () => {
    const r = rng(16);
    const trees = forest(8, 20, () => 1 + Math.floor(r() * 50), 7, [MISSING_NONE, MISSING_NAN]);
    const X = randomRows(r, 500, 7, pool, 0, false);
    expectAllPathsEqual(
      trees,
      X,
      Float64Array.from({ length: 500 }, (_, i) => (i % 5) * 0.3 - 0.7),
    );
  });

  test('single-leaf and two-leaf trees, one-tree forests, empty input', () => {
    const r = rng(14);
    const stumps = forest(4, 12, () => (r() < 0.5 ? 1 : 2), 4, [MISSING_NONE, MISSING_NAN]);
    expectAllPathsEqual(stumps, randomRows(r, 333, 4, pool, 0, true));
    expectAllPathsEqual(
      forest(5, 3, () => 1, 4, [MISSING_NONE]),
      randomRows(r, 50, 4, pool, 0, false),
    );
    expectAllPathsEqual(
      forest(6, 1, () => 64, 4, [MISSING_NAN]),
      randomRows(r, 77, 4, pool, 0, false),
    );
    const f = compileForest(stumps);
    for (const engine of ENGINES) {
      const out = new Float64Array(0);
      addRawScores(f, { rows: 0, cols: 4, data: new Float32Array(0) }, out, 0, f.numTrees, undefined, engine);
      addRawScores(
        f,
        { rows: 0, cols: 4, indptr: new Int32Array(1), indices: new Int32Array(0), data: new Float64Array(0) },
        out,
        0,
        f.numTrees,
        undefined,
        engine,
      );
      expect(out.length).toBe(0);
    }
  });

  test('rows much wider than the split features (binned in JS, walked by the kernel)', () => {
    const r = rng(17);
    const trees = forest(9, 30, () => 2 + Math.floor(r() * 30), 5, [MISSING_NONE, MISSING_NAN]);
    const X = randomRows(r, 300, 90, pool, 0, true);
    expectAllPathsEqual(trees, X);
    expectAllPathsEqual(trees, { ...X, data: Float64Array.from(X.data) });
  });

  test('hundreds of split features (small blocks) and deep trees', () => {
    const r = rng(15);
    const trees = forest(7, 40, () => 2 + Math.floor(r() * 120), 600, [MISSING_NONE, MISSING_NAN]);
    const f = compileForest(trees);
    expect(f.binned!.used.length).toBeGreaterThan(256);
    expect(f.binned!.block).toBeLessThan(256);
    const X = randomRows(r, 400, 600, pool, 0, false);
    expectAllPathsEqual(trees, X);
    expectAllPathsEqual(trees, toCsr(X));
  });
});

describe('the lane kernel (u8 bins, pre-order leaf indices) against the reference', () => {
  /** Thresholds spread over many magnitudes and clustered, so bucket windows hold several thresholds. */
  const skewedPool = (r: () => number, n: number): number[] => {
    const out = new Set<number>([0, -1e300, 1e300, 2 ** -1074, -(2 ** -1060), 1e-36]);
    while (out.size < n) {
      const u = r();
      out.add(u < 0.4 ? 1e-3 * 2 ** Math.floor(r() * 40) : u < 0.7 ? Math.fround((r() - 0.5) * 6) : u < 0.85 ? 1 + r() * 1e-9 : -Math.exp(r() * 30));
    }
    return [...out];
  };

  /** Rows on thresholds, beside them (float32 neighbours), zeros, infinities, noise; NaN only in column `nanCol` (unused by every split) unless `nanRate`. */
  function rowsNear(r: () => number, rows: number, cols: number, pool: readonly number[], f32: boolean, nanCol: number, nanRate = 0): DenseMatrix {
    const data = f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) {
      const u = r();
      const t = pool[Math.floor(r() * pool.length)]!;
      data[i] =
        i % cols === nanCol
          ? r() < 0.3
            ? NaN
            : r()
          : u < nanRate
            ? NaN
            : u < 0.35
              ? t
              : u < 0.5
                ? t * (1 + (r() - 0.5) * 1e-7)
                : u < 0.6
                  ? 0
                  : u < 0.62
                    ? r() < 0.5
                      ? Infinity
                      : -Infinity
                    : (r() - 0.5) * 10 ** Math.floor(r() * 8 - 3);
    }
    return { rows, cols, data };
  }

  test('random forests up to 256 leaves per tree and 255 thresholds per feature, every input kind', () => {
    for (const seed of [31, 32, 33, 34]) {
      const r = rng(seed);
      const cols = 7; // column 6 is never split on: NaN there must not matter
      const pool = skewedPool(r, 40 + Math.floor(r() * 200));
      const trees = Array.from({ length: 12 }, (_, i) =>
        randomTree(r, i === 0 ? 256 : 1 + Math.floor(r() * (r() < 0.3 ? 256 : 40)), cols - 1, pool, [MISSING_NONE, MISSING_NAN]),
      );
      const f = compileForest(trees);
      expect(lanePredictor(f)).toBeDefined();
      for (const rows of [1, 63, 64, 65, 1025, 2100]) {
        const X = rowsNear(r, rows, cols, pool, seed % 2 === 0, cols - 1);
        expectAllPathsEqual(trees, X);
        expectAllPathsEqual(trees, toCsr({ rows, cols, data: Float64Array.from(X.data) }));
      }
      // NaN in split columns: those blocks take the float walk
      expectAllPathsEqual(trees, rowsNear(r, 3000, cols, pool, false, cols - 1, 0.0005));
      const f32 = rowsNear(r, 1500, cols, pool, true, cols - 1);
      const csr = toCsr({ rows: 1500, cols, data: Float64Array.from(f32.data) });
      // CSR with float32 values and unsigned indices
      expectAllPathsEqual(trees, { ...csr, indptr: Uint32Array.from(csr.indptr), indices: Uint32Array.from(csr.indices), data: Float32Array.from(csr.data) });
    }
  });

  /**
   * CSR of dense rows as callers may write it: some zeros stored (as 0 or -0), a row's entries in
   * any order, and some columns repeated with earlier entries holding other values (the last entry
   * of a column is its value, as in the float walk); `nanRate` of the earlier entries are NaN.
   */
  function messyCsr(r: () => number, X: DenseMatrix, pool: readonly number[], nanRate: number): CsrMatrix {
    const indptr = new Int32Array(X.rows + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < X.rows; i++) {
      const cols: number[] = [];
      for (let c = 0; c < X.cols; c++) {
        const v = X.data[i * X.cols + c]!;
        if (v !== 0 || r() < 0.3) cols.push(c);
        while (r() < 0.15) cols.push(c);
      }
      for (let k = cols.length - 1; k > 0; k--) {
        const j = Math.floor(r() * (k + 1));
        [cols[k], cols[j]] = [cols[j]!, cols[k]!];
      }
      cols.forEach((c, k) => {
        const last = cols.indexOf(c, k + 1) < 0;
        const v = X.data[i * X.cols + c]!;
        idx.push(c);
        val.push(last ? (v === 0 && r() < 0.5 ? -0 : v) : r() < nanRate ? NaN : pool[Math.floor(r() * pool.length)]!);
      });
      indptr[i + 1] = idx.length;
    }
    return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(idx), data: Float64Array.from(val) };
  }

  test('CSR rows with stored zeros, unsorted and repeated columns, NaN stored or overwritten: every path equals the reference', () => {
    for (const seed of [51, 52, 53]) {
      const r = rng(seed);
      const cols = 8; // column 7 is never split on: NaN there must not matter
      const pool = skewedPool(r, 30 + Math.floor(r() * 220));
      const trees = Array.from({ length: 10 }, () => randomTree(r, 2 + Math.floor(r() * 150), cols - 1, pool, [MISSING_NONE, MISSING_NAN]));
      expect(lanePredictor(compileForest(trees))).toBeDefined();
      for (const rows of [1, 129, 2500]) {
        const X = rowsNear(r, rows, cols, pool, false, cols - 1);
        expectAllPathsEqual(trees, messyCsr(r, X, pool, 0));
        // an overwritten NaN sends its block to the float walk, whose last entry wins too
        expectAllPathsEqual(trees, messyCsr(r, X, pool, 0.001));
      }
      // NaN stored as a split column's value
      expectAllPathsEqual(trees, messyCsr(r, rowsNear(r, 2500, cols, pool, false, cols - 1, 0.0005), pool, 0));
    }
  });

  test('passes of TREES_PER_PASS trees: any tree count and range (the rest padded with -0 leaves), out holding -0, +0 and values', () => {
    const r = rng(61);
    const cols = 5;
    const pool = skewedPool(r, 80);
    const trees = Array.from({ length: 2 * TREES_PER_PASS + 3 }, (_, i) =>
      randomTree(r, i % 5 === 0 ? 1 : 2 + Math.floor(r() * 100), cols - 1, pool, [MISSING_NONE, MISSING_NAN]),
    );
    // a leaf of exactly -0 and one of +0: the sums must keep the sign of zero like the float walk
    trees[0]!.leafValue.fill(-0);
    trees[1]!.leafValue.fill(-0);
    trees[2]!.leafValue.fill(0);
    const X = rowsNear(r, 700, cols, pool, false, cols - 1);
    const init = Float64Array.from({ length: 700 }, (_, i) => [-0, 0, 0.25, -1e-300][i % 4]!);
    const f = compileForest(trees);
    for (let from = 0; from < trees.length; from++) {
      for (const to of [from + 1, from + TREES_PER_PASS, from + TREES_PER_PASS + 1, trees.length]) {
        if (to > trees.length) continue;
        const want = referenceRaw(trees.slice(from, to), X, init);
        const out = init.slice();
        addRawScores(f, X, out, from, to, undefined, 'lanes');
        expect({ from, to, diff: firstDiff(out, want) }).toEqual({ from, to, diff: -1 });
      }
    }
  });

  test('forests beyond u8 lanes (a 257-leaf tree, 256 thresholds on one feature) take the row-list kernel, same bits', () => {
    const r = rng(41);
    const pool = Array.from({ length: 600 }, (_, i) => i / 7 - 40);
    const big = [randomTree(r, 257, 3, pool, [MISSING_NONE]), randomTree(r, 20, 3, pool, [MISSING_NAN])];
    expect(lanePredictor(compileForest(big))).toBeUndefined();
    expectAllPathsEqual(big, rowsNear(r, 700, 4, pool, false, 3));
    const many = Array.from({ length: 12 }, () => randomTree(r, 64, 1, pool, [MISSING_NONE]));
    expect(new Set(many.flatMap((t) => Array.from(t.threshold))).size).toBeGreaterThan(255);
    expect(lanePredictor(compileForest(many))).toBeUndefined();
    expectAllPathsEqual(many, rowsNear(r, 700, 2, pool, true, 1));
  });

  test('bucket search: the first threshold of the bucket plus the window search counts the thresholds below any value', () => {
    const r = rng(42);
    for (let k = 0; k < 40; k++) {
      const pool = skewedPool(r, 1 + Math.floor(r() * 254));
      const sorted = Float64Array.from(pool).sort();
      let p = 1;
      while (p < sorted.length + 1) p *= 2;
      const padded = new Float64Array(p).fill(Infinity);
      padded.set(sorted);
      const s = bucketSearch(padded);
      const maxBucket = s.first.length - 1;
      for (let i = 0; i < 300; i++) {
        const t = sorted[Math.floor(r() * sorted.length)]!;
        const v = i % 3 === 0 ? t : i % 3 === 1 ? t * (1 + (r() - 0.5) * 1e-12) : (r() - 0.5) * 10 ** Math.floor(r() * 20 - 10);
        // the kernel's arithmetic: f64 subtract and multiply, saturating truncation, clamp
        const x = (v - s.lo) * s.scale;
        const b = !(x > 0) ? 0 : x >= maxBucket ? maxBucket : Math.trunc(x);
        let bin = s.first[b]!;
        for (let j = 0; j < s.window - 1; j++) if (s.thresholds[s.first[b]! + j]! < v) bin++;
        expect(bin).toBe(sorted.filter((q) => q < v).length);
      }
    }
  });
});
