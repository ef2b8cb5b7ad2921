import { describe, expect, it } from 'vitest';
import { MetricsFileError, parseMetricsFile, sqlMessages } from '../../src/sql/index';
import { EvalError, messages } from '../../src/index';
import { METRICS_YAML } from '../support/experiment-data';

const parseError = (text: string, file = 'm.yaml') => {
  try {
    parseMetricsFile(text, { file });
  } catch (e) {
    return e as MetricsFileError;
  }
  throw new Error('no error');
};

describe('parseMetricsFile', () => {
  it('reads the example: types, windows, caps, covariates, defaults', () => {
    const s = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
    expect(s.experiment).toEqual({ key: 'exp1', arms: ['control', 'treatment'], weights: [0.5, 0.5] });
    expect(s.primary).toBe('ctr');
    const ctr = s.metrics[0]!;
    expect(ctr.measure).toEqual({ events: ['click'], aggregate: 'count' });
    expect(ctr.denominator).toEqual({ events: ['impression'], aggregate: 'count' });
    expect(ctr.cuped).toEqual({ measure: { events: ['visit'], aggregate: 'count' }, lookbackSeconds: 30 * 86_400 });
    expect(s.metrics[1]!.windowSeconds).toBe(7 * 86_400);
    expect(s.metrics[2]!.cap).toEqual({ quantile: 0.99 });
    expect(s.metrics.find((m) => m.name === 'impressions')!.test).toBe(false);
    expect(s.exposures.columns.unit).toBe('userId');
  });

  it("the analysis block: defaults, and the sequential test's burn-in", () => {
    const base = 'version: 1\nexperiment: {arms: [a, b]}\nmetrics: [{name: x, type: count, event: e}]\n';
    expect(parseMetricsFile(base, { file: 'm.yaml' }).analysis).toEqual({
      alpha: 0.05,
      power: 0.8,
      mdeRel: 0.05,
      srmThreshold: 0.001,
      tuningN: null,
      burnInPerArm: 30,
    });
    expect(parseMetricsFile(`${base}analysis: {burnInPerArm: 0, tuningN: 2000}\n`, { file: 'm.yaml' }).analysis).toMatchObject({
      burnInPerArm: 0,
      tuningN: 2000,
    });
    expect(parseError(`${base}analysis: {burnInPerArm: -5}\n`).location).toEqual({ file: 'm.yaml', line: 4, key: 'analysis.burnInPerArm' });
  });

  it('JSON files are read the same way', () => {
    const json = JSON.stringify(
      { version: 1, experiment: { arms: ['a', 'b'] }, metrics: [{ name: 'conv', type: 'binomial', event: 'purchase', cuped: true }] },
      null,
      2,
    );
    const s = parseMetricsFile(json, { file: 'm.json' });
    expect(s.metrics[0]!.cuped).toEqual({ measure: { events: ['purchase'], aggregate: 'count' }, lookbackSeconds: null });
    expect(s.experiment.weights).toEqual([1, 1]);
  });

  it('errors name the file, the line and the key', () => {
    const bad = METRICS_YAML.replace('type: binomial', 'type: binomail');
    const e = parseError(bad);
    expect(MetricsFileError.isInstance(e)).toBe(true);
    expect(EvalError.isInstance(e)).toBe(true);
    expect(e.location).toEqual({ file: 'm.yaml', line: 16, key: 'metrics[1].type' });
    expect(e.message).toBe(sqlMessages.schema('m.yaml', 16, 'metrics[1].type', 'must be one of "binomial", "count", "sum", "mean", "ratio"'));

    const unknown = parseError(METRICS_YAML.replace('    window: 7d', '    windw: 7d'));
    expect(unknown.location).toEqual({ file: 'm.yaml', line: 18, key: 'metrics[1].windw' });
    expect(unknown.message).toMatch(/^m\.yaml:18: metrics\[1\]\.windw: unknown key; known here: name, label, type, event/);

    expect(parseError(METRICS_YAML.replace('window: 7d', 'window: 7 days')).message).toBe(
      sqlMessages.schema('m.yaml', 18, 'metrics[1].window', "must be a duration such as '30m', '12h', '7d'"),
    );
    expect(parseError('version: 1\nexperiment: {arms: [a, b]}\nmetrics:\n  - {name: x, type: count}\n').message).toBe(
      sqlMessages.missingForType('m.yaml', 4, 'metrics[0].event', 'event', 'count'),
    );
    expect(
      parseError('version: 1\nexperiment: {arms: [a, b]}\nmetrics:\n  - {name: x, type: count, event: e}\n  - {name: x, type: sum, event: e}\n').message,
    ).toBe(sqlMessages.duplicateMetric('m.yaml', 5, 'metrics[1].name', 'x'));
    expect(parseError('version: 1\nexperiment: {arms: [a, a]}\nmetrics: [{name: x, type: count, event: e}]\n').message).toBe(sqlMessages.sameArms('m.yaml', 2));
    expect(parseError('version: 1\nprimary: y\nexperiment: {arms: [a, b]}\nmetrics: [{name: x, type: count, event: e}]\n').message).toBe(
      sqlMessages.unknownPrimary('m.yaml', 2, 'y', ['x']),
    );
    expect(parseError('version: 2\nexperiment: {arms: [a, b]}\nmetrics: [{name: x, type: count, event: e}]\n').location.line).toBe(1);
    expect(
      parseError('version: 1\nexperiment: {arms: [a, b]}\nmetrics: [{name: x, type: count, event: e, cap: {value: 3}}, {name: Bad, type: count, event: e}]\n')
        .message,
    ).toMatch(/metrics\[1\]\.name: must be a lower-case identifier/);
    expect(parseError('version: 1\nexperiment: {arms: [a, b]}\nmetrics: [{name: x, type: ratio, event: e}]\n').message).toMatch(
      /'event' does not apply to a ratio metric/,
    );
    const syntax = parseError('version: 1\nexperiment: {arms: [a, b]\nmetrics: []\n');
    expect(syntax.message).toMatch(/^m\.yaml:\d+: not valid YAML\/JSON/);
    expect(syntax.location.line).toBeGreaterThan(1);
  });

  it('rejects unknown options and surplus arguments', () => {
    expect(() => parseMetricsFile(METRICS_YAML, { fil: 'x' } as never)).toThrowError(messages.unknownKey('parseMetricsFile', 'options', 'fil', ['file']));
    expect(() => (parseMetricsFile as (...a: unknown[]) => unknown)(METRICS_YAML, {}, 1)).toThrowError(
      messages.surplusArgument('parseMetricsFile', 3, ['text', 'options']),
    );
  });
});

