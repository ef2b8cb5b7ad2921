import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOptions, type PipelineOptions } from '../src/options';
import type { Reporter } from '../src/progress';
import { planRun } from '../src/plan';
import { runStages } from '../src/runner';
import { allStages } from '../src/stages/index';
import { simulateStage } from '../src/stages/simulate';
import { parseAnalyzeArgs } from '../src/analyze/options';
import { runAnalyze, type AnalyzeResult } from '../src/analyze/run-analyze';
import { ML100K, tempDir } from './helpers';

const quiet: Reporter = { stageStart() {}, stageEnd() {}, info() {}, warn() {}, bar: () => ({ tick() {}, update() {}, setTotal() {}, done() {} }) };

/** Numbers equal to `tol` (relative above 1, absolute below); NaN/null as the simulate stage's JSON writes them. */
function close(a: unknown, b: unknown, tol: number, where: string): void {
  if (typeof a === 'number' || typeof b === 'number' || a === null || b === null) {
    const x = a === null ? Number.NaN : (a as number);
    const y = b === null ? Number.NaN : (b as number);
    if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x)) return void expect(y, where).toBe(x);
    expect(Math.abs(x - y) / Math.max(1, Math.abs(x)), `${where}: ${x} vs ${y}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (a && typeof a === 'object') {
    expect(Object.keys(b as object).sort(), where).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${where}.${k}`);
    return;
  }
  expect(b, where).toEqual(a);
}
const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? undefined : x))) as unknown;

/** The v2 exposure log rewritten as v1 lines (time, experiment, userId, arm, modelVersion, inExperiment), rotated over 3 files. */
function asV1Rotated(v2File: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const lines = readFileSync(v2File, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({
        time: o.time,
        experiment: o.experiment,
        userId: o.userId,
        arm: o.arm,
        modelVersion: o.modelVersion,
        inExperiment: o.inExperiment,
      });
    });
  const n = Math.ceil(lines.length / 3);
  ['exposures.ndjson.2', 'exposures.ndjson.1', 'exposures.ndjson'].forEach((f, i) =>
    writeFileSync(
      path.join(dir, f),
      lines
        .slice(i * n, (i + 1) * n)
        .map((l) => `${l}\n`)
        .join(''),
    ),
  );
  return path.join(dir, 'exposures.ndjson*');
}

