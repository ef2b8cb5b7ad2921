import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appDir, tempDir } from './helpers';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../../../packages/eval/test/support/experiment-data';

const ANALYZE = path.join(appDir, 'dist', 'analyze.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [ANALYZE, ...args], { encoding: 'utf8', env: { ...process.env, MLFLOW_TRACKING_URI: '', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('abt-analyze (built CLI)', () => {
  const dir = tempDir('analyze-cli');
  const files = writeExperiment(path.join(dir, 'logs'), generateExperiment(5, 600, { lift: 0.2 }));
  const metrics = path.join(dir, 'metrics.yaml');
  writeFileSync(metrics, METRICS_YAML);
  const base = ['--exposures', files.exposures, '--events', files.events, '--metrics', metrics];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every flag with the exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--exposures',
      '--events',
      '--metrics',
      '--engine',
      '--connection',
      '--as-of',
      '--show-sql',
      '--json',
      '--tracking-uri',
      '--from-stats',
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 2 usage/);
  });

  it('prints the summary, writes analysis.json, report.html, charts and the AB_Online run', () => {
    const out = path.join(dir, 'out');
    const r = run([...base, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^experiment exp1: control \d[\d,]* units, treatment/);
    expect(r.stdout).toMatch(/health:\n {2}ok {3}sample ratio/);
    expect(r.stdout).toMatch(/WARN \d+ units were exposed to both arms: left out/);
    expect(r.stdout).toMatch(/\* click-through rate: .* p = /);
    expect(r.stdout).toMatch(/verdict: /);
    const json = JSON.parse(readFileSync(path.join(out, 'analysis.json'), 'utf8'));
    expect(json.format).toBe('abt-analysis-readout');
    expect(json.trackingMetrics).toHaveProperty('lift_rel');
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('data-chart="online_ab_cumulative_lift"');
  });

  it('--json prints only JSON on stdout; --as-of cuts the timeline at that day', () => {
    const r = run([...base, '--out', path.join(dir, 'out-json'), '--json', '--as-of', '2024-03-04']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe('2024-03-04');
    expect(json.readout.timeline.at(-1).day).toBe('2024-03-04');
  });

  it('--show-sql prints the query for each engine; --engine spark prints the Spark SQL and how to read it back', () => {
    const duck = run([...base, '--show-sql']);
    expect(duck.code).toBe(0);
    expect(duck.stdout).toMatch(/^-- abt analysis \(duckdb\)/);
    expect(duck.stdout).toContain('read_json(');
    const pg = run([
      '--exposures',
      'table:ab.exposures',
      '--events',
      'sql:SELECT * FROM ab.events',
      '--metrics',
      metrics,
      '--engine',
      'postgres',
      '--show-sql',
    ]);
    expect(pg.code).toBe(0);
    expect(pg.stdout).toMatch(/^-- abt analysis \(postgres\)/);
    expect(pg.stdout).toContain('FROM "ab"."exposures" AS src');
    const spark = run([...base, '--engine', 'spark']);
    expect(spark.code).toBe(0);
    expect(spark.stdout).toMatch(/^-- abt analysis \(spark\)/);
    expect(spark.stdout).toContain('FROM json.`');
    expect(spark.stderr).toMatch(/--from-stats/);
  });

  it('errors: bad metrics file → 2 with file:line: key; missing files → 3; bad flags → 2', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, METRICS_YAML.replace('type: binomial', 'type: binary'));
    const r = run([...base.slice(0, 4), '--metrics', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`abt-analyze: usage error: ${bad}:16: metrics[1].type: must be one of`);
    const missing = run(['--exposures', path.join(dir, 'nope', '*.ndjson'), '--events', files.events, '--metrics', metrics]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/--exposures: no file matches .*nope/);
    expect(run([...base, '--engine', 'oracle']).code).toBe(2);
    expect(run([...base, '--as-of', '2024/03/01']).stderr).toMatch(/--as-of 2024\/03\/01: expected a date YYYY-MM-DD/);
    expect(run([...base, 'extra']).stderr).toMatch(/usage error: too many arguments/);
    expect(run(['--metrics', metrics]).stderr).toMatch(/--exposures is required/);
    expect(run([...base, '--engine', 'postgres']).stderr).toMatch(/the postgres engine needs --connection/);
    expect(run(['--metrics', metrics, '--from-stats', 'x.parquet', '--as-of', '2024-03-01']).code).toBe(2);
  });
});