describe('the analysis API rejects unknown options and surplus arguments', () => {
  it('names the key or the position', async () => {
    const { readoutFromStats, analysisSection, parseSource, readStatsRows } = await import('../../src/sql/index');
    const { renderOnlineReport } = await import('../../src/index');
    const spec = parseMetricsFile(METRICS_YAML, { file: 'm.yaml' });
    const empty = { days: [], health: [], slices: [] };
    expect(() => readoutFromStats(spec, empty, { lastDy: 3 } as never)).toThrowError(messages.unknownKey('readoutFromStats', 'options', 'lastDy', ['lastDay']));
    expect(() => analysisSection({} as never, { titel: 'x' } as never)).toThrowError(messages.unknownKey('analysisSection', 'options', 'titel', ['title']));
    expect(() => renderOnlineReport({ version: 1 }, { subtitel: 'x' } as never)).toThrowError(
      messages.unknownKey('renderOnlineReport', 'options', 'subtitel', ['title', 'subtitle', 'generatedAt']),
    );
    expect(() => (parseSource as (...a: unknown[]) => unknown)('events', 'x.csv', 'y')).toThrowError(
      messages.surplusArgument('parseSource', 3, ['role', 'args']),
    );
    expect(() => (readStatsRows as (...a: unknown[]) => unknown)([], spec, 's', 1)).toThrowError(
      messages.surplusArgument('readStatsRows', 4, ['rows', 'spec', 'source']),
    );
  });
});
