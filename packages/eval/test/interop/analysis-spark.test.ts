// The Spark SQL that `--engine spark` emits, run on a real Spark in local mode (pyspark from the venv), gives
// DuckDB's sufficient statistics on the same files; `--from-stats` reads the saved table into the same readout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyzeStatsFile,
  compileAnalysis,
  createDuckDbEngine,
  parseMetricsFile,
  parseSource,
  runAnalysis,
  sparkDialect,
  type AnalysisStats,
} from '../../src/sql/index';
import { expectClose } from '../support/expect-close';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../support/experiment-data';

const here = path.dirname(fileURLToPath(import.meta.url));

function keyed(stats: AnalysisStats): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const s of stats.slices) for (const [arm, byDay] of s.arms) for (const [day, v] of byDay) out.set(`stats|${s.slice}|${s.level}|${arm}|${day}`, v);
  for (const h of stats.health) out.set(`health|${h.check}|${h.level}|${h.arm}`, h.count);
  for (const d of stats.days) out.set(`days|${d.day}`, d);
  return out;
}

describe('Spark SQL on a real Spark (local mode) = DuckDB', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'abt-analysis-spark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same statistics (1e-12), health counts and days; --from-stats gives the same readout', async () => {
    const data = generateExperiment(31, 1_500, { lift: 0.1 });
    const files = writeExperiment(path.join(dir, 'logs'), data);
    const spec = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
    const sources = { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) };
    const sqlFile = path.join(dir, 'stats.sql');
    writeFileSync(sqlFile, compileAnalysis(spec, sources, sparkDialect).sql);
    const r = spawnSync(process.env.ABT_PYTHON!, [path.join(here, 'spark_stats.py'), sqlFile, path.join(dir, 'stats.parquet')], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`spark_stats.py failed (${r.status}): ${r.stderr.slice(-4000)}`);
    const engine = await createDuckDbEngine();
    try {
      const duck = await runAnalysis(spec, sources, engine);
      const spark = await analyzeStatsFile(spec, path.join(dir, 'stats.parquet', '*.parquet'), engine);
      const a = keyed(duck.stats);
      const b = keyed(spark.stats);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [k, v] of a) expectClose(v, b.get(k), 1e-12, k);
      expectClose(duck.readout, spark.readout, 1e-12, 'readout');
    } finally {
      await engine.close();
    }
  }, 600_000);
});
