/**
 * The boosting loop (LightGBM `GBDT::Train` / `TrainOneIter`): init score → gradients → bag and
 * sample features → grow a tree (`LeafWiseLearner`) → shrink → add it to the train and valid
 * scores (`ScoreUpdater`) → early stopping. With workers, the main thread evaluates the last tree
 * (metric, early stopping, progress) and draws the bag while they compute the next gradients. This
 * module also sets training up: bins, the shared memory and the worker threads.
 */
import { InvalidParamError } from '../errors';
import type { Matrix } from '../matrix';
import { messages } from '../messages';
import { binRowsLike } from './dataset/bin-rows';
import { binDataset, type BinnedDataset } from './dataset/binned-dataset';
import { createMetric, type Metric } from './metric';
import { createObjective, objectiveSpec, type Objective } from './objective';
import { gradientRange } from './parallel/gradients';
import { allocateTrainingMemory, ROW_CHUNK, type TrainingMemory } from './parallel/training-memory';
import { resolveThreads, TrainingWorkers } from './parallel/training-workers';
import { WasmArena } from './parallel/wasm-arena';
import type { EffectiveParams, GBDTMetricName } from './params';
import { Bagging } from './sampling/bagging';
import { FeatureSampler } from './sampling/feature-fraction';
import { LgbRandom } from './sampling/random';
import { ScoreUpdater } from './score-updater';
import { addBias, constantTree, shrinkTree, type TreeArrays } from './tree';
import { LeafWiseLearner, type LearnerConfig } from './tree-learner/leaf-wise';

/** Smaller data sets train on one thread: starting workers and handing off jobs would cost more than they save. */
const MIN_WORKER_ROWS = 20_000;

type BoostProgress = { iteration: number; total: number; metrics?: Record<string, number> };

export type BoostInput = {
  X: Matrix;
  y: ArrayLike<number>;
  valid?: { X: Matrix; y: ArrayLike<number> };
  onProgress?: (p: BoostProgress) => void | boolean;
};

export type BoostResult = {
  trees: TreeArrays[];
  dataset: BinnedDataset;
  objective: Objective;
  /** 1-based best iteration when early stopping ran, else 0 (LightGBM `best_iteration`). */
  bestIteration: number;
  /** Valid metric per round, when valid data was given. */
  validHistory: number[];
  /** Threads that trained. */
  threads: number;
};

export function boost(p: EffectiveParams, input: BoostInput): BoostResult {
  // one shared WebAssembly memory for the bin columns and the histogram buffers, where this runtime has it
  const arena = WasmArena.create();
  const ds = binDataset(
    input.X,
    {
      maxBin: p.max_bin,
      maxBinByFeature: p.max_bin_by_feature,
      minDataInBin: p.min_data_in_bin,
      minDataInLeaf: p.min_data_in_leaf,
      useMissing: p.use_missing,
      zeroAsMissing: p.zero_as_missing,
      preFilter: p.feature_pre_filter,
      sampleCnt: p.bin_construct_sample_cnt,
      dataRandomSeed: p.data_random_seed,
    },
    arena,
  );
  checkHistogramPool(p, ds);
  const config: LearnerConfig = {
    numLeaves: p.num_leaves,
    maxDepth: p.max_depth,
    lambdaL1: p.lambda_l1,
    lambdaL2: p.lambda_l2,
    minDataInLeaf: p.min_data_in_leaf,
    minSumHessianInLeaf: p.min_sum_hessian_in_leaf,
    minGainToSplit: p.min_gain_to_split,
    maxDeltaStep: p.max_delta_step,
  };
  const mem = allocateTrainingMemory(
    {
      train: ds,
      // the valid rows in the training bins (LightGBM: a valid Dataset with the train set as reference)
      valid: input.valid ? binRowsLike(input.valid.X, ds, arena) : null,
      binOffsets: ds.binOffsets,
      mappers: ds.mappers,
      labels: input.y,
      objective: objectiveSpec(p, input.y),
      splitConfig: config,
      numLeaves: p.num_leaves,
    },
    arena,
  );
  const threads = resolveThreads(p.num_threads);
  const denseUsable = ds.usable.filter((f) => ds.dense[f] !== null).length;
  const workers = threads > 1 && ds.numRows >= MIN_WORKER_ROWS && denseUsable >= 2 ? TrainingWorkers.start(threads, mem) : undefined;
  try {
    return train(p, input, ds, mem, config, workers);
  } finally {
    workers?.close();
  }
}

