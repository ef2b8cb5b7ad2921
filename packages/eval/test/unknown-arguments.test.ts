// BRIEF contract 2 over the whole public API: every exported function (and the methods of exported
// objects) refuses a surplus positional argument and an unknown option / input key with EvalError
// INVALID_OPTION naming the function and the position or key. The table must list every export:
// a new function without a row fails the first test.
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { exampleModel } from './support/example-model';

const y = [0, 1, 1, 0, 1, 0, 1, 0, 0, 1];
const p = [0.1, 0.8, 0.6, 0.3, 0.7, 0.2, 0.9, 0.4, 0.35, 0.55];
const q = [0.2, 0.7, 0.5, 0.4, 0.6, 0.1, 0.8, 0.3, 0.45, 0.5];
const moments = (mean: number) => ({ n: 50, mean, variance: 0.2 });
const ratioMoments = (mean: number) => ({ n: 50, mean, variance: 0.2, den: { mean: 2, variance: 0.5, covariance: 0.1 } });
/** Power sums of a ratio metric with a covariate (40 units). */
const armSums = (sum: number) => ({
  n: 40,
  sum,
  sumSq: sum * 1.5,
  den: { sum: 80, sumSq: 200, sumCross: sum * 2.2 },
  cov: { sum: 60, sumSq: 150, sumCross: sum * 1.6, denCross: 130 },
});
const timeline = [1, 2, 3].map((i) => ({ at: i, a: { n: 100 * i, mean: 0.1, variance: 0.09 }, b: { n: 100 * i, mean: 0.12, variance: 0.1 } }));
/** Held-out CV of one policy over 3 folds (the AUC per fold). */
const cvResult = (aucs: readonly number[]) => ({
  folds: aucs.map((auc, fold) => ({ fold, nTrain: 20, nTest: 10, metrics: { auc } })),
  mean: { auc: aucs.reduce((s, v) => s + v, 0) / aucs.length },
  std: { auc: 0.01 },
});
const readout = () =>
  api.analyzeExperiment({
    a: { values: Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? 1 : 0)) },
    b: { values: Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 1 : 0)) },
  });
const segmentInput = (): api.SegmentInput => ({
  train: { userIds: [1, 1, 2, 3], itemIds: [10, 11, 10, 12] },
  eval: {
    userIds: [1, 2, 3, 4, 1, 2, 3, 4, 5, 6],
    itemIds: [10, 11, 12, 13, 10, 11, 12, 13, 10, 14],
    labels: y,
    genres: { names: ['Drama'], flags: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0] },
    demographics: { age: [20, 30, 40, 50, 20, 30, 40, 50, 60, 70] },
  },
  scoresA: p,
  scoresB: q,
});

/**
 * One row per public function: `args` builds valid arguments (the call must succeed), `arity` is the
 * number of parameters it declares, `objects` the argument paths that are option / input objects whose
 * keys are checked (`[index]` or `[index, 'nested.key']`).
 */
interface Row {
  readonly args: () => unknown[] | Promise<unknown[]>;
  readonly arity: number;
  readonly objects?: readonly (readonly [number, string?])[];
}

let model: api.ReportModel;
const svgSpec = () => api.rocChartSpec([{ name: 'A', roc: api.rocCurve(y, p) }]);

