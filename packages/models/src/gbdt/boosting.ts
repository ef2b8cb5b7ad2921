/**
 * The boosting loop (LightGBM `GBDT::Train` / `TrainOneIter`): init score → gradients → bag and
 * sample features → grow a tree → shrink → update train and valid scores → early stopping.
 */
import { InvalidParamError } from '../errors';
import { isCsr, type Matrix } from '../matrix';
import { messages } from '../messages';
import { binDataset, binDenseLike, type BinnedDataset } from './dataset/binned-dataset';
import { addRawScores, addTreeScoresForRows, compileForest } from './forest';
import { createMetric } from './metric';
import { createObjective, objectiveSpec, type Objective } from './objective';
import type { EffectiveParams, GBDTMetricName } from './params';
import { Bagging } from './sampling/bagging';
import { FeatureSampler } from './sampling/feature-fraction';
import { LgbRandom } from './sampling/random';
import { addBias, constantTree, shrinkTree, type TreeArrays } from './tree';
import { addTreeScoresBinned } from './tree-learner/binned-tree-scores';
import { LeafWiseLearner } from './tree-learner/leaf-wise';
import { resolveThreads } from './parallel/histogram-pool';

export type BoostProgress = { iteration: number; total: number; metrics?: Record<string, number> };

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
  const { X } = input;
  const ds = binDataset(X, {
    maxBin: p.max_bin,
    maxBinByFeature: p.max_bin_by_feature,
    minDataInBin: p.min_data_in_bin,
    minDataInLeaf: p.min_data_in_leaf,
    useMissing: p.use_missing,
    zeroAsMissing: p.zero_as_missing,
    preFilter: p.feature_pre_filter,
    sampleCnt: p.bin_construct_sample_cnt,
    dataRandomSeed: p.data_random_seed,
  });
  checkHistogramPool(p, ds);
  // dense valid data is binned once with the training mappers (LightGBM: a valid Dataset with the
  // train set as reference); each new tree then adds its outputs by bin comparisons
  const validDense = input.valid && !isCsr(input.valid.X) ? binDenseLike(input.valid.X, ds) : undefined;
  const learner = new LeafWiseLearner(ds, {
    numLeaves: p.num_leaves,
    maxDepth: p.max_depth,
    lambdaL1: p.lambda_l1,
    lambdaL2: p.lambda_l2,
    minDataInLeaf: p.min_data_in_leaf,
    minSumHessianInLeaf: p.min_sum_hessian_in_leaf,
    minGainToSplit: p.min_gain_to_split,
    maxDeltaStep: p.max_delta_step,
  }, {
    labels: input.y,
    objective: objectiveSpec(p, input.y),
    ...(validDense && input.valid ? { valid: { dense: validDense, rows: input.valid.X.rows } } : {}),
  }, resolveThreads(p.num_threads));
  try {
    return boostWith(p, input, ds, learner, validDense);
  } finally {
    learner.close();
  }
}