function train(
  p: EffectiveParams,
  input: BoostInput,
  ds: BinnedDataset,
  mem: TrainingMemory,
  config: LearnerConfig,
  workers: TrainingWorkers | undefined,
): BoostResult {
  const { y, valid } = input;
  const n = ds.numRows;
  const objective = createObjective(mem.objective);
  const metric = p.metric === 'custom' ? undefined : createMetric(p.metric as GBDTMetricName);
  const learner = new LeafWiseLearner(ds, config, mem, workers);
  const scores = new ScoreUpdater(mem, workers);
  const bagging = p.bagging_freq > 0 && p.bagging_fraction < 1 ? new Bagging(n, p.bagging_fraction, p.bagging_seed) : undefined;
  const bag = Int32Array.from({ length: n }, (_, i) => i);
  let bagCnt = n;
  const features = new FeatureSampler(ds.usable, p.feature_fraction, new LgbRandom(p.feature_fraction_seed), ds.numFeatures);
  const stopping = earlyStopping(p, metric);
  const validMetric =
    valid && metric
      ? (metric.bind?.(valid.y, objective.transform, mem.objective.sigmoid) ?? ((vs: Float64Array) => metric.evaluate(vs, valid.y, objective.transform)))
      : undefined;
  const trees: TreeArrays[] = [];
  const history: number[] = [];
  const init = p.boost_from_average ? objective.initScore(y) : 0;
  scores.init(init);
  const total = p.num_iterations;
  /** The metric and progress report of the last tree; true = stop. */
  const report = (iter: number, tree: TreeArrays): boolean => {
    let metrics: Record<string, number> | undefined;
    const vs = scores.valid;
    let stop = false;
    if (vs && validMetric && metric) {
      const v = validMetric(vs);
      history.push(v);
      metrics = { [metric.name]: v };
      stop = stopping.after(iter, v);
    }
    const cont = input.onProgress?.({ iteration: iter + 1, total, ...(metrics ? { metrics } : {}) });
    return stop || cont === false || tree.numLeaves === 1;
  };
  let pending: (() => boolean) | undefined;
  for (let iter = 0; iter < total; iter++) {
    // while the workers compute this round's gradients (from the scores, which nothing here
    // changes), this thread reports the last tree — its metric decides whether the round happens
    // at all — and draws the bag (which writes the out-of-bag rows where the score updater reads them)
    let stop = false;
    computeGradients(objective, mem, scores, workers, () => {
      stop = pending?.() ?? false;
      pending = undefined;
      if (!stop && bagging && iter % p.bagging_freq === 0) bagCnt = bagging.sample(bag, mem.oob);
    });
    if (stop) break;
    if (workers) workers.growing = true;
    const built = learner.train(bag, bagCnt, features.next());
    let tree: TreeArrays;
    if (built.t.numLeaves > 1) {
      tree = built.toArrays();
      shrinkTree(tree, p.learning_rate);
      scores.addTree(tree, built.thresholdBin, bagCnt);
      if (trees.length === 0 && Math.abs(init) > 1e-15) addBias(tree, init);
    } else {
      // LightGBM: a one-leaf first tree carries the init score; a later one ends training
      if (trees.length > 0) break;
      tree = constantTree(init, bagCnt);
    }
    if (workers) workers.growing = false;
    trees.push(tree);
    const round = iter;
    const grown = tree;
    pending = () => report(round, grown);
    // no next round to overlap with: report now
    if (iter === total - 1 || tree.numLeaves === 1) {
      pending();
      pending = undefined;
      break;
    }
  }
  const bestIteration = stopping.bestIteration();
  // like saving a LightGBM booster after early stopping: keep the trees up to best_iteration
  if (bestIteration > 0) trees.length = Math.min(trees.length, bestIteration);
  return { trees, dataset: ds, objective, bestIteration, validHistory: history, threads: workers?.open ? workers.threads : 1 };
}

/**
 * `grad` / `hess` from the current training scores (on all threads when the data is big enough;
 * the same values either way); `meanwhile` runs once on this thread, while the workers start on them.
 */
function computeGradients(objective: Objective, mem: TrainingMemory, scores: ScoreUpdater, workers: TrainingWorkers | undefined, meanwhile: () => void): void {
  const s = scores.train;
  const n = s.length;
  const range = (from: number, to: number) => gradientRange(mem, objective, s, from, to);
  if (workers?.open && n > ROW_CHUNK) {
    if (workers.gradients(n, scores.current, range, meanwhile)) return;
  } else {
    meanwhile();
  }
  range(0, n);
}

/**
 * `lightgbm.early_stopping`: a round is better by more than `early_stopping_min_delta`; stop
 * after `early_stopping_round` rounds without one. `bestIteration()` is 1-based (0: off).
 */
function earlyStopping(p: EffectiveParams, metric: Metric | undefined) {
  const rounds = p.early_stopping_round;
  const sign = metric?.higherIsBetter ? 1 : -1;
  let bestScore = -Infinity;
  let bestIter = -1;
  return {
    after(iter: number, v: number): boolean {
      if (rounds <= 0) return false;
      if (sign * v > bestScore + p.early_stopping_min_delta) {
        bestScore = sign * v;
        bestIter = iter;
        return false;
      }
      return iter - bestIter >= rounds;
    },
    bestIteration: () => (rounds > 0 && bestIter >= 0 ? bestIter + 1 : 0),
  };
}

/**
 * LightGBM keeps `histogram_pool_size` MB of leaf histograms (16 bytes per bin of every used
 * feature); with room for fewer than num_leaves it rebuilds histograms instead of subtracting them,
 * which gives other last bits. abt always subtracts, so such a pool is refused.
 */
function checkHistogramPool(p: EffectiveParams, ds: BinnedDataset): void {
  if (!(p.histogram_pool_size > 0)) return;
  let bins = 0;
  for (const f of ds.usable) bins += ds.mappers[f]!.numBin;
  const fits = Math.max(2, Math.trunc((p.histogram_pool_size * 1024 * 1024) / (16 * Math.max(1, bins))));
  if (fits < p.num_leaves) throw new InvalidParamError('histogram_pool_size', messages.gbdt.histogramPoolTooSmall(p.histogram_pool_size, fits, p.num_leaves));
}
