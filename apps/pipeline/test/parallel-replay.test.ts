import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../src/errors';
import { startScoreWorker } from '../src/simulate/score-worker';
import { CLI, runCliBothWays, tempDir } from './helpers';

// The replay's helper thread (simulate/score-worker.ts) starts only from the built bundle, so this runs
// the built CLI twice on a synthetic set large enough for it (168k candidate rows, ten batches): with
// the helper and with ABT_PIPELINE_THREADS=1 (every batch on the main thread). The logs must be the
// same bytes and the readout the same JSON but for its timing and thread count.
const ARGS = ['--steps', 'prepare,train,register,router,simulate', '--dataset', 'synthetic', '--synthetic-ratings', '20000', '--json'];

type Readout = { replay: { seconds: number; threads: number; rows: number } };

function outputs(dir: string): { logs: Record<string, Buffer>; readout: Readout } {
  const logs: Record<string, Buffer> = {};
  for (const f of readdirSync(path.join(dir, 'online'))) logs[f] = readFileSync(path.join(dir, 'online', f));
  return { logs, readout: JSON.parse(readFileSync(path.join(dir, 'results', 'online.json'), 'utf8')) as Readout };
}

describe.skipIf(!existsSync(CLI))('the replay scored on two threads (built CLI)', () => {
  it('gives the same logs and readout as the main thread alone', () => {
    const { threaded, sequential, a, b } = runCliBothWays(ARGS, 'replay');
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const x = outputs(threaded);
    const y = outputs(sequential);
    expect([x.readout.replay.threads, y.readout.replay.threads]).toEqual([2, 1]);
    expect(x.readout.replay.rows).toBeGreaterThan(100_000);
    expect(Object.keys(x.logs).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(x.logs)).toEqual(Object.keys(y.logs));
    for (const k of Object.keys(x.logs)) expect(x.logs[k]!.equals(y.logs[k]!), k).toBe(true);
    const untimed = (r: Readout) => ({ ...r, replay: { ...r.replay, seconds: 0, threads: 0 } });
    expect(untimed(x.readout)).toEqual(untimed(y.readout));
  }, 300_000);
});

describe('the replay scoring worker', () => {
  const rows = { length: 1, userId: new Float64Array(1), movieId: new Float64Array(1), timestamp: new Float64Array(1), label: new Int8Array(1) };
  const source = { trackingUri: 'sqlite:///nowhere.db', out: '/nowhere', routerUri: 'models:/r@router', versions: {} };

  function standIn(body: string): URL {
    // stand-in workers (the real one needs the bundle's own code; under vitest a worker cannot load it)
    const file = path.join(tempDir('score-worker'), 'worker.mjs');
    writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
    return pathToFileURL(file);
  }

  it("a batch that fails in the worker fails with the worker's message and its stack as the cause", async () => {
    const url = standIn(
      "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, type: 'error', message: 'could not load policy', stack: 'Error: could not load policy\\n    at load (x.js:1:1)' }));",
    );
    const scorer = startScoreWorker(url, source);
    try {
      const error = await scorer.score(rows).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(PipelineError.isInstance(error) && error.kind).toBe('other');
      expect(error!.message).toBe('scoring replay batches in a worker thread failed: could not load policy');
      expect((error!.cause as Error).stack).toBe('Error: could not load policy\n    at load (x.js:1:1)');
    } finally {
      await scorer.close();
    }
  });

  it('a worker that exits fails the batch in flight and every later one', async () => {
    const scorer = startScoreWorker(standIn("parentPort.on('message', () => process.exit(3));"), source);
    try {
      await expect(scorer.score(rows)).rejects.toThrow('the worker thread scoring replay batches exited with code 3');
      await expect(scorer.score(rows)).rejects.toThrow('exited with code 3');
    } finally {
      await scorer.close();
    }
  });
});
