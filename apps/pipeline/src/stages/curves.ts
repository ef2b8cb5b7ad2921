import { brier, evaluationCharts, policyCurves } from '@abt/eval';
import type { Stage } from '../stage';
import { loadScores } from '../scores';
import { stageRun, trackingUriOf } from '../tracking';
import { POLICY_A, POLICY_B } from '../policies';
import { publishCharts, writeResult } from '../charts';

/** ROC, PR, calibration, lift, cumulative gain and score histograms for both policies on test. */
export const curvesStage: Stage = {
  name: 'curves',
  title: 'curves: ROC, PR, calibration, lift, gain',
  needs: ['train'],
  inputs: (ctx) => ({ tracking: trackingUriOf(ctx), curvePoints: ctx.options.curvePoints }),
  async run(ctx) {
    const { test } = await loadScores(ctx);
    // bounded: a point per distinct score is hundreds of MB of JSON on millions of test rows
    const options = { maxCurvePoints: ctx.options.curvePoints };
    const curves = [policyCurves(POLICY_A.alias, test.label, test.A, options), policyCurves(POLICY_B.alias, test.label, test.B, options)] as const;
    const briers = { A_brier: brier(test.label, test.A), B_brier: brier(test.label, test.B) };
    const outputs = await stageRun(ctx, 'Curves_PR_ROC_Calib_Lift', { 'abt.stage': 'curves' }, async (run) => {
      await run.logMetrics(briers);
      await run.logJson(curves, 'curves.json');
      const charts = evaluationCharts({ curves });
      return [...(await publishCharts(ctx.out, run, charts)), await writeResult(ctx.out, 'curves', curves)];
    });
    return { outputs, summary: { ...briers } };
  },
};