function boostWith(
  p: EffectiveParams, input: BoostInput, ds: BinnedDataset, learner: LeafWiseLearner, validDense: (Uint8Array | Uint16Array | null)[] | undefined,
): BoostResult {
  const { X, y, valid } = input;
  const n = X.rows;
  const objective = createObjective(objectiveSpec(p, y));
  const metric = p.metric === 'custom' ? undefined : createMetric(p.metric as GBDTMetricName);
  // the learner keeps the scores (two buffers it swaps); CSR valid data keeps its own, updated in place
  const ownValid = valid && !learner.validScores ? new Float64Array(valid.X.rows) : undefined;
  const validScores = () => learner.validScores ?? ownValid;
  const validBins = validDense ? { dense: validDense, mappers: ds.mappers } : undefined;
  const useBagging = p.bagging_freq > 0 && p.bagging_fraction < 1;
  const bagging = useBagging ? new Bagging(n, p.bagging_fraction, p.bagging_seed) : undefined;
  const bag = Int32Array.from({ length: n }, (_, i) => i);
  let bagCnt = n;
  // out-of-bag rows, written by the bagging draw where the learner's score updates read them
  const oob = learner.oobRows;
  const scratch = new Float64Array(X.cols);
  const features = new FeatureSampler(ds.usable, p.feature_fraction, new LgbRandom(p.feature_fraction_seed), ds.numFeatures);
  const trees: TreeArrays[] = [];
  const history: number[] = [];
  let init = 0;
  if (p.boost_from_average) {
    init = objective.initScore(y);
    learner.scores.fill(init);
    validScores()?.fill(init);
  }
  const sign = metric?.higherIsBetter ? 1 : -1;
  let bestScore = -Infinity;
  let bestIter = -1;
  let stoppedEarly = false;
  const total = p.num_iterations;
  for (let iter = 0; iter < total; iter++) {
    learner.gradients(objective);
    if (bagging && iter % p.bagging_freq === 0) bagCnt = bagging.sample(bag, oob);
    const used = features.next();
    const built = learner.train(bag, bagCnt, used);
    let tree: TreeArrays;
    if (built.t.numLeaves > 1) {
      tree = built.toArrays();
      shrinkTree(tree, p.learning_rate);
      if (!learner.addTree(tree, built.thresholdBin)) {
        // a split on a sparse-stored feature: add the tree in place on the current buffers
        updateTrainScores(tree, built.thresholdBin, learner, ds, learner.scores, X, bagCnt, oob, n, scratch);
        const vs = learner.validScores;
        if (vs && validBins && valid) addTreeScoresBinned(tree, built.thresholdBin, validBins, null, valid.X.rows, vs);
      }
      if (ownValid && valid) addRawScores(compileForest([tree]), valid.X, ownValid, 0, 1, scratch);
      if (trees.length === 0 && Math.abs(init) > 1e-15) addBias(tree, init);
    } else {
      // LightGBM: a one-leaf first tree carries the init score; a later one ends training
      if (trees.length > 0) break;
      tree = constantTree(init, bagCnt);
    }
    trees.push(tree);
    let metrics: Record<string, number> | undefined;
    const vs = validScores();
    if (vs && valid && metric) {
      const v = metric.evaluate(vs, valid.y, objective.transform);
      history.push(v);
      metrics = { [metric.name]: v };
      if (p.early_stopping_round > 0) {
        // lightgbm.early_stopping: better only by more than early_stopping_min_delta
        if (sign * v > bestScore + p.early_stopping_min_delta) {
          bestScore = sign * v;
          bestIter = iter;
        } else if (iter - bestIter >= p.early_stopping_round) {
          stoppedEarly = true;
        }
      }
    }
    const cont = input.onProgress?.({ iteration: iter + 1, total, ...(metrics ? { metrics } : {}) });
    if (stoppedEarly || cont === false || tree.numLeaves === 1) break;
  }
  const bestIteration = p.early_stopping_round > 0 && bestIter >= 0 ? bestIter + 1 : 0;
  // like saving a LightGBM booster after early stopping: keep the trees up to best_iteration
  if (bestIteration > 0) trees.length = Math.min(trees.length, bestIteration);
  return { trees, dataset: ds, objective, bestIteration, validHistory: history, threads: learner.threads };
}

/** In place (trees that split on sparse-stored features): in-bag rows take their leaf value from the partition; out-of-bag rows (`oob`) are predicted. */
function updateTrainScores(
  tree: TreeArrays,
  thresholdBin: Int32Array,
  learner: LeafWiseLearner,
  ds: BinnedDataset,
  scores: Float64Array,
  X: Matrix,
  bagCnt: number,
  oob: Int32Array,
  n: number,
  scratch: Float64Array,
): void {
  const part = learner.partition;
  for (let leaf = 0; leaf < tree.numLeaves; leaf++) {
    const v = tree.leafValue[leaf]!;
    const b = part.begin[leaf]!;
    const e = b + part.count[leaf]!;
    for (let i = b; i < e; i++) scores[part.idx[i]!]! += v;
  }
  if (bagCnt === n) return;
  const k = n - bagCnt;
  if (!addTreeScoresBinned(tree, thresholdBin, ds, oob, k, scores)) addTreeScoresForRows(compileForest([tree]), X, oob, k, scores, scratch);
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
