import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkBinaryInput, checkProbabilities } from '../validate';

/**
 * Resampling fast paths: each takes the full data once and returns a function of multiplicity
 * weights (row i counted w[i] times). For a bootstrap replicate this equals the metric on the
 * materialized resample — same multiset of (label, score) rows — without copying or re-sorting.
 */
export type WeightedMetric = (weights: Float64Array) => number;

/** Rows ordered by score (highest first) and cut into blocks of equal score. */
function scoreBlocks(labels: ArrayLike<number>, scores: ArrayLike<number>) {
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]!);
  const y = new Uint8Array(n);
  const starts: number[] = [0];
  for (let k = 0; k < n; k++) {
    y[k] = labels[order[k]!]!;
    if (k > 0 && scores[order[k]!] !== scores[order[k - 1]!]) starts.push(k);
  }
  starts.push(n);
  return { order, y, starts: Uint32Array.from(starts) };
}

function walk(
  where: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  step: (tp: number, fp: number, tpPrev: number, fpPrev: number) => number,
  finish: (sum: number, P: number, N: number) => number,
  needBoth: boolean,
): WeightedMetric {
  checkBinaryInput(where, labels, scores);
  const { order, y, starts } = scoreBlocks(labels, scores);
  return (w) => {
    let tp = 0;
    let fp = 0;
    let sum = 0;
    for (let b = 0; b + 1 < starts.length; b++) {
      const tpPrev = tp;
      const fpPrev = fp;
      for (let k = starts[b]!; k < starts[b + 1]!; k++) {
        const wk = w[order[k]!]!;
        if (y[k] === 1) tp += wk;
        else fp += wk;
      }
      sum += step(tp, fp, tpPrev, fpPrev);
    }
    if (tp === 0 || (needBoth && fp === 0)) {
      throw new EvalError('UNDEFINED_METRIC', needBoth ? messages.singleClass(where, tp + fp, tp === 0 ? 0 : 1) : messages.noPositives(where, tp + fp));
    }
    return finish(sum, tp, fp);
  };
}

export function weightedRocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): WeightedMetric {
  return walk(
    'rocAuc',
    labels,
    scores,
    (tp, fp, tpPrev, fpPrev) => (fp - fpPrev) * (tp + tpPrev),
    (s, P, N) => s / (2 * P * N),
    true,
  );
}

export function weightedAveragePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): WeightedMetric {
  // Unnormalized Σ ΔTP · precision; divided by P at the end (recall = tp / P).
  return walk(
    'averagePrecision',
    labels,
    scores,
    (tp, fp, tpPrev) => (tp === tpPrev ? 0 : (tp - tpPrev) * (tp / (tp + fp))),
    (s, P) => Math.max(0, s / P),
    false,
  );
}

/** Weighted mean of a per-row loss (weights sum to n for a bootstrap replicate). */
export function weightedMeanLoss(
  where: string,
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  loss: (y: number, p: number) => number,
): WeightedMetric {
  checkBinaryInput(where, labels, probabilities, 'probabilities');
  checkProbabilities(where, probabilities);
  const per = Float64Array.from(probabilities, (p, i) => loss(labels[i]!, p));
  return (w) => {
    let s = 0;
    let total = 0;
    for (let i = 0; i < per.length; i++) {
      s += w[i]! * per[i]!;
      total += w[i]!;
    }
    return s / total;
  };
}

/** Per-row log loss with scikit-learn's clipping (float64 epsilon). */
export function rowLogLoss(y: number, p: number, clip = Number.EPSILON): number {
  let q = y === 1 ? p : 1 - p;
  if (q < clip) q = clip;
  else if (q > 1 - clip) q = 1 - clip;
  return -Math.log(q);
}
