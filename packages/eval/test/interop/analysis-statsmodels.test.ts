// The warehouse analysis against an independent computation (pandas per unit, scipy / statsmodels tests) on
// generated logs with a planted lift, a covariate that predicts the outcome and a ratio metric.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDuckDbEngine, parseMetricsFile, parseSource, runAnalysis } from '../../src/sql/index';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../support/experiment-data';

const here = path.dirname(fileURLToPath(import.meta.url));
const close = (actual: number, expected: number, what: string, tol = 1e-9) =>
  expect(Math.abs(actual - expected), `${what}: abt ${actual} vs reference ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

describe('analysis readout = pandas + scipy/statsmodels on the raw logs (1e-9)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  for (const [seed, units, lift] of [
    [3, 4_000, 0.12],
    [8, 1_200, 0.0],
  ] as const) {
    it(`seed ${seed}, ${units} units, planted lift ${lift}`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'abt-analysis-ref-'));
      dirs.push(dir);
      const data = generateExperiment(seed, units, { lift });
      const files = writeExperiment(dir, data);
      const spec = parseMetricsFile(METRICS_YAML.replace('dimensions: [country]\n', ''), { file: 'metrics.yaml' });
      const engine = await createDuckDbEngine();
      const { readout } = await runAnalysis(
        spec,
        { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) },
        engine,
      );
      await engine.close();
      const r = spawnSync(process.env.ABT_PYTHON!, [path.join(here, 'analysis_reference.py')], {
        input: JSON.stringify({ spec, exposures: [files.exposures], events: files.events }),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (r.status !== 0) throw new Error(`analysis_reference.py failed: ${r.stderr}`);
      const ref = JSON.parse(r.stdout);
      expect(readout.overall.units).toEqual(ref.units);
      close(readout.primary.srm.pValue, ref.srm_p, 'srm p');
      for (const m of readout.overall.metrics.filter((x) => x.readout)) {
        const a = m.readout!;
        const b = ref.metrics[m.name];
        expect([a.usersA, a.usersB], m.name).toEqual(b.n);
        close(a.rateA, b.rate[0], `${m.name} rate A`);
        close(a.rateB, b.rate[1], `${m.name} rate B`);
        close(a.pValue, b.p, `${m.name} p`);
        close(a.liftAbsCi[0], b.lo, `${m.name} CI low`);
        close(a.liftAbsCi[1], b.hi, `${m.name} CI high`);
        if (b.chance !== undefined) close(a.bayes.chanceToBeatControl, b.chance, `${m.name} chance to beat control`);
        if (b.cuped) {
          close(a.cuped!.theta, b.cuped.theta, `${m.name} CUPED theta`);
          close(a.cuped!.pValue, b.cuped.p, `${m.name} CUPED p`);
          close(a.cuped!.varianceReduction, b.cuped.reduction, `${m.name} CUPED variance reduction`);
        }
      }
      if (lift > 0) expect(readout.primary.pValue).toBeLessThan(0.05);
    }, 300_000);
  }
});
