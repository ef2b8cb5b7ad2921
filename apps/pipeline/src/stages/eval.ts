import { abTrackingMetrics, compareAB, evaluationCharts, type AbComparison } from '@abt/eval';
import type { Stage } from '../stage';
import { loadScores } from '../scores';
import { stageRun, trackingUriOf } from '../tracking';
import { POLICY_A, POLICY_B } from '../policies';
import { publishCharts, writeResult } from '../charts';
import { datasetInput } from '../datasets';
import { preparedDatasets } from '../prepared-datasets';

/** A vs B on the test rows: DeLong for ROC-AUC, paired bootstrap for the rest, a verdict each. */
export const evalStage: Stage = {
  name: 'eval',
  title: 'eval: test metrics, DeLong and bootstrap',
  needs: ['train'],
  inputs: (ctx) => ({ alpha: ctx.options.alpha, seed: ctx.options.seed, tracking: trackingUriOf(ctx) }),
  async run(ctx) {
    const scores = await loadScores(ctx);
    const { test } = scores;
    const bar = ctx.report.bar('bootstrap resamples', 1000);
    let shown = 0;
    const comparison = compareAB(test.label, test.A, test.B, {
      alpha: ctx.options.alpha,
      seed: ctx.options.seed,
      onProgress: (done, total) => {
        bar.setTotal(total);
        bar.tick(done - shown);
        shown = done;
      },
    });
    bar.done();
    const outputs = await stageRun(ctx, 'Eval_Offline_AB', { 'abt.stage': 'eval' }, async (run) => {
      await run.logParams({ alpha: ctx.options.alpha, n_test: comparison.n, bootstrap_resamples: 1000, seed: ctx.options.seed });
      await run.logMetrics(abTrackingMetrics(comparison, POLICY_A.evalPrefix, POLICY_B.evalPrefix));
      const test = preparedDatasets(ctx).test;
      if (test) await run.logInputs([datasetInput(test, 'testing')]);
      await run.logJson(comparison, 'comparison.json');
      const charts = evaluationCharts({ comparison, names: [POLICY_A.alias, POLICY_B.alias] });
      return [...(await publishCharts(ctx.out, run, charts)), await writeResult(ctx.out, 'comparison', comparison)];
    });
    return { outputs, summary: { comparison: compact(comparison), lines: comparisonLines(comparison) } };
  },
};

const compact = (c: AbComparison) => ({ n: c.n, positiveRate: c.positiveRate, alpha: c.alpha, rows: c.rows });

function comparisonLines(c: AbComparison): string[] {
  const f = (x: number) => x.toFixed(4);
  return [
    `offline A vs B on ${c.n.toLocaleString('en')} test rows (α = ${c.alpha}):`,
    ...c.rows.map(
      (r) =>
        `  ${r.label.padEnd(12)} A ${f(r.a.estimate)} [${f(r.a.ciLow)}, ${f(r.a.ciHigh)}]  B ${f(r.b.estimate)} [${f(r.b.ciLow)}, ${f(r.b.ciHigh)}]  Δ ${f(r.diff.estimate)} [${f(r.diff.ciLow)}, ${f(r.diff.ciHigh)}]  ${formatP(r.pValue, r.method)}  → ${r.verdict.text}`,
    ),
  ];
}

/** A bootstrap p of 0 only says p < 1/(resamples + 1); never print it as 0. */
function formatP(p: number, method: string): string {
  if (method === 'paired-bootstrap' && p < 1e-3) return 'p < 0.001';
  return p < 1e-4 ? `p ${p.toExponential(1)}` : `p ${p.toFixed(4)}`;
}
