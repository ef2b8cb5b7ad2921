// Golden vectors produced once by scikit-learn / numpy through fixtures/make-sklearn-golden.py (the fixture's
// header names the generator and versions); keeps
// parity checked in `pnpm test` without Python. The interop suite re-derives them live.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  brier,
  calibrationCurve,
  delongTest,
  expectedCalibrationError,
  logLoss,
  ORIGINAL_LOGLOSS_CLIP,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
  scoreHistogram,
  thresholdMetrics,
} from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = JSON.parse(readFileSync(path.join(here, 'fixtures/sklearn-golden.json'), 'utf8'), (_k, v) =>
  v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v,
);

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12);
const closeAll = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).toBe(b.length);
  b.forEach((v, i) => (Number.isFinite(v) ? close(a[i]!, v) : expect(a[i]).toBe(v)));
};

describe('scikit-learn golden vectors', () => {
  for (const [name, { input, expected }] of Object.entries<any>(golden.cases)) {
    it(`${name}: metrics, curves, calibration, DeLong, sample weights`, () => {
      const y = input.labels as number[];
      const s = input.scores as number[];
      close(rocAuc(y, s), expected.roc_auc);
      close(averagePrecision(y, s), expected.average_precision);
      close(logLoss(y, s), expected.log_loss);
      close(logLoss(y, s, { clip: ORIGINAL_LOGLOSS_CLIP }), expected.log_loss_clip7);
      close(brier(y, s), expected.brier);
      const roc = rocCurve(y, s);
      closeAll(roc.fpr, expected.roc_curve.fpr);
      closeAll(roc.tpr, expected.roc_curve.tpr);
      closeAll(roc.thresholds, expected.roc_curve.thresholds);
      const pr = precisionRecallCurve(y, s);
      closeAll(pr.precision, expected.pr_curve.precision);
      closeAll(pr.recall, expected.pr_curve.recall);
      closeAll(pr.thresholds, expected.pr_curve.thresholds);
      for (const strategy of ['uniform', 'quantile'] as const) {
        const c = calibrationCurve(y, s, { nBins: 10, strategy });
        closeAll(c.probTrue, expected.calibration[`${strategy}_10`].prob_true);
        closeAll(c.probPred, expected.calibration[`${strategy}_10`].prob_pred);
        close(expectedCalibrationError(y, s, { nBins: 10, strategy }), expected.calibration[`${strategy}_10`].ece);
      }
      const t = thresholdMetrics(y, s);
      for (const k of ['accuracy', 'precision', 'recall', 'f1'] as const) close(t[k], expected.threshold[k]);
      closeAll(scoreHistogram(s, { bins: 20, range: [0, 1] }).counts, expected.histogram.counts);
      closeAll(scoreHistogram(s, { bins: 13 }).counts, expected.histogram.auto);
      const prDrop = precisionRecallCurve(y, s, { dropIntermediate: true });
      closeAll(prDrop.precision, expected.pr_curve_drop.precision);
      closeAll(prDrop.thresholds, expected.pr_curve_drop.thresholds);
      if (input.scores_b) {
        const d = delongTest(y, s, input.scores_b);
        close(d.diff, expected.delong.diff);
        close(d.se, expected.delong.se);
        close(d.pValue, expected.delong.p);
        close(d.a.se, expected.delong.se_a);
      }
      if (input.weights) {
        const sampleWeight = input.weights as number[];
        const w = expected.weighted;
        close(rocAuc(y, s, { sampleWeight }), w.roc_auc);
        close(averagePrecision(y, s, { sampleWeight }), w.average_precision);
        close(logLoss(y, s, { sampleWeight }), w.log_loss);
        close(logLoss(y, s, { sampleWeight, clip: ORIGINAL_LOGLOSS_CLIP }), w.log_loss_clip7);
        close(brier(y, s, { sampleWeight }), w.brier);
        for (const [key, dropIntermediate] of [
          ['roc_curve', true],
          ['roc_curve_all', false],
        ] as const) {
          const roc = rocCurve(y, s, { sampleWeight, dropIntermediate });
          closeAll(roc.fpr, w[key].fpr);
          closeAll(roc.tpr, w[key].tpr);
          closeAll(roc.thresholds, w[key].thresholds);
        }
        for (const [key, dropIntermediate] of [
          ['pr_curve', false],
          ['pr_curve_drop', true],
        ] as const) {
          const pr = precisionRecallCurve(y, s, { sampleWeight, dropIntermediate });
          closeAll(pr.precision, w[key].precision);
          closeAll(pr.recall, w[key].recall);
          closeAll(pr.thresholds, w[key].thresholds);
        }
        const t = thresholdMetrics(y, s, { sampleWeight });
        for (const k of ['tp', 'fp', 'tn', 'fn', 'accuracy', 'precision', 'recall', 'f1'] as const) close(t[k], w.threshold[k]);
      }
    });
  }
});
