/**
 * The boosting loop (LightGBM `GBDT::Train` / `TrainOneIter`): init score → gradients → bag and
 * sample features → grow a tree → shrink → update train and valid scores → early stopping.
 */
import type { Matrix } from '../matrix';
import { binDataset, type BinnedDataset } from './dataset/binned-dataset';
import { addRawScores, addTreeScoresForRows, compileForest } from './forest';
import { createMetric } from './metric';
import { createObjective, type Objective } from './objective';
import type { GBDTParams } from './params';
import { Bagging } from './sampling/bagging';
import { FeatureSampler } from './sampling/feature-fraction';
import { deriveSeeds, LgbRandom } from './sampling/random';
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
  /** Threads that built histograms. */
  threads: number;
};

export function boost(p: GBDTParams, input: BoostInput): BoostResult {
  const { X } = input;
  const seeds = deriveSeeds(p);
  const ds = binDataset(X, {
    maxBin: p.max_bin,
    minDataInBin: p.min_data_in_bin,
    minDataInLeaf: p.min_data_in_leaf,
    useMissing: p.use_missing,
    sampleCnt: p.bin_construct_sample_cnt,
    dataRandomSeed: seeds.dataRandomSeed,
  });
  const learner = new LeafWiseLearner(ds, {
    numLeaves: p.num_leaves,
    maxDepth: p.max_depth,
    lambdaL1: p.lambda_l1,
    lambdaL2: p.lambda_l2,
    minDataInLeaf: p.min_data_in_leaf,
    minSumHessianInLeaf: p.min_sum_hessian_in_leaf,
    minGainToSplit: p.min_gain_to_split,
  }, resolveThreads(p.num_threads));
  try {
    return boostWith(p, input, ds, learner);
  } finally {
    learner.close();
  }
}

function boostWith(p: GBDTParams, input: BoostInput, ds: BinnedDataset, learner: LeafWiseLearner): BoostResult {
  const { X, y, valid } = input;
  const n = X.rows;
  const seeds = deriveSeeds(p);
  const objective = createObjective(p.objective, p.sigmoid);
  const metric = createMetric(p.metric);
  const scores = new Float64Array(n);
  const validScores = valid ? new Float64Array(valid.X.rows) : undefined;
  const { grad, hess } = learner;
  const useBagging = p.bagging_freq > 0 && p.bagging_fraction < 1;
  const bagging = useBagging ? new Bagging(n, p.bagging_fraction, seeds.baggingSeed) : undefined;
  const bag = Int32Array.from({ length: n }, (_, i) => i);
  let bagCnt = n;
  const oob = new Int32Array(n);
  const scratch = new Float64Array(X.cols);
  const features = new FeatureSampler(ds.usable, p.feature_fraction, new LgbRandom(seeds.featureFractionSeed), ds.numFeatures);
  const trees: TreeArrays[] = [];
  const history: number[] = [];
  let init = 0;
  if (p.boost_from_average) {
    init = objective.initScore(y);
    scores.fill(init);
    validScores?.fill(init);
  }
  const sign = metric.higherIsBetter ? 1 : -1;
  let bestScore = -Infinity;
  let bestIter = -1;
  let stoppedEarly = false;
  const total = p.num_iterations;
  for (let iter = 0; iter < total; iter++) {
    objective.gradients(scores, y, grad, hess);
    if (bagging && iter % p.bagging_freq === 0) bagCnt = bagging.sample(bag);
    const used = features.next();
    const built = learner.train(bag, bagCnt, used);
    let tree: TreeArrays;
    if (built.t.numLeaves > 1) {
      tree = built.toArrays();
      shrinkTree(tree, p.learning_rate);
      updateTrainScores(tree, built.thresholdBin, learner, ds, scores, X, bag, bagCnt, oob, n, scratch);
      if (validScores && valid) addRawScores(compileForest([tree]), valid.X, validScores, 0, 1, scratch);
      if (trees.length === 0 && Math.abs(init) > 1e-15) addBias(tree, init);
    } else {
      // LightGBM: a one-leaf first tree carries the init score; a later one ends training
      if (trees.length > 0) break;
      tree = constantTree(init, bagCnt);
    }
    trees.push(tree);
    let metrics: Record<string, number> | undefined;
    if (validScores && valid) {
      const v = metric.evaluate(validScores, valid.y, objective.transform);
      history.push(v);
      metrics = { [metric.name]: v };
      if (p.early_stopping_round > 0) {
        if (sign * v > bestScore) {
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

/** In-bag rows take their leaf value from the partition; out-of-bag rows are predicted. */
function updateTrainScores(
  tree: TreeArrays,
  thresholdBin: Int32Array,
  learner: LeafWiseLearner,
  ds: BinnedDataset,
  scores: Float64Array,
  X: Matrix,
  bag: Int32Array,
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
  let k = 0;
  let j = 0;
  for (let r = 0; r < n; r++) {
    if (j < bagCnt && bag[j] === r) j++;
    else oob[k++] = r;
  }
  if (!addTreeScoresBinned(tree, thresholdBin, ds, oob, k, scores)) addTreeScoresForRows(compileForest([tree]), X, oob, k, scores, scratch);
}
