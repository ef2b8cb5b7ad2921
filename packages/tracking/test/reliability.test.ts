import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, openMlflowDatabase } from '@abt/tracking';
import { bundlePackage, cleanupChildren, spawnScript, waitForOutput } from './support/child';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'abt-reliability-'));
  await bundlePackage();
}, 60_000);
afterAll(() => {
  cleanupChildren();
  rmSync(dir, { recursive: true, force: true });
});

const LOGGER = `
const [db, runId, tag, n, startAt] = process.argv.slice(2);
const store = new abt.SqliteStore('sqlite:///' + db, { busyTimeoutMs: 60000 });
// Both children start writing at the same agreed instant, so their batches interleave.
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const first = Date.now();
for (let i = 0; i < Number(n); i++) {
  await store.logBatch(runId, {
    metrics: Array.from({ length: 20 }, (_, j) => ({ key: tag + '_m' + j, value: i, timestamp: 1700000000000 + i, step: i })),
    params: i === 0 ? [{ key: tag + '_param', value: tag }] : [],
    tags: [{ key: tag + '_last', value: String(i) }],
  });
}
await store.close();
console.log('WINDOW ' + first + ' ' + Date.now());
`;

describe('SQLite reliability', () => {
  it('two processes logging to the same run at once lose nothing', async () => {
    const db = join(dir, 'concurrent.db');
    const store = new SqliteStore(`sqlite:///${db}`, { artifactRoot: join(dir, 'mlruns') });
    const expId = await store.createExperiment('concurrency');
    const run = await store.createRun({ experimentId: expId, runName: 'shared', tags: [] });
    const n = 300;
    const startAt = String(Date.now() + 1500);
    const a = await spawnScript(LOGGER, [db, run.info.runId, 'a', String(n), startAt]);
    const b = await spawnScript(LOGGER, [db, run.info.runId, 'b', String(n), startAt]);
    const [ea, eb] = await Promise.all([a.exit, b.exit]);
    expect(ea.code, a.output()).toBe(0);
    expect(eb.code, b.output()).toBe(0);
    // The two writing windows overlap: the processes really did log at the same time.
    const [a0, a1] = a
      .output()
      .match(/WINDOW (\d+) (\d+)/)!
      .slice(1)
      .map(Number);
    const [b0, b1] = b
      .output()
      .match(/WINDOW (\d+) (\d+)/)!
      .slice(1)
      .map(Number);
    expect(Math.min(a1!, b1!)).toBeGreaterThan(Math.max(a0!, b0!));
    const got = await store.getRun(run.info.runId);
    for (const tag of ['a', 'b']) {
      expect(got.data.params[`${tag}_param`]).toBe(tag);
      expect(got.data.tags[`${tag}_last`]).toBe(String(n - 1));
      for (let j = 0; j < 20; j++) {
        expect(got.data.metrics[`${tag}_m${j}`]).toBe(n - 1);
        expect((await store.getMetricHistory(run.info.runId, `${tag}_m${j}`)).length).toBe(n);
      }
    }
    await store.close();
  }, 120_000);

  it('a process killed mid-run leaves a readable database and a run that can be marked FAILED', async () => {
    const db = join(dir, 'killed.db');
    const child = await spawnScript(
      `
      const store = new abt.SqliteStore('sqlite:///' + process.argv[2], { artifactRoot: process.argv[3] });
      const exp = await store.createExperiment('killed');
      const run = await store.createRun({ experimentId: exp, runName: 'doomed', tags: [] });
      console.log('RUN ' + run.info.runId);
      for (let i = 0; ; i++) {
        await store.logBatch(run.info.runId, { metrics: Array.from({ length: 200 }, (_, j) => ({ key: 'm' + j, value: i, timestamp: i, step: i })) });
        if (i === 5) console.log('LOGGING');
      }
    `,
      [db, join(dir, 'killed-art')],
    );
    const [, runId] = await waitForOutput(child.output, /RUN ([0-9a-f]{32})/);
    await waitForOutput(child.output, /LOGGING/);
    child.child.kill('SIGKILL');
    expect((await child.exit).signal).toBe('SIGKILL');
    const store = new SqliteStore(`sqlite:///${db}`);
    const run = await store.getRun(runId!);
    expect(run.info.status).toBe('RUNNING');
    const steps = (await store.getMetricHistory(runId!, 'm0')).length;
    expect(steps).toBeGreaterThan(5);
    // Every committed batch is whole: all 200 keys have the same number of points.
    expect((await store.getMetricHistory(runId!, 'm199')).length).toBe(steps);
    expect(openMlflowDatabase(db).get<{ r: string }>('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    const info = await store.updateRunInfo(runId!, { status: 'FAILED', endTime: Date.now() });
    expect(info.status).toBe('FAILED');
    await store.close();
  }, 60_000);

  it('withRun marks the run FAILED on SIGINT and the process still stops', async () => {
    const db = join(dir, 'sigint.db');
    const child = await spawnScript(
      `
      const client = new abt.TrackingClient(new abt.SqliteStore('sqlite:///' + process.argv[2], { artifactRoot: process.argv[3] }));
      const exp = await client.getOrCreateExperiment('sigint');
      await abt.withRun(client, { experimentId: exp.experimentId, runName: 'interrupted' }, async (run) => {
        console.log('RUN ' + run.runId);
        await new Promise((r) => setTimeout(r, 60000));
      });
    `,
      [db, join(dir, 'sigint-art')],
    );
    const [, runId] = await waitForOutput(child.output, /RUN ([0-9a-f]{32})/);
    child.child.kill('SIGINT');
    const exit = await child.exit;
    expect(exit.signal ?? exit.code).toBe('SIGINT');
    const store = new SqliteStore(`sqlite:///${db}`);
    const run = await store.getRun(runId!);
    expect(run.info.status).toBe('FAILED');
    expect(run.info.endTime).not.toBeNull();
    await store.close();
  }, 60_000);

  it('artifacts go through a temp name and a rename: a failed write leaves neither a partial file nor a temp file', async () => {
    const store = new SqliteStore(`sqlite:///${join(dir, 'art.db')}`, { artifactRoot: join(dir, 'art-root') });
    const run = await store.createRun({ experimentId: await store.createExperiment('art'), tags: [] });
    const repo = store.artifactRepository(run.info.artifactUri);
    await repo.logBytes(new Uint8Array(4 * 1024 * 1024).fill(7), 'big.bin');
    await repo.logBytes('keep', 'blocker/inner.txt');
    // The rename onto an existing directory fails after the bytes were written to the temp name.
    await expect(repo.logBytes('x', 'blocker')).rejects.toThrow();
    // Copying a directory as if it were a file fails while writing the temp file.
    await expect(repo.logArtifact(join(dir, 'art-root'), 'copies')).rejects.toThrow();
    const root = run.info.artifactUri;
    expect(readdirSync(root).sort()).toEqual(['big.bin', 'blocker', 'copies']);
    expect(readdirSync(join(root, 'blocker'))).toEqual(['inner.txt']);
    expect(readdirSync(join(root, 'copies'))).toEqual([]);
    expect(existsSync(join(root, 'big.bin'))).toBe(true);
    expect((await repo.readArtifact('big.bin')).length).toBe(4 * 1024 * 1024);
    await store.close();
  });
});
