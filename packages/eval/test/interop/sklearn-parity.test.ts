import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  brier,
  calibrationCurve,
  createRng,
  delongTest,
  EvalError,
  expectedCalibrationError,
  logLoss,
  ORIGINAL_LOGLOSS_CLIP,
  precisionRecallCurve,
  rankingMetrics,
  rocAuc,
  rocCurve,
  scoreHistogram,
  thresholdMetrics,
} from '../../src/index';
import { expectArrayClose, expectNumberClose, ml100k, runReference } from './helpers';

interface Case {
  labels: number[];
  scores: number[];
  scores_b?: number[];
  probabilities: boolean;
  users?: number[];
  k?: number;
  weights?: number[];
}

type WeightKind = 'real' | 'zeros' | 'integer' | 'ones';

/**
 * Seeded sample weights: 'real' non-integer in [0.05, 3); 'zeros' a third exactly 0 (rows, and so
 * thresholds, that must vanish), the rest non-integer; 'integer' 0…4 (repetition counts); 'ones'.
 */
function withWeights(c: Case, seed: number, kind: WeightKind): Case {
  const rng = createRng(seed);
  const weights = c.labels.map(() => {
    const u = rng();
    if (kind === 'real') return 0.05 + 2.95 * u;
    if (kind === 'zeros') return u < 1 / 3 ? 0 : 0.1 + 3.9 * rng();
    if (kind === 'integer') return Math.floor(u * 5);
    return 1;
  });
  return { ...c, weights };
}

/** Seeded synthetic inputs: labels correlated with the score, optional rounding to create ties. */
function synthetic(seed: number, n: number, posRate: number, opts: { round?: number; raw?: boolean } = {}): Case {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const labels: number[] = [];
  const scores: number[] = [];
  const scoresB: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng() < posRate ? 1 : 0;
    const z = gauss() + (y ? 0.8 : 0);
    const zb = 0.6 * z + 0.8 * gauss() + (y ? 0.3 : 0);
    let s = opts.raw ? z : 1 / (1 + Math.exp(-z));
    let sb = opts.raw ? zb : 1 / (1 + Math.exp(-zb));
    if (opts.round) {
      s = Math.round(s * opts.round) / opts.round;
      sb = Math.round(sb * opts.round) / opts.round;
    }
    labels.push(y);
    scores.push(s);
    scoresB.push(sb);
  }
  return { labels, scores, scores_b: scoresB, probabilities: !opts.raw };
}