const table: Record<string, Row> = {
  createRng: { args: () => [1], arity: 1 },
  normalCdf: { args: () => [0.3], arity: 1 },
  normalSf: { args: () => [0.3], arity: 1 },
  normalQuantile: { args: () => [0.3], arity: 1 },
  binaryClfCurve: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  rocAuc: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  rocAucOrNaN: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  averagePrecision: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  averagePrecisionOrNaN: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  logLoss: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  brier: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  expectedCalibrationError: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  thresholdMetrics: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  rankingMetrics: {
    args: () => [
      { userIds: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3], scores: p, labels: y },
      { k: 2, sampledNegatives: { count: 1 } },
    ],
    arity: 2,
    objects: [[0], [1], [1, 'sampledNegatives']],
  },
  'aucMetric.compute': { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  'aucMetric.prepare': { args: () => [y, p], arity: 2 },
  'prAucMetric.compute': { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  'prAucMetric.prepare': { args: () => [y, p], arity: 2 },
  'logLossMetric.compute': { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  'logLossMetric.prepare': { args: () => [y, p], arity: 2 },
  'brierMetric.compute': { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  'brierMetric.prepare': { args: () => [y, p], arity: 2 },
  'eceMetric.compute': { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  rocCurve: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  precisionRecallCurve: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  calibrationCurve: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  liftGain: { args: () => [y, p, 5], arity: 3 },
  scoreHistogram: { args: () => [p, {}], arity: 2, objects: [[1]] },
  policyCurves: { args: () => ['A', y, p, {}], arity: 4, objects: [[3]] },
  delongTest: { args: () => [y, p, q, {}], arity: 4, objects: [[3]] },
  aucConfidenceInterval: { args: () => [y, p, {}], arity: 3, objects: [[2]] },
  pairedBootstrap: { args: () => [y, p, q, api.aucMetric, { nResamples: 20 }], arity: 5, objects: [[4]] },
  pairedBootstrapMany: { args: () => [y, p, q, [api.aucMetric], { nResamples: 20 }], arity: 5, objects: [[4]] },
  verdict: { args: () => [{ diff: 0.1, ciLow: 0.05, ciHigh: 0.15, higherIsBetter: true }], arity: 1, objects: [[0]] },
  compareAB: { args: () => [y, p, q, { nResamples: 20 }], arity: 4, objects: [[3]] },
  abTrackingMetrics: { args: () => [api.compareAB(y, p, q, { nResamples: 20 }), 'A', 'B', 'test'], arity: 4 },
  defineSegments: {
    args: () => [segmentInput(), { minN: 2 }],
    arity: 2,
    objects: [[0], [0, 'train'], [0, 'eval'], [0, 'eval.genres'], [0, 'eval.demographics'], [1]],
  },
  analyzeSegments: {
    args: () => [segmentInput(), { minN: 2 }],
    arity: 2,
    objects: [[0], [0, 'train'], [0, 'eval'], [0, 'eval.genres'], [0, 'eval.demographics'], [1]],
  },
  segmentTrackingMetrics: { args: () => [api.analyzeSegments(segmentInput(), { minN: 2 }), 'test'], arity: 2 },
  kFold: { args: () => [y, { k: 2 }], arity: 2, objects: [[1]] },
  groupKFold: { args: () => [[1, 1, 2, 2, 3, 3, 4, 4, 5, 5], { k: 2 }], arity: 2, objects: [[1]] },
  timeSeriesSplit: { args: () => [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { k: 2 }], arity: 2, objects: [[1]] },
  crossValidate: {
    args: () => [
      {
        folds: api.kFold(y, { k: 2 }),
        labels: y,
        metrics: [api.aucMetric],
        fitPredict: (_t: Uint32Array, test: Uint32Array) => Array.from(test, (i) => p[i]!),
      },
    ],
    arity: 1,
    objects: [[0]],
  },
  cvTrackingMetrics: { args: () => [{ folds: [], mean: { auc: 0.7 }, std: { auc: 0.01 } }, 'A'], arity: 2 },
  rocChartSpec: { args: () => [[{ name: 'A', roc: api.rocCurve(y, p) }], 'ROC'], arity: 2 },
  prChartSpec: { args: () => [[{ name: 'A', pr: api.precisionRecallCurve(y, p) }], 0.5, 'PR'], arity: 3 },
  calibrationChartSpec: { args: () => [[{ name: 'A', calibration: api.calibrationCurve(y, p) }], 'Calibration'], arity: 2 },
  liftChartSpec: { args: () => [[{ name: 'A', lift: api.liftGain(y, p, 5) }], 'Lift'], arity: 2 },
  gainChartSpec: { args: () => [[{ name: 'A', lift: api.liftGain(y, p, 5) }], 'Gain'], arity: 2 },
  histogramChartSpec: { args: () => [[{ name: 'A', histogram: api.scoreHistogram(p) }], 'Histogram', { density: true }], arity: 3, objects: [[2]] },
  metricBarChartSpec: { args: () => [api.compareAB(y, p, q, { nResamples: 20 }).rows[0], ['A', 'B'], 'AUC'], arity: 3 },
  metricDiffChartSpec: {
    args: () => [api.compareAB(y, p, q, { nResamples: 20 }).rows[0], ['A', 'B'], { alpha: 0.05, title: 'ΔAUC' }],
    arity: 3,
    objects: [[2]],
  },
  containerSized: { args: () => [svgSpec()], arity: 1 },
  metricLabel: { args: () => ['pr_auc'], arity: 1 },
  segmentChartSpec: { args: () => [api.analyzeSegments(segmentInput(), { minN: 2 }), ['A', 'B'], 'auc', 'Segments'], arity: 4 },
  cvBoxPlotSpec: {
    args: () => [[{ name: 'A', cv: { folds: [{ fold: 0, nTrain: 5, nTest: 5, metrics: { auc: 0.7 } }], mean: { auc: 0.7 }, std: { auc: 0 } } }], 'auc', 'CV'],
    arity: 3,
  },
  evaluationCharts: { args: () => [{ curves: [api.policyCurves('A', y, p), api.policyCurves('B', y, q)] }], arity: 1, objects: [[0]] },
  renderSvg: { args: () => [svgSpec()], arity: 1 },
  rasterizeSvg: { args: async () => [await api.renderSvg(svgSpec()), { scale: 0.5 }], arity: 2, objects: [[1]] },
  renderPng: { args: () => [svgSpec(), { scale: 0.5 }], arity: 2, objects: [[1]] },
  renderCharts: { args: () => [{ roc: svgSpec() }, { scale: 0.5 }], arity: 2, objects: [[1]] },
  findChartFonts: { args: () => [{}, []], arity: 2 },
  renderReport: { args: () => [{ ...model, cv: { ...model.cv!, description: 'x' }, data: { rows: [] } }], arity: 1, objects: [[0], [0, 'cv'], [0, 'data']] },
  logGamma: { args: () => [3.5], arity: 1 },
  regularizedIncompleteBeta: { args: () => [2, 3, 0.4], arity: 3 },
  regularizedGammaP: { args: () => [2, 1.5], arity: 2 },
  regularizedGammaQ: { args: () => [2, 1.5], arity: 2 },
  studentTCdf: { args: () => [1.2, 8], arity: 2 },
  studentTSf: { args: () => [1.2, 8], arity: 2 },
  studentTTwoSided: { args: () => [1.2, 8], arity: 2 },
  studentTQuantile: { args: () => [0.9, 8], arity: 2 },
  chiSquareSf: { args: () => [3, 2], arity: 2 },
  summarizeArm: {
    args: () => [
      [1, 2, 3],
      [2, 2, 4],
    ],
    arity: 2,
  },
  proportionTest: { args: () => [{ successesA: 10, nA: 100, successesB: 15, nB: 100 }, { alpha: 0.05 }], arity: 2, objects: [[0], [1]] },
  meanTest: { args: () => [[1, 2, 3, 4], [2, 3, 4, 5], { alpha: 0.05 }], arity: 3, objects: [[2]] },
  meanTestFromMoments: { args: () => [moments(1), moments(1.1), { alpha: 0.05 }], arity: 3, objects: [[0], [1], [2]] },
  ratioMetricTest: {
    args: () => [{ numeratorA: [1, 0, 2], denominatorA: [2, 1, 3], numeratorB: [1, 1, 2], denominatorB: [2, 2, 2] }, { alpha: 0.05 }],
    arity: 2,
    objects: [[0], [1]],
  },
  ratioMetricTestFromMoments: { args: () => [ratioMoments(1), ratioMoments(1.1), { alpha: 0.05 }], arity: 3, objects: [[0], [1], [2]] },
  srmTest: { args: () => [[500, 510], [1, 1], { threshold: 0.001 }], arity: 3, objects: [[2]] },
  cuped: {
    args: () => [
      [1, 2, 3],
      [1, 2, 2],
      [2, 3, 4],
      [1, 3, 3],
    ],
    arity: 4,
  },
  sequentialTest: { args: () => [[{ estimate: 0.1, variance: 0.01, users: 100 }], { alpha: 0.05 }], arity: 2, objects: [[1]] },
  sequentialCheckpointsFromMoments: { args: () => [timeline], arity: 1 },
  mixingRho2: { args: () => [0.05, 5000], arity: 2 },
  requiredSampleSize: { args: () => [{ baseline: 0.1, mde: 0.1 }], arity: 1, objects: [[0]] },
  minimumDetectableEffect: { args: () => [{ baseline: 0.1, nPerArm: 5000 }], arity: 1, objects: [[0]] },
  bayesianProportions: {
    args: () => [{ successesA: 10, nA: 100, successesB: 15, nB: 100 }, { prior: { alpha: 1, beta: 1 } }],
    arity: 2,
    objects: [[0], [1], [1, 'prior']],
  },
  bayesianNormal: { args: () => [0.1, 0.05], arity: 2 },
  analyzeExperiment: {
    args: () => [{ a: { values: [0, 1, 0, 0, 1] }, b: { values: [1, 1, 0, 1, 1] } }, { prior: { alpha: 1, beta: 1 } }],
    arity: 2,
    objects: [[0], [0, 'a'], [0, 'b'], [1], [1, 'prior']],
  },
  onlineAbSection: { args: () => [readout(), timeline, { title: 'x' }], arity: 3, objects: [[2]] },
  sumArm: { args: () => [[1, 0, 1], { denominators: [2, 1, 3], covariate: [1, 2, 3] }], arity: 2, objects: [[1]] },
  momentsFromSums: { args: () => [armSums(10)], arity: 1 },
  varianceFromSums: { args: () => [10, 4, 4], arity: 3 },
  covarianceFromSums: { args: () => [10, 4, 20, 9], arity: 4 },
  cupedFromSums: { args: () => [armSums(10), armSums(12)], arity: 2 },
  cupedReadoutFromSums: { args: () => [armSums(10), armSums(12), 0.05], arity: 3 },
  analyzeExperimentFromSums: {
    args: () => [{ a: armSums(10), b: armSums(12) }, { prior: { alpha: 1, beta: 1 } }],
    arity: 2,
    objects: [[0], [0, 'a'], [0, 'a.den'], [0, 'a.cov'], [0, 'b'], [1], [1, 'prior']],
  },
  decideRollout: {
    args: () => [
      {
        names: ['A', 'B'],
        cv: { a: cvResult([0.7, 0.71, 0.72]), b: cvResult([0.72, 0.72, 0.75]), metric: 'auc' },
        online: api.analyzeExperiment({ a: { values: [0, 1, 0, 0, 1] }, b: { values: [1, 1, 0, 1, 1] } }),
      },
      { minUsersPerArm: 2 },
    ],
    arity: 2,
    objects: [[0], [0, 'cv'], [1]],
  },
  onlineEvidence: { args: () => [readout()], arity: 1 },
  compareCvFolds: {
    args: () => [cvResult([0.7, 0.71, 0.72]), cvResult([0.72, 0.72, 0.75]), 'auc', { higherIsBetter: true, alpha: 0.05 }],
    arity: 4,
    objects: [[3]],
  },
  renderOnlineReport: { args: () => [{ version: 1, title: 'x' }, { title: 'x' }], arity: 2, objects: [[1]] },
  cumulativeLiftChartSpec: { args: () => [readout().sequential, { metric: 'CTR', percent: true }], arity: 2, objects: [[1]] },
  assignmentShareChartSpec: { args: () => [timeline, ['A', 'B'], [0.5, 0.5]], arity: 3 },
  armMetricChartSpec: { args: () => [timeline, ['A', 'B'], { metric: 'CTR', alpha: 0.05, percent: true }], arity: 3, objects: [[2]] },
};

/** Exports that are not operations: the error class (its constructor is the error scheme's) and message formatters. */
const EXEMPT = new Set(['EvalError', 'messages', 'abMessages']);

function publicFunctions(): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(api)) {
    if (EXEMPT.has(name)) continue;
    if (typeof value === 'function') names.push(name);
    else if (value && typeof value === 'object') {
      for (const [member, f] of Object.entries(value)) if (typeof f === 'function') names.push(`${name}.${member}`);
    }
  }
  return names.sort();
}

function resolve(name: string): (...a: unknown[]) => unknown {
  const [head, member] = name.split('.');
  const value = (api as Record<string, unknown>)[head!];
  return (member ? (value as Record<string, unknown>)[member] : value) as (...a: unknown[]) => unknown;
}

async function outcome(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectInvalidOption(e: unknown, pattern: RegExp): void {
  expect(api.EvalError.isInstance(e), String(e)).toBe(true);
  expect((e as api.EvalError).code).toBe('INVALID_OPTION');
  expect((e as Error).message).toMatch(pattern);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Returns args with `{ …, [key]: 1 }` at `path` (a nested object path inside argument `index`). */
function withUnknownKey(args: unknown[], index: number, path: string | undefined, key: string): unknown[] {
  const copy = [...args];
  const set = (obj: unknown, keys: string[]): unknown => {
    const base = { ...(obj as Record<string, unknown> | undefined) };
    if (keys.length === 0) return { ...base, [key]: 1 };
    return { ...base, [keys[0]!]: set(base[keys[0]!], keys.slice(1)) };
  };
  copy[index] = set(copy[index], path ? path.split('.') : []);
  return copy;
}

describe('every public function of @abt/eval refuses what it does not implement', () => {
  beforeAll(async () => {
    model = await exampleModel(400);
  }, 60_000);

  it('the table lists every exported function and method', () => {
    expect(Object.keys(table).sort()).toEqual(publicFunctions());
  });

  for (const [name, row] of Object.entries(table)) {
    describe(name, () => {
      it('accepts its valid arguments', async () => {
        expect(await outcome(async () => resolve(name)(...(await row.args())))).toBeUndefined();
      }, 30_000);

      it(`refuses a surplus argument ${row.arity + 1}`, async () => {
        const args = await row.args();
        const padded = [...args, ...Array(row.arity - args.length).fill(undefined), 'surplus'];
        const e = await outcome(() => resolve(name)(...padded));
        expectInvalidOption(e, new RegExp(`^${escape(name)}: unexpected argument ${row.arity + 1};`));
      });

      for (const [index, path] of row.objects ?? []) {
        it(`refuses an unknown key in argument ${index + 1}${path ? ` at ${path}` : ''}`, async () => {
          const args = withUnknownKey(await row.args(), index, path, 'notAnOption');
          const e = await outcome(() => resolve(name)(...args));
          expectInvalidOption(e, new RegExp(`^${escape(name)}: .*unknown key "notAnOption"`));
        });
      }
    });
  }

  it('messages name the function, the position and the parameters', async () => {
    const e = await outcome(() => (api.rocAuc as (...a: unknown[]) => number)(y, p, {}, 'x'));
    expect((e as Error).message).toBe(api.messages.surplusArgument('rocAuc', 4, ['labels', 'scores', 'options']));
    const k = await outcome(() => api.logLoss(y, p, { clip: 0, sample_weight: [] } as never));
    expect((k as Error).message).toBe(api.messages.unknownKey('logLoss', 'options', 'sample_weight', ['clip', 'sampleWeight']));
    const o = await outcome(() => api.rocCurve(y, p, false as never));
    expect((o as Error).message).toBe(api.messages.notAnObject('rocCurve', 'options', false));
  });

  it('a trailing undefined is not a surplus argument', () => {
    expect(() => (api.rocAuc as (...a: unknown[]) => number)(y, p, undefined, undefined)).not.toThrow();
  });
});
