/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import {
  analyzeExperiment,
  analyzeExperimentFromSums,
  analyzeSegments,
  aucConfidenceInterval,
  aucMetric,
  averagePrecisionOrNaN,
  bayesianNormal,
  bayesianProportions,
  binaryClfCurve,
  calibrationCurve,
  compareAB,
  compareCvFolds,
  createRng,
  crossValidate,
  cuped,
  cupedFromSums,
  cupedReadoutFromSums,
  decideRollout,
  defineSegments,
  delongTest,
  findChartFonts,
  groupKFold,
  kFold,
  liftGain,
  logLossMetric,
  meanTest,
  meanTestFromMoments,
  momentsFromSums,
  onlineAbSection,
  onlineEvidence,
  pairedBootstrap,
  pairedBootstrapMany,
  policyCurves,
  precisionRecallCurve,
  proportionTest,
  rankingMetrics,
  rasterizeSvg,
  ratioMetricTest,
  ratioMetricTestFromMoments,
  renderCharts,
  renderSvg,
  rocAucOrNaN,
  rocChartSpec,
  rocCurve,
  scoreHistogram,
  sequentialTest,
  srmTest,
  sumArm,
  summarizeArm,
  thresholdMetrics,
  timeSeriesSplit,
  verdict,
  type TimelinePoint,
} from '../src/index';
import {
  analysisCheckpointSeries,
  analysisSection,
  compileAnalysis,
  createDuckDbEngine,
  duckdbDialect,
  healthReport,
  parseMetricsFile,
  parseSource,
  readoutFromStats,
  runAnalysis,
  statsColumnsOf,
} from '../src/sql/index';
import { generateExperiment, METRICS_YAML, writeExperiment } from './support/experiment-data';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));

const { expectDocumented, expectEach } = readme;

// 400 test rows: labels, two policies' probabilities, users and items; all seeded.
const rng = createRng(3);
const n = 400;
const labels: number[] = [];
const scoresA: number[] = [];
const scoresB: number[] = [];
const userIds: number[] = [];
const itemIds: number[] = [];
for (let i = 0; i < n; i++) {
  const y = rng() < 0.5 ? 1 : 0;
  labels.push(y);
  scoresA.push(Math.min(1, Math.max(0, 0.5 + 0.3 * (y - 0.5) + 0.6 * (rng() - 0.5))));
  scoresB.push(Math.min(1, Math.max(0, 0.5 + 0.2 * (y - 0.5) + 0.6 * (rng() - 0.5))));
  userIds.push(1 + Math.floor(rng() * 40));
  itemIds.push(1 + Math.floor(rng() * 60));
}
const train = { userIds: userIds.map((u) => u + 5), itemIds: itemIds.map((i) => i + 3) };
const bernoulli = (count: number, p: number) => Float64Array.from({ length: count }, () => (rng() < p ? 1 : 0));
const uniform = (count: number, scale: number) => Float64Array.from({ length: count }, () => Math.floor(rng() * scale));