describe.skipIf(!process.env.ABT_PYTHON)('equality with scikit-learn (1e-9)', () => {
  const cases: Record<string, Case> = {
    continuous: synthetic(1, 5000, 0.55),
    ties_20_levels: synthetic(2, 4000, 0.5, { round: 20 }),
    heavy_ties_4_levels: synthetic(3, 3000, 0.4, { round: 4 }),
    imbalanced: synthetic(4, 6000, 0.03),
    raw_scores_with_ties: synthetic(5, 3000, 0.5, { raw: true, round: 10 }),
    tiny: { labels: [0, 1, 1, 0, 1, 0, 1], scores: [0.1, 0.4, 0.35, 0.8, 0.4, 0.1, 0.9], scores_b: [0.2, 0.3, 0.3, 0.1, 0.9, 0.5, 0.7], probabilities: true },
    weighted_continuous: withWeights(synthetic(11, 3000, 0.5), 111, 'real'),
    weighted_ties_zeros: withWeights(synthetic(12, 3000, 0.45, { round: 15 }), 112, 'zeros'),
    weighted_heavy_ties_integer: withWeights(synthetic(13, 2000, 0.35, { round: 4 }), 113, 'integer'),
    weighted_imbalanced_zeros: withWeights(synthetic(14, 5000, 0.04), 114, 'zeros'),
    weighted_raw_ties_real: withWeights(synthetic(15, 2500, 0.5, { raw: true, round: 8 }), 115, 'real'),
    weighted_ones: withWeights(synthetic(16, 1500, 0.5, { round: 30 }), 116, 'ones'),
    // Zero weights on the only rows at some scores: those thresholds disappear from sklearn's curves.
    weighted_tiny: {
      labels: [0, 1, 1, 0, 1, 0, 1, 0],
      scores: [0.1, 0.4, 0.35, 0.8, 0.4, 0.1, 0.9, 0.6],
      probabilities: true,
      weights: [1, 0.5, 2, 0, 1.5, 0.25, 0, 3],
    },
  };
  if (!existsSync(ml100k)) throw new Error(`MovieLens 100K not found at ${ml100k}; set ABT_ML100K`);
  const ml = runReference({ kind: 'movielens', path: ml100k });
  cases.movielens_a = { labels: ml.labels, scores: ml.scores_a, scores_b: ml.scores_b, probabilities: true, users: ml.users, k: 10 };
  cases.movielens_b = { labels: ml.labels, scores: ml.scores_b, scores_b: ml.scores_a, probabilities: true };
  const ref = runReference({ kind: 'cases', cases });

  for (const [name, c] of Object.entries(cases)) {
    describe(name, () => {
      const r = ref[name];
      it('ROC-AUC and average precision', () => {
        expectNumberClose(rocAuc(c.labels, c.scores), r.roc_auc, 'roc_auc');
        expectNumberClose(averagePrecision(c.labels, c.scores), r.average_precision, 'average_precision');
      });
      it('roc_curve (drop_intermediate on and off) and precision_recall_curve', () => {
        const roc = rocCurve(c.labels, c.scores);
        expectArrayClose(roc.fpr, r.roc_curve.fpr, 'fpr');
        expectArrayClose(roc.tpr, r.roc_curve.tpr, 'tpr');
        expectArrayClose(roc.thresholds, r.roc_curve.thresholds, 'roc thresholds');
        const all = rocCurve(c.labels, c.scores, { dropIntermediate: false });
        expectArrayClose(all.fpr, r.roc_curve_all.fpr, 'fpr (all)');
        expectArrayClose(all.thresholds, r.roc_curve_all.thresholds, 'thresholds (all)');
        const pr = precisionRecallCurve(c.labels, c.scores);
        expectArrayClose(pr.precision, r.pr_curve.precision, 'precision');
        expectArrayClose(pr.recall, r.pr_curve.recall, 'recall');
        expectArrayClose(pr.thresholds, r.pr_curve.thresholds, 'pr thresholds');
        const prDrop = precisionRecallCurve(c.labels, c.scores, { dropIntermediate: true });
        expectArrayClose(prDrop.precision, r.pr_curve_drop.precision, 'precision (drop_intermediate)');
        expectArrayClose(prDrop.recall, r.pr_curve_drop.recall, 'recall (drop_intermediate)');
        expectArrayClose(prDrop.thresholds, r.pr_curve_drop.thresholds, 'pr thresholds (drop_intermediate)');
      });
      if (c.weights) {
        const sampleWeight = c.weights;
        it('with sample_weight: ROC-AUC, AP, roc_curve (both), precision_recall_curve (both)', () => {
          const w = r.weighted;
          expectNumberClose(rocAuc(c.labels, c.scores, { sampleWeight }), w.roc_auc, 'weighted roc_auc');
          expectNumberClose(averagePrecision(c.labels, c.scores, { sampleWeight }), w.average_precision, 'weighted average_precision');
          for (const [key, dropIntermediate] of [
            ['roc_curve', true],
            ['roc_curve_all', false],
          ] as const) {
            const roc = rocCurve(c.labels, c.scores, { sampleWeight, dropIntermediate });
            expectArrayClose(roc.fpr, w[key].fpr, `weighted ${key} fpr`);
            expectArrayClose(roc.tpr, w[key].tpr, `weighted ${key} tpr`);
            expectArrayClose(roc.thresholds, w[key].thresholds, `weighted ${key} thresholds`);
          }
          for (const [key, dropIntermediate] of [
            ['pr_curve', false],
            ['pr_curve_drop', true],
          ] as const) {
            const pr = precisionRecallCurve(c.labels, c.scores, { sampleWeight, dropIntermediate });
            expectArrayClose(pr.precision, w[key].precision, `weighted ${key} precision`);
            expectArrayClose(pr.recall, w[key].recall, `weighted ${key} recall`);
            expectArrayClose(pr.thresholds, w[key].thresholds, `weighted ${key} thresholds`);
          }
        });
        if (c.probabilities) {
          it('with sample_weight: log loss (three clippings), Brier, confusion matrix and threshold metrics', () => {
            const w = r.weighted;
            expectNumberClose(logLoss(c.labels, c.scores, { sampleWeight }), w.log_loss, 'weighted log_loss');
            expectNumberClose(logLoss(c.labels, c.scores, { sampleWeight, clip: ORIGINAL_LOGLOSS_CLIP }), w.log_loss_clip7, 'weighted log_loss clip 1e-7');
            expectNumberClose(logLoss(c.labels, c.scores, { sampleWeight, clip: 0 }), w.log_loss_noclip, 'weighted log_loss no clip');
            expectNumberClose(brier(c.labels, c.scores, { sampleWeight }), w.brier, 'weighted brier');
            const t = thresholdMetrics(c.labels, c.scores, { threshold: 0.5, sampleWeight });
            for (const k of ['tp', 'fp', 'tn', 'fn', 'accuracy', 'precision', 'recall', 'f1'] as const)
              expectNumberClose(t[k], w.threshold[k], `weighted ${k}`);
          });
        }
      }
      if (c.probabilities) {
        it('log loss (sklearn clipping, original 1e-7 clipping, none), Brier, threshold metrics', () => {
          expectNumberClose(logLoss(c.labels, c.scores), r.log_loss, 'log_loss');
          expectNumberClose(logLoss(c.labels, c.scores, { clip: ORIGINAL_LOGLOSS_CLIP }), r.log_loss_clip7, 'log_loss clip 1e-7');
          expectNumberClose(logLoss(c.labels, c.scores, { clip: 0 }), r.log_loss_noclip, 'log_loss no clip');
          expectNumberClose(brier(c.labels, c.scores), r.brier, 'brier');
          const t = thresholdMetrics(c.labels, c.scores, 0.5);
          for (const k of ['tp', 'fp', 'tn', 'fn', 'accuracy', 'precision', 'recall', 'f1'] as const) expectNumberClose(t[k], r.threshold[k], k);
        });
        it('score histogram equals numpy.histogram (fixed range and min–max range)', () => {
          expectArrayClose(scoreHistogram(c.scores, { bins: 20, range: [0, 1] }).counts, r.histogram.counts, 'counts [0, 1]');
          expectArrayClose(scoreHistogram(c.scores, { bins: 13 }).counts, r.histogram.auto, 'counts min–max');
        });
        it('calibration_curve (uniform and quantile, 5 and 10 bins) and ECE', () => {
          for (const strategy of ['uniform', 'quantile'] as const) {
            for (const nBins of [5, 10]) {
              const ref = r.calibration[`${strategy}_${nBins}`];
              const cal = calibrationCurve(c.labels, c.scores, { nBins, strategy });
              expectArrayClose(cal.probTrue, ref.prob_true, `${strategy}/${nBins} prob_true`);
              expectArrayClose(cal.probPred, ref.prob_pred, `${strategy}/${nBins} prob_pred`);
              expectNumberClose(expectedCalibrationError(c.labels, c.scores, { nBins, strategy }), ref.ece, `${strategy}/${nBins} ece`);
            }
          }
        });
      }
      if (c.scores_b) {
        it('DeLong (O(n log n)) equals the O(m·n) structural-component version', () => {
          const d = delongTest(c.labels, c.scores, c.scores_b!);
          const e = r.delong;
          expectNumberClose(d.a.auc, e.auc_a, 'auc A');
          expectNumberClose(d.b.auc, e.auc_b, 'auc B');
          expectNumberClose(d.a.se, e.se_a, 'se A');
          expectNumberClose(d.b.se, e.se_b, 'se B');
          expectNumberClose(d.diff, e.diff, 'Δauc');
          expectNumberClose(d.se, e.se, 'se Δ');
          expectNumberClose(d.z, e.z, 'z');
          expectNumberClose(d.pValue, e.p, 'p');
          expectNumberClose(d.ciLow, e.ci_low, 'ci low');
          expectNumberClose(d.ciHigh, e.ci_high, 'ci high');
        });
      }
      if (c.users) {
        it('per-user NDCG@K equals sklearn ndcg_score where scores have no ties within a user', () => {
          const res = rankingMetrics({ userIds: c.users!, scores: c.scores, labels: c.labels }, { k: c.k! });
          let compared = 0;
          for (const u of res.perUser) {
            const exp = r.ndcg[String(u.userId)];
            if (exp === undefined) continue;
            const rows = c.users!.flatMap((x, i) => (x === u.userId ? [c.scores[i]!] : []));
            if (new Set(rows).size !== rows.length) continue; // sklearn averages over ties; abt is pessimistic
            expectNumberClose(u.ndcg, exp, `ndcg user ${u.userId}`);
            compared++;
          }
          expect(compared).toBeGreaterThan(0);
        });
      }
    });
  }
});