// The replay's exposures and outcomes, written by the simulate stage, analysed by `analyze` (DuckDB, files in
// place): every number of the simulate stage's readout comes back.
describe.skipIf(!existsSync(ML100K))('analyze reproduces the simulate stage on its own replay (ml-100k)', () => {
  const out = tempDir('analyze-replay');
  let sim: Record<string, any>;
  const results: Record<string, Extract<AnalyzeResult, { kind: 'readout' }>> = {};
  beforeAll(async () => {
    const options: PipelineOptions = { ...defaultOptions(), data: ML100K, out, steps: ['prepare', 'train', 'register', 'router', 'simulate'], quiet: true };
    await runStages(planRun(options), new Map([...allStages(), ['simulate', simulateStage]]), { out, report: quiet, signal: new AbortController().signal });
    sim = JSON.parse(readFileSync(path.join(out, 'results', 'online.json'), 'utf8'));
    const online = path.join(out, 'online');
    for (const [name, exposures] of [
      ['v2', path.join(online, 'exposures.ndjson*')],
      ['v1', asV1Rotated(path.join(online, 'exposures.ndjson'), path.join(out, 'v1'))],
    ] as const) {
      const argv = [
        '--exposures',
        exposures,
        '--events',
        path.join(online, 'events.ndjson'),
        '--metrics',
        path.join(online, 'metrics.yaml'),
        '--out',
        path.join(out, `analysis-${name}`),
        '--tracking-uri',
        `sqlite:///${path.join(out, 'mlflow.db')}`,
      ];
      results[name] = (await runAnalyze(parseAnalyzeArgs(argv), { reporter: quiet })) as Extract<AnalyzeResult, { kind: 'readout' }>;
    }
  }, 900_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('the primary and secondary readouts (every field), v2 and rotated v1 logs alike', () => {
    for (const r of Object.values(results)) {
      const byName = Object.fromEntries(r.readout.overall.metrics.map((m) => [m.name, m]));
      close(sim.primary, plain(r.readout.primary), 1e-12, 'primary');
      expect(r.readout.primary.verdict).toBe(sim.primary.verdict);
      for (const name of Object.keys(sim.secondary)) close(sim.secondary[name], plain(byName[name]!.readout), 1e-12, name);
      expect(Object.keys(sim.secondary).sort()).toEqual(['converted_users', 'hit_rate', 'ndcg']);
      close(sim.cupedVarianceReduction, r.readout.primary.cuped!.varianceReduction, 1e-12, 'cupedVarianceReduction');
      close(sim.replay.coldStartShare, r.readout.health.coldStartShare, 1e-12, 'coldStartShare');
      expect(r.readout.health.checks.find((c) => c.id === 'exposures_not_in_experiment')!.count).toBe(
        sim.replay.events - sim.arms.reduce((s: number, a: { sessions: number }) => s + a.sessions, 0),
      );
    }
  });

  it('the per-arm figures and the timeline (one look per day, the same labels)', () => {
    const r = results.v2!.readout;
    const fig = (name: string, arm: 0 | 1) => r.overall.metrics.find((m) => m.name === name)!.arms[arm];
    sim.arms.forEach((a: Record<string, number>, i: 0 | 1) => {
      expect(r.overall.units[i]).toBe(a.users);
      expect(fig('sessions', i).total).toBe(a.sessions);
      expect(fig('shown', i).total).toBe(a.shown);
      expect(fig('conversions', i).total).toBe(a.conversions);
      expect(fig('converted_users', i).total).toBe(a.convertedUsers);
      close(a.conversionRate, fig('conversion_rate', i).value, 1e-12, 'conversionRate');
      close(a.hitRate, fig('hit_rate', i).value, 1e-12, 'hitRate');
      close(a.ndcg, fig('ndcg', i).value, 1e-12, 'ndcg');
    });
    expect(r.timeline.map((d) => d.day)).toEqual(sim.timelineLabels);
    expect(r.timeline.map((d) => d.units)).toEqual(sim.checkpoints.map((c: { arms: { users: number }[] }) => c.arms.map((a) => a.users)));
  });

  it('AB_Online has AB_Online_Sim’s metric keys and values, and its per-day history', () => {
    const db = new Database(path.join(out, 'mlflow.db'), { readonly: true });
    const simRun = (db.prepare("SELECT run_uuid FROM runs WHERE name = 'AB_Online_Sim'").get() as { run_uuid: string }).run_uuid;
    const onlineRun = results.v1!.runId;
    const metrics = (runId: string) =>
      Object.fromEntries(
        (db.prepare('SELECT key, value FROM latest_metrics WHERE run_uuid = ?').all(runId) as { key: string; value: number }[]).map((m) => [m.key, m.value]),
      );
    const simMetrics = metrics(simRun);
    const online = metrics(onlineRun);
    // The replay's own facts (its duration, total sessions) have no counterpart in logged data.
    const replayOnly = new Set(['replay_seconds', 'sessions']);
    for (const [k, v] of Object.entries(simMetrics)) {
      if (replayOnly.has(k)) continue;
      expect(online, k).toHaveProperty(k);
      close(v, online[k], 1e-9, k);
    }
    const history = (runId: string, key: string) =>
      db.prepare('SELECT step, value, timestamp FROM metrics WHERE run_uuid = ? AND key = ? ORDER BY step').all(runId, key) as {
        step: number;
        value: number;
        timestamp: number;
      }[];
    for (const key of ['cum_users_PolicyA', 'cum_share_PolicyB', 'cum_conversion_rate_PolicyA', 'cum_lift_abs', 'seq_p_value', 'seq_boundary']) {
      const a = history(simRun, key);
      const b = history(onlineRun, key);
      expect(b.length, key).toBe(a.length);
      a.forEach((p, i) => {
        expect(b[i]!.step, key).toBe(p.step);
        expect(b[i]!.timestamp, key).toBe(p.timestamp);
        close(p.value, b[i]!.value, 1e-9, `${key}@${p.step}`);
      });
    }
    db.close();
    expect(
      readdirSync(path.join(out, 'analysis-v2', 'charts'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['ab_assignment_share.png', 'ab_cumulative_lift.png', 'ab_metric_by_arm.png']);
  });
});