describe('README result types', () => {
  it('offline metrics and curves', () => {
    expectDocumented('MaybeMetric', rocAucOrNaN(labels, scoresA));
    expectDocumented('MaybeMetric', averagePrecisionOrNaN([1, 1], [0.2, 0.3]));
    expectDocumented('ThresholdMetrics', thresholdMetrics(labels, scoresA, { threshold: 0.5 }));
    const ranking = rankingMetrics({ userIds, scores: scoresA, labels }, { k: 5 });
    expectDocumented('RankingMetrics', ranking);
    expectEach('UserRanking', ranking.perUser);
    expectDocumented('BinaryClfCurve', binaryClfCurve(labels, scoresA));
    expectDocumented('RocCurve', rocCurve(labels, scoresA));
    expectDocumented('PrecisionRecallCurve', precisionRecallCurve(labels, scoresA));
    expectDocumented('CalibrationCurve', calibrationCurve(labels, scoresA));
    const lift = liftGain(labels, scoresA);
    expectDocumented('LiftGainTable', lift);
    expectEach('LiftGainRow', lift.rows);
    expectDocumented('ScoreHistogram', scoreHistogram(scoresA));
    expectDocumented('ScoreHistogram', scoreHistogram(scoresA, { labels }));
    expectDocumented('PolicyCurves', policyCurves('A', labels, scoresA));
    expectDocumented('PolicyCurves', policyCurves('A', labels, scoresA, { maxCurvePoints: 3 }));
  });

  it('offline comparison, segments and cross-validation', async () => {
    const delong = delongTest(labels, scoresA, scoresB);
    expectDocumented('DeLongResult', delong);
    expectDocumented('AucWithCi', delong.a);
    expectDocumented('AucWithCi', aucConfidenceInterval(labels, scoresA));
    const boot = pairedBootstrap(labels, scoresA, scoresB, aucMetric, { nResamples: 20, seed: 1 });
    expectDocumented('PairedBootstrapResult', boot);
    expectEach('PairedBootstrapResult', pairedBootstrapMany(labels, scoresA, scoresB, [aucMetric, logLossMetric], { nResamples: 20 }));
    expectDocumented('Interval', boot.a);
    expectDocumented('Verdict', verdict({ diff: 0.1, ciLow: 0.05, ciHigh: 0.15, higherIsBetter: true, alpha: 0.05 }));
    const comparison = compareAB(labels, scoresA, scoresB, { nResamples: 20, seed: 1 });
    expectDocumented('AbComparison', comparison);
    expectEach('MetricComparison', comparison.rows);
    expectEach(
      'Verdict',
      comparison.rows.map((r) => r.verdict),
    );
    expectEach(
      'Interval',
      comparison.rows.flatMap((r) => [r.a, r.b]),
    );
    // A row's diff is an Interval; a paired-bootstrap row's also carries the bootstrap's se and pValue (as the README says).
    for (const row of comparison.rows) {
      const extra = row.method === 'paired-bootstrap' ? ['se', 'pValue'] : [];
      expect(readme.check('Interval', row.diff).undocumented, row.metric).toEqual(extra);
    }

    const segmentInput = { train, eval: { userIds, itemIds, labels }, scoresA, scoresB };
    expectEach('Segment', defineSegments(segmentInput));
    const segments = analyzeSegments(segmentInput);
    expect(new Set(segments.map((s) => s.status))).toEqual(new Set(['ok', 'skipped']));
    expectEach('SegmentResult', segments);
    expectEach(
      'SegmentMetric',
      segments.flatMap((s) => s.metrics),
    );

    const folds = kFold(labels, { k: 3, seed: 1 });
    expectEach('Fold', folds);
    expectEach('Fold', groupKFold(userIds, { k: 3 }));
    expectEach(
      'Fold',
      timeSeriesSplit(
        userIds.map((_, i) => i),
        { k: 3 },
      ),
    );
    const cv = (scores: number[]) =>
      crossValidate({ folds, labels, metrics: [aucMetric, logLossMetric], fitPredict: (_train, test) => Array.from(test, (i) => scores[i]!) });
    const [cvA, cvB] = await Promise.all([cv(scoresA), cv(scoresB)]);
    expectDocumented('CrossValidateResult', cvA);
    expectEach('FoldResult', cvA.folds);
    expectDocumented('CvFoldComparison', compareCvFolds(cvA, cvB, 'auc', { higherIsBetter: true, alpha: 0.05 }));

    const online = analyzeExperiment({ a: { values: bernoulli(3000, 0.1) }, b: { values: bernoulli(3000, 0.12) } });
    for (const decision of [
      decideRollout({ offline: comparison, cv: { a: cvA, b: cvB }, online }),
      decideRollout({ offline: comparison }),
      decideRollout({ offline: comparison, online: analyzeExperiment({ a: { values: bernoulli(60, 0.1) }, b: { values: bernoulli(60, 0.1) } }) }),
    ]) {
      expectDocumented('RolloutDecision', decision);
      const { offline, cv: cvStance, online: onlineStance } = decision.sources;
      for (const stance of [offline, onlineStance]) if (stance) expectDocumented('SourceStance', stance);
      if (cvStance) {
        // The CV stance is a SourceStance that also carries its CvFoldComparison (as the README says).
        const { comparison: cvComparison, ...stance } = cvStance;
        expectDocumented('SourceStance', stance);
        expectDocumented('CvFoldComparison', cvComparison);
      }
    }
  });

  it('online A/B statistics', () => {
    const a = { values: bernoulli(2000, 0.1), covariate: uniform(2000, 20) };
    const b = { values: bernoulli(2000, 0.12), covariate: uniform(2000, 20) };
    const clicksA = uniform(2000, 5);
    const clicksB = uniform(2000, 5);
    const impressionsA = Float64Array.from(clicksA, (c) => c + 1 + Math.floor(rng() * 5));
    const impressionsB = Float64Array.from(clicksB, (c) => c + 1 + Math.floor(rng() * 5));
    const timeline: TimelinePoint[] = [1, 2, 3].map((day) => ({
      at: day,
      a: summarizeArm(a.values.subarray(0, (2000 * day) / 3)),
      b: summarizeArm(b.values.subarray(0, (2000 * day) / 3)),
    }));
    const conversion = analyzeExperiment({ metric: 'conversion', a, b, timeline });
    const ctr = analyzeExperiment({ metric: 'ctr', a: { values: clicksA, denominators: impressionsA }, b: { values: clicksB, denominators: impressionsB } });
    const spend = analyzeExperiment({ metric: 'spend', a: { values: uniform(500, 100) }, b: { values: uniform(500, 100) } });
    expect(conversion.cuped).toBeDefined();
    for (const readout of [conversion, ctr, spend]) {
      expectDocumented('AbReadout', readout);
      expectDocumented('SrmResult', readout.srm);
      expectDocumented('SequentialResult', readout.sequential);
      expectEach('SequentialPoint', readout.sequential.points);
      expectDocumented(readout.kind === 'proportion' ? 'BayesianProportionsResult' : 'BayesianResult', readout.bayes);
      expectDocumented('OnlineEvidence', onlineEvidence(readout));
    }
    expectDocumented('CupedReadout', conversion.cuped);
    const sumsA = sumArm(a.values, { covariate: a.covariate });
    const sumsB = sumArm(b.values, { covariate: b.covariate });
    expectDocumented('ArmSums', sumsA);
    expectDocumented('ArmSums', sumArm(clicksA, { denominators: impressionsA, covariate: a.covariate }));
    expectDocumented('AbReadout', analyzeExperimentFromSums({ a: sumsA, b: sumsB }));
    expectDocumented('ArmMoments', momentsFromSums(sumsA));
    expectDocumented('ArmMoments', summarizeArm(clicksA, impressionsA));
    expectDocumented('CupedSumsResult', cupedFromSums(sumsA, sumsB));
    expectDocumented('CupedReadout', cupedReadoutFromSums(sumsA, sumsB, 0.05));
    expectDocumented('ProportionTestResult', proportionTest({ successesA: 100, nA: 1000, successesB: 120, nB: 1000 }));
    expectDocumented('MeanTestResult', meanTest(uniform(50, 10), uniform(50, 10)));
    expectDocumented('MeanTestResult', meanTestFromMoments(summarizeArm(uniform(50, 10)), summarizeArm(uniform(50, 10))));
    const ratioInput = { numeratorA: clicksA, denominatorA: impressionsA, numeratorB: clicksB, denominatorB: impressionsB };
    expectDocumented('RatioMetricTestResult', ratioMetricTest(ratioInput));
    expectDocumented('RatioMetricTestResult', ratioMetricTestFromMoments(summarizeArm(clicksA, impressionsA), summarizeArm(clicksB, impressionsB)));
    expectDocumented('SrmResult', srmTest([5100, 4900]));
    expectDocumented('CupedResult', cuped(a.values, a.covariate, b.values, b.covariate));
    expectDocumented('SequentialResult', sequentialTest([{ estimate: 0.01, variance: 1e-4, users: 2000 }]));
    expectDocumented('BayesianResult', bayesianNormal(0.01, 0.005));
    expectDocumented('BayesianProportionsResult', bayesianProportions({ successesA: 10, nA: 100, successesB: 14, nB: 100 }));
    const section = onlineAbSection([conversion, ctr], timeline, { names: ['A', 'B'] });
    expectDocumented('OnlineAbSection', section);
    expectEach(
      'OnlineEvidence',
      section.metrics!.map((m) => m.readout),
    );
  });

  it('chart rendering', async () => {
    expectDocumented('ChartFonts', findChartFonts());
    const svg = await renderSvg(rocChartSpec([{ name: 'A', roc: rocCurve(labels, scoresA) }]));
    expectDocumented('RasterImage', await rasterizeSvg(svg, { scale: 1 }));
    const rendered = await renderCharts({ roc: rocChartSpec([{ name: 'A', roc: rocCurve(labels, scoresA) }]) }, { scale: 1 });
    expectEach('RenderedChart', Object.values(rendered));
  });

  it('@abt/eval/sql on DuckDB', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-readme-types-'));
    const engine = await createDuckDbEngine();
    try {
      const data = generateExperiment(5, 300, { lift: 0.1 });
      const files = writeExperiment(dir, data);
      const spec = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
      const sources = { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) };
      expectDocumented('CompiledAnalysis', compileAnalysis(spec, sources, duckdbDialect));
      expectEach('StatsColumn', statsColumnsOf(spec).metric);
      const run = await runAnalysis(spec, sources, engine);
      expectDocumented('AnalysisRun', run);
      expectDocumented('AnalysisStats', run.stats);
      expectEach('HealthCount', run.stats.health);
      expectEach('SliceStats', run.stats.slices);
      expectDocumented('AnalysisReadout', run.readout);
      expectDocumented('AnalysisReadout', readoutFromStats(spec, run.stats));
      expectEach('SliceReadout', [run.readout.overall, ...run.readout.dimensions]);
      const metrics = run.readout.overall.metrics;
      expect(metrics.some((m) => m.readout === undefined)).toBe(true);
      expectEach('MetricReadout', metrics);
      expectEach(
        'ArmFigure',
        metrics.flatMap((m) => m.arms),
      );
      expectEach('TimelineDay', run.readout.timeline);
      expectDocumented('HealthReport', run.readout.health);
      expectDocumented('HealthReport', healthReport(spec, run.stats, run.readout.overall.units, run.readout.primary));
      expectEach('HealthCheck', run.readout.health.checks);
      expectDocumented('OnlineAbSection', analysisSection(run.readout));
      expectEach('AnalysisCheckpoint', analysisCheckpointSeries(run.readout));
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  afterAll(() => {
    expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
  });
});
