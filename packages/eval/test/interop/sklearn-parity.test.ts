import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  brier,
  calibrationCurve,
  createRng,
  delongTest,
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
      });
      if (c.probabilities) {
        it('log loss (sklearn clipping, original 1e-7 clipping, none), Brier, threshold metrics', () => {
          expectNumberClose(logLoss(c.labels, c.scores), r.log_loss, 'log_loss');
          expectNumberClose(logLoss(c.labels, c.scores, { clip: ORIGINAL_LOGLOSS_CLIP }), r.log_loss_clip7, 'log_loss clip 1e-7');
          expectNumberClose(logLoss(c.labels, c.scores, { clip: 0 }), r.log_loss_noclip, 'log_loss no clip');
          expectNumberClose(brier(c.labels, c.scores), r.brier, 'brier');
          const t = thresholdMetrics(c.labels, c.scores, 0.5);
          for (const k of ['accuracy', 'precision', 'recall', 'f1'] as const) expectNumberClose(t[k], r.threshold[k], k);
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
