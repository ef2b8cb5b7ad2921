import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDuckDbEngine,
  createPostgresEngine,
  parseMetricsFile,
  parseSource,
  runAnalysis,
  sqlMessages,
  SqlEngineError,
  AnalysisSourceError,
  type AnalysisRun,
} from '../../src/sql/index';
import { expectClose } from '../support/expect-close';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../support/experiment-data';
import { loadIntoPostgres } from '../support/load-postgres';
import { postgresAvailable, startPostgres, type PostgresServer } from '../support/postgres-server';

/** Stats rows keyed by (section, slice, level, arm, day), for comparing engines. */
function keyed(run: AnalysisRun): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const s of run.stats.slices) for (const [arm, byDay] of s.arms) for (const [day, v] of byDay) out.set(`stats|${s.slice}|${s.level}|${arm}|${day}`, v);
  for (const h of run.stats.health) out.set(`health|${h.check}|${h.level}|${h.arm}`, { count: h.count });
  for (const d of run.stats.days) out.set(`days|${d.day}`, d);
  return out;
}

describe.skipIf(!postgresAvailable() && !process.env.CI)('PostgreSQL (a real server) gives the same sufficient statistics as DuckDB', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'abt-analysis-pg-'));
  const data = generateExperiment(23, 1_500, { lift: 0.1 });
  const files = writeExperiment(dir, data);
  const spec = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
  let server: PostgresServer;
  let duck: AnalysisRun;
  beforeAll(async () => {
    server = await startPostgres();
    await loadIntoPostgres(server.url, data.exposures, data.events, 'analytics');
    const engine = await createDuckDbEngine();
    duck = await runAnalysis(spec, { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) }, engine);
    await engine.close();
  }, 120_000);
  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every statistic, health count and day to 1e-12; the readouts agree', async () => {
    const engine = await createPostgresEngine({ connection: server.url });
    try {
      const run = await runAnalysis(
        spec,
        { exposures: parseSource('exposures', 'table:analytics.exposures'), events: parseSource('events', 'sql:SELECT * FROM analytics.events') },
        engine,
      );
      const a = keyed(duck);
      const b = keyed(run);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [k, v] of a) expectClose(v, b.get(k), 1e-12, k);
      expectClose(duck.readout, run.readout, 1e-12, 'readout');
    } finally {
      await engine.close();
    }
  });

  it('names what is wrong: files with postgres, a missing table, a bad URL, an unreachable server', async () => {
    const engine = await createPostgresEngine({ connection: server.url });
    try {
      await expect(
        runAnalysis(spec, { exposures: parseSource('exposures', files.exposures), events: parseSource('events', 'table:analytics.events') }, engine),
      ).rejects.toThrowError(sqlMessages.engineCannotReadFiles('postgres', 'exposures', 'ndjson'));
      const err = await runAnalysis(
        spec,
        { exposures: parseSource('exposures', 'table:analytics.nope'), events: parseSource('events', 'table:analytics.events') },
        engine,
      ).catch((e: unknown) => e);
      expect(SqlEngineError.isInstance(err)).toBe(true);
      expect(AnalysisSourceError.isInstance(err)).toBe(false);
      expect((err as Error).message).toMatch(/relation "analytics.nope" does not exist/);
    } finally {
      await engine.close();
    }
    await expect(createPostgresEngine({ connection: 'mysql://x' })).rejects.toThrowError(sqlMessages.badConnection('mysql://x'));
    const down = await createPostgresEngine({ connection: 'postgres://postgres:secret@127.0.0.1:1/db' }).catch((e: unknown) => e);
    expect(SqlEngineError.isInstance(down)).toBe(true);
    expect((down as Error).message).toContain('postgres://postgres:***@127.0.0.1:1/db');
    expect((down as Error).message).not.toContain('secret');
  });
});
