/**
 * The valid rows' lane walk (tools/wasm-kernel/score-lanes-source.ts) against the JS walk it
 * replaces: random trees of 2 to 256 leaves over features with NaN, zero-as-missing and few bins,
 * both default sides, row counts and chunks that are not multiples of 64. The valid scores it
 * writes must be the JS walk's, bit for bit; where the lane walk cannot run (a feature of 256
 * bins, more than 256 leaves) the valid rows must take the JS walk.
 */
import { describe, expect, test } from 'vitest';
import type { DenseMatrix } from '../../src/index';
import { binDataset, type BinnedDataset } from '../../src/gbdt/dataset/binned-dataset';
import { binRowsLike } from '../../src/gbdt/dataset/bin-rows';
import { missingBin } from '../../src/gbdt/dataset/bin-mapper';
import { packTree, scoreItem, scoreItems, type ScoreJob } from '../../src/gbdt/parallel/score-kernel';
import { allocateTrainingMemory, type TrainingMemory } from '../../src/gbdt/parallel/training-memory';
import { WasmArena } from '../../src/gbdt/parallel/wasm-arena';
import { TreeBuilder, type TreeArrays } from '../../src/gbdt/tree';
import { rng } from './helpers';

/** Columns: NaN-heavy continuous, 0/1, small integers with zeros, continuous; `wide` adds one of 256 distinct values. */
function matrix(rows: number, seed: number, wide: boolean): DenseMatrix {
  const r = rng(seed);
  const cols = wide ? 5 : 4;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    data[o] = r() < 0.15 ? Number.NaN : r() * 10 - 5;
    data[o + 1] = r() < 0.3 ? 1 : 0;
    data[o + 2] = Math.floor(r() * 7) - 2;
    data[o + 3] = r() * 2 - 1;
    if (wide) data[o + 4] = Math.floor(r() * 256);
  }
  return { rows, cols, data };
}

function dataset(X: DenseMatrix, zeroAsMissing: boolean, arena: WasmArena | undefined, maxBin = 255): BinnedDataset {
  return binDataset(
    X,
    {
      maxBin,
      maxBinByFeature: [],
      minDataInBin: 1,
      minDataInLeaf: 1,
      useMissing: true,
      zeroAsMissing,
      preFilter: false,
      sampleCnt: 200_000,
      dataRandomSeed: 1,
    },
    arena,
  );
}

/** A random tree of `leaves` leaves over the usable features, with random thresholds, default sides and leaf values. */
function randomTree(ds: BinnedDataset, leaves: number, seed: number): { tree: TreeArrays; thresholdBin: Int32Array } {
  const r = rng(seed);
  const b = new TreeBuilder(leaves);
  for (let l = 0; l < leaves; l++) b.t.leafValue[l] = r() - 0.5;
  while (b.t.numLeaves < leaves) {
    const feature = ds.usable[Math.floor(r() * ds.usable.length)]!;
    const m = ds.mappers[feature]!;
    b.split({
      leaf: Math.floor(r() * b.t.numLeaves),
      feature,
      thresholdBin: Math.floor(r() * (m.numBin - 1)),
      threshold: 0,
      missingType: m.missingType,
      defaultLeft: r() < 0.5,
      leftValue: r() - 0.5,
      rightValue: r() - 0.5,
      leftCount: 1,
      rightCount: 1,
      leftWeight: 1,
      rightWeight: 1,
      gain: 1,
    });
  }
  return { tree: b.toArrays(), thresholdBin: b.thresholdBin };
}

/** Training memory for `ds` with the valid rows `V`, in `arena` when given (the lane walk) or plain buffers (the JS walk). */
function memoryFor(ds: BinnedDataset, V: DenseMatrix, numLeaves: number, arena: WasmArena | undefined): TrainingMemory {
  return allocateTrainingMemory(
    {
      train: ds,
      valid: binRowsLike(V, ds, arena),
      binOffsets: ds.binOffsets,
      mappers: ds.mappers,
      labels: new Float64Array(ds.numRows),
      objective: { name: 'binary', sigmoid: 1, labelWeights: [1, 1] },
      splitConfig: { lambdaL1: 0, lambdaL2: 0, minDataInLeaf: 1, minSumHessianInLeaf: 0, minGainToSplit: 0, maxDeltaStep: 0 },
      numLeaves,
    },
    arena,
  );
}

/** The valid scores after adding `tree` to random starting scores, every score item run in order. */
function validScoresAfter(mem: TrainingMemory, tree: TreeArrays, thresholdBin: Int32Array, chunk: number): Float64Array {
  const [src, dst] = mem.validScores!;
  const r = rng(99);
  for (let i = 0; i < src.length; i++) src[i] = r() * 4 - 2;
  packTree(tree, thresholdBin, mem);
  const j: ScoreJob = { numLeaves: tree.numLeaves, bagCnt: 0, oobCnt: 0, validCnt: src.length, src: 0, chunk };
  for (let k = 0; k < scoreItems(j); k++) scoreItem(k, j, mem);
  return dst.slice();
}

const noArena = WasmArena.create() === undefined;

describe.skipIf(noArena)('valid rows on the lane walk', () => {
  test.each([
    { zeroAsMissing: false, leaves: [2, 7, 64, 255, 256], rows: 1_037, chunk: 320 },
    { zeroAsMissing: true, leaves: [3, 31, 128, 256], rows: 2_000, chunk: 200 },
  ])('scores equal the JS walk bit for bit (zero as missing $zeroAsMissing, $rows rows, chunks of $chunk)', ({ zeroAsMissing, leaves, rows, chunk }) => {
    const X = matrix(3_000, 1, false);
    const V = matrix(rows, 2, false);
    const arena = WasmArena.create()!;
    const inArena = dataset(X, zeroAsMissing, arena);
    const plain = dataset(X, zeroAsMissing, undefined);
    // the cases reach both kinds of missing bin and both default sides
    expect(inArena.usable.map((f) => missingBin(inArena.mappers[f]!) >= 0)).toContain(true);
    for (const n of leaves) {
      const lanes = memoryFor(inArena, V, n, arena);
      const js = memoryFor(plain, V, n, undefined);
      expect(lanes.validLanes).not.toBeNull();
      expect(js.validLanes).toBeNull();
      for (const seed of [1, 2, 3]) {
        const { tree, thresholdBin } = randomTree(inArena, n, 100 * n + seed);
        expect(validScoresAfter(lanes, tree, thresholdBin, chunk)).toEqual(validScoresAfter(js, tree, thresholdBin, chunk));
      }
    }
  });

  test('a feature of 256 bins, or trees of more than 256 leaves, keep the JS walk', () => {
    const arena = WasmArena.create()!;
    const wide = dataset(matrix(3_000, 3, true), false, arena, 256);
    expect(wide.mappers[4]!.numBin).toBe(256);
    expect(memoryFor(wide, matrix(500, 4, true), 64, arena).validLanes).toBeNull();
    const narrow = dataset(matrix(3_000, 3, false), false, arena);
    expect(memoryFor(narrow, matrix(500, 4, false), 257, arena).validLanes).toBeNull();
    expect(memoryFor(narrow, matrix(500, 4, false), 256, arena).validLanes).not.toBeNull();
  });
});