/** abt's counterpart of each scikit-learn function in sklearn_reference.py's EDGE_FUNCTIONS. */
const EDGE_FUNCTIONS: Record<string, (y: number[], s: number[], sampleWeight: number[] | undefined) => unknown> = {
  roc_auc: (y, s, sampleWeight) => rocAuc(y, s, { sampleWeight }),
  average_precision: (y, s, sampleWeight) => averagePrecision(y, s, { sampleWeight }),
  roc_curve: (y, s, sampleWeight) => rocCurve(y, s, { sampleWeight }),
  precision_recall_curve: (y, s, sampleWeight) => precisionRecallCurve(y, s, { sampleWeight }),
  log_loss: (y, s, sampleWeight) => logLoss(y, s, { sampleWeight }),
  brier: (y, s, sampleWeight) => brier(y, s, { sampleWeight }),
  accuracy: (y, s, sampleWeight) => thresholdMetrics(y, s, { sampleWeight }).accuracy,
  f1: (y, s, sampleWeight) => thresholdMetrics(y, s, { sampleWeight }).f1,
};

describe.skipIf(!process.env.ABT_PYTHON)('edge inputs: scikit-learn decides value / undefined / error', () => {
  const y = [0, 1, 1, 0, 1, 0];
  const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.7];
  const inputs: Record<string, { labels: number[]; scores: number[]; weights?: number[] }> = {
    all_weights_zero: { labels: y, scores: s, weights: [0, 0, 0, 0, 0, 0] },
    positives_weigh_zero: { labels: y, scores: s, weights: [1, 0, 0, 2, 0, 0.5] },
    negatives_weigh_zero: { labels: y, scores: s, weights: [0, 1, 2.5, 0, 0.5, 0] },
    one_row_left: { labels: y, scores: s, weights: [0, 0, 3, 0, 0, 0] },
    one_of_each_left: { labels: y, scores: s, weights: [0, 0, 0.3, 0.7, 0, 0] },
    zero_weight_on_tied_rows: { labels: y, scores: s, weights: [1, 0, 1, 1, 0, 1] },
    single_class_weighted: { labels: [1, 1, 1], scores: [0.2, 0.5, 0.9], weights: [1, 2, 0.5] },
    single_class_unweighted: { labels: [0, 0, 0], scores: [0.2, 0.5, 0.9] },
    nan_weight: { labels: y, scores: s, weights: [1, NaN, 1, 1, 1, 1] },
    infinite_weight: { labels: y, scores: s, weights: [1, 1, Infinity, 1, 1, 1] },
    weights_too_short: { labels: y, scores: s, weights: [1, 1, 1] },
    all_scores_tied: { labels: y, scores: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], weights: [0.2, 1, 3, 0, 1.5, 2] },
  };
  const cases: Record<string, { labels: number[]; scores: number[]; weights?: number[]; fn: string }> = {};
  for (const [input, c] of Object.entries(inputs)) for (const fn of Object.keys(EDGE_FUNCTIONS)) cases[`${input}/${fn}`] = { ...c, fn };
  // JSON has no NaN / Infinity: send them as the strings the reference decodes.
  const wire = Object.fromEntries(
    Object.entries(cases).map(([k, c]) => [
      k,
      { ...c, weights: c.weights?.map((w) => (Number.isFinite(w) ? w : String(w).toLowerCase().replace('infinity', 'inf'))) },
    ]),
  );
  const ref = runReference({ kind: 'edge', cases: wire });

  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const r = ref[name] as { outcome: 'value' | 'undefined' | 'error'; value?: number | null; message?: string; warning?: string };
      const run = () => EDGE_FUNCTIONS[c.fn]!(c.labels, c.scores, c.weights);
      if (r.outcome === 'value') {
        const v = run();
        if (typeof r.value === 'number') expectNumberClose(v as number, r.value, name);
        return;
      }
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(EvalError.isInstance(caught), `${name}: sklearn ${r.outcome} (${r.message ?? r.warning}); abt must throw EvalError`).toBe(true);
      const code = (caught as EvalError).code;
      if (r.outcome === 'undefined') expect(code, `${name}: ${r.warning}`).toBe('UNDEFINED_METRIC');
      else expect(['INVALID_INPUT', 'LENGTH_MISMATCH'], `${name}: ${r.message}`).toContain(code);
    });
  }
});
