import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/messages';
import { LOCK_FILE } from '../src/out-lock';
import { runCli, runCliAndSignal, tempDir } from './helpers';

// One invocation = one parent MLflow run with the stage runs nested under it; the output directory is
// locked; runs a killed invocation left RUNNING are closed by the next one; Ctrl-C says what it does.
const SYNTH = ['--dataset', 'synthetic', '--synthetic-ratings', '20000'];

type RunRow = { run_uuid: string; name: string; status: string; start_time: number; end_time: number | null };
function runs(out: string): (RunRow & { parent?: string })[] {
  const db = new Database(path.join(out, 'mlflow.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT run_uuid, name, status, start_time, end_time FROM runs ORDER BY start_time, name').all() as RunRow[];
    const parent = db.prepare("SELECT value FROM tags WHERE run_uuid = ? AND key = 'mlflow.parentRunId'");
    return rows.map((r) => ({ ...r, parent: (parent.get(r.run_uuid) as { value: string } | undefined)?.value }));
  } finally {
    db.close();
  }
}

describe('one invocation, one parent run, one lock (built CLI)', () => {
  it('nests every stage run under the invocation’s parent run, with durations that cover the work', () => {
    const out = tempDir('nested');
    const r = runCli([...SYNTH, '--steps', 'prepare,train,eval', '--out', out]);
    expect(r.code).toBe(0);
    const all = runs(out);
    const parents = all.filter((x) => x.parent === undefined);
    expect(parents.map((p) => p.name)).toHaveLength(1);
    expect(parents[0]!.name).toMatch(/^abt-pipeline \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const children = all.filter((x) => x.parent === parents[0]!.run_uuid);
    expect(children.map((c) => c.name).sort()).toEqual(['Eval_Offline_AB', 'PolicyA_LogReg', 'PolicyB_LightGBM', 'Prepare_Data']);
    expect(all.every((x) => x.status === 'FINISHED')).toBe(true);
    const db = new Database(path.join(out, 'mlflow.db'), { readonly: true });
    const trainSeconds = (
      db
        .prepare("SELECT m.value FROM latest_metrics m JOIN runs r ON r.run_uuid = m.run_uuid WHERE r.name = 'PolicyB_LightGBM' AND m.key = 'train_seconds'")
        .get() as { value: number }
    ).value;
    db.close();
    const b = all.find((x) => x.name === 'PolicyB_LightGBM')!;
    expect(b.end_time! - b.start_time).toBeGreaterThanOrEqual(trainSeconds * 1000 * 0.95);
    expect(parents[0]!.end_time! - parents[0]!.start_time).toBeGreaterThanOrEqual(b.end_time! - b.start_time);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('refuses a second invocation on the same --out while the first is alive, and takes over a dead one’s lock', () => {
    const out = tempDir('locked');
    mkdirSync(out, { recursive: true });
    const lock = path.join(out, LOCK_FILE);
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), invocation: 'x', startedAt: '2026-01-01T00:00:00.000Z', argv: ['--steps', 'train'] }),
    );
    const refused = runCli([...SYNTH, '--steps', 'prepare', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(messages.outLocked(out, process.pid, '2026-01-01T00:00:00.000Z', '--steps train'));
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), invocation: 'y', startedAt: '2026-01-01T00:00:00.000Z', argv: [] }));
    const taken = runCli([...SYNTH, '--steps', 'prepare', '--out', out]);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(messages.staleLock(2 ** 22 + 12345, '2026-01-01T00:00:00.000Z'));
    expect(existsSync(lock)).toBe(false);
  });

  it('after kill -9, the next invocation closes the runs left RUNNING as KILLED and says so', async () => {
    const out = tempDir('killed');
    const killed = await runCliAndSignal([...SYNTH, '--steps', 'prepare,train', '--out', out], /▶ train/, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const left = runs(out).filter((x) => x.status === 'RUNNING');
    expect(left.length).toBeGreaterThan(0);
    const next = runCli([...SYNTH, '--steps', 'prepare', '--out', out]);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`took over the lock of an earlier invocation that did not finish (process ${killed.pid},`);
    expect(next.stderr).toContain(messages.staleRuns(left.map((x) => x.name)).split(':')[0]);
    const after = runs(out);
    for (const l of left) expect(after.find((x) => x.run_uuid === l.run_uuid)!.status).toBe('KILLED');
    expect(after.filter((x) => x.status === 'RUNNING')).toEqual([]);
  }, 120_000);

  it('Ctrl-C says what it stops and what it keeps, marks the open runs FAILED and exits 130', async () => {
    const out = tempDir('ctrl-c');
    const r = await runCliAndSignal([...SYNTH, '--synthetic-ratings', '60000', '--steps', 'prepare,train', '--out', out], /▶ train/);
    expect(r.stderr).toContain("Ctrl-C: stopping 'train: Policy A (logistic regression) and Policy B (GBDT)'. Kept: prepare");
    expect(r.code).toBe(130);
    const all = runs(out);
    expect(all.find((x) => x.parent === undefined && x.name.startsWith('abt-pipeline'))!.status).toBe('FAILED');
    expect(all.filter((x) => x.status === 'RUNNING')).toEqual([]);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  }, 120_000);
});
