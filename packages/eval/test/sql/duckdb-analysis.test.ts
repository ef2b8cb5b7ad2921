import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbEngine, parseMetricsFile, parseSource, runAnalysis, type AnalysisRun, type SqlEngine } from '../../src/sql/index';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../support/experiment-data';
import { perUnitReadouts } from '../support/per-unit-oracle';
import { expectClose } from '../support/expect-close';

describe('DuckDB analysis equals the per-unit computation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'abt-analysis-'));
  const data = generateExperiment(11, 2_500, { lift: 0.15 });
  const files = writeExperiment(dir, data);
  const spec = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
  let engine: SqlEngine;
  let run: AnalysisRun;
  beforeAll(async () => {
    engine = await createDuckDbEngine();
    run = await runAnalysis(spec, { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) }, engine);
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every tested metric, overall and per dimension level, to 1e-9 (timeline included)', () => {
    const oracle = perUnitReadouts(spec, data.exposures, data.events);
    expect(run.readout.overall.units).toEqual(oracle.units);
    for (const m of run.readout.overall.metrics.filter((x) => x.readout)) expectClose(oracle.overall[m.name], m.readout, 1e-9, m.name);
    expect(run.readout.dimensions.map((d) => `${d.dimension}=${d.level}`).sort()).toEqual(Object.keys(oracle.slices).sort());
    for (const s of run.readout.dimensions) {
      for (const m of s.metrics.filter((x) => x.readout))
        expectClose(oracle.slices[`${s.dimension}=${s.level}`]![m.name], m.readout, 1e-9, `${s.level}.${m.name}`);
    }
  });

  it('reports each planted defect in the health checks', () => {
    const count = (id: string) => run.readout.health.checks.find((c) => c.id === id)!.count;
    expect(count('units_multiple_arms')).toBe(data.planted.multiArmUnits);
    expect(count('exposures_not_in_experiment')).toBe(data.planted.notInExperimentLines);
    expect(count('exposures_unknown_arm')).toBe(data.planted.unknownArmLines);
    expect(count('events_before_exposure')).toBe(data.planted.eventsBeforeExposure);
    expect(count('events_unexposed')).toBeGreaterThanOrEqual(data.planted.unexposedEvents);
    expect(run.readout.health.srm.mismatch).toBe(false);
  });

  it('--as-of gives the readout as it stood that day', async () => {
    const asOf = '2024-03-05';
    const r = await runAnalysis(spec, { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) }, engine, { asOf });
    const oracle = perUnitReadouts(spec, data.exposures, data.events, { asOfEnd: Date.UTC(2024, 2, 6) / 1000 });
    expect(r.readout.timeline.at(-1)!.day).toBe(asOf);
    for (const m of r.readout.overall.metrics.filter((x) => x.readout)) expectClose(oracle.overall[m.name], m.readout, 1e-9, m.name);
    expect(r.readout.health.checks.find((c) => c.id === 'exposures_after_range')!.count).toBeGreaterThan(0);
  });
});
