// The served experiment loop end to end over HTTP (issue 15, "Prove it"): MovieLens 100K's test
// period replayed by this process (the load generator) as /predict requests and /feedback ratings
// at their timestamps, against `router-demo serve` replicas in their own processes sharing a real
// redis-server. Policy B's served scores must equal the batch online protocol's (and, with feedback
// off, the frozen protocol's); exposure lines must equal responses and events-log lines the
// accepted events; a replica killed with SIGKILL and Redis restarted mid-replay lose nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rocAuc } from '@abt/eval';
import { readExposureLog } from '@abt/router';
import { type RedisServer, startRedisServer } from '@abt/router/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers/build-cli';
import { buildLoopSetup, type LoopSetup } from './helpers/ml100k-loop';

let cli: string;
let setup: LoopSetup;
let redis: RedisServer;
const procs: ChildProcess[] = [];
beforeAll(async () => {
  [cli, setup, redis] = await Promise.all([buildCli(), buildLoopSetup(), startRedisServer()]);
}, 300_000);
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await redis?.dispose();
  if (cli) rmSync(cli, { force: true });
  if (setup) rmSync(setup.root, { recursive: true, force: true });
});

type Replica = { name: string; address: string; child: ChildProcess; exit: Promise<number | null>; args: string[] };

async function startReplica(name: string, args: string[]): Promise<Replica> {
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--tracking-uri', setup.trackingUri, '--poll-seconds', '0', '--instance-id', name, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MLFLOW_TRACKING_URI: '' },
    },
  );
  procs.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const t0 = Date.now();
  for (;;) {
    const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) return { name, address: m[1] as string, child, exit, args };
    if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`replica ${name} did not start:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(r: Replica): Promise<void> {
  r.child.kill('SIGTERM');
  expect(await r.exit).toBe(0);
}

async function post(address: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${address}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const rating = (t: LoopSetup['test'], i: number, requestId: string | null) => ({
  userId: t.userId[i],
  itemId: t.movieId[i],
  event: 'rating',
  value: t.rating[i],
  time: t.timestamp[i],
  ...(requestId ? { requestId } : {}),
});

/** Feeds the validation period as feedback (it precedes the test period), in batches spread over the replicas. */
async function seedValid(replicas: Replica[]): Promise<number> {
  const v = setup.valid;
  let k = 0;
  for (let start = 0; start < v.length; start += 1000, k++) {
    const events = Array.from({ length: Math.min(1000, v.length - start) }, (_, j) => rating(v, start + j, null));
    const res = await post(replicas[k % replicas.length]!.address, '/feedback', { events });
    expect(res.status).toBe(200);
  }
  return v.length;
}

type Served = { score: number; requestId: string; assigned: string; modelVersion: string; instance: string };

describe('the served loop over HTTP (ml-100k, two replicas sharing Redis)', () => {
  it("Policy B's served scores equal the online protocol's; exposure lines equal responses; events-log lines equal accepted events", async () => {
    const dir = setup.root;
    const logs = (name: string) => ['--events-log', path.join(dir, `events-${name}.ndjson`), '--exposure-log', path.join(dir, `exposures-${name}.ndjson`)];
    const replicas = [
      await startReplica('r1', ['--history', redis.url, '--redis-key', 'loop:clean', ...logs('r1')]),
      await startReplica('r2', ['--history', redis.url, '--redis-key', 'loop:clean', ...logs('r2')]),
    ];
    let accepted = await seedValid(replicas);
    const t = setup.test;
    const served: Served[] = [];
    for (let i = 0; i < t.length; i++) {
      const r = replicas[i % 2]!;
      const requestId = `clean-${i}`;
      const res = await post(r.address, '/predict', { userId: t.userId[i], movieId: t.movieId[i], timestamp: t.timestamp[i] }, { 'x-request-id': requestId });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe(requestId);
      served.push({
        score: res.body.score as number,
        requestId,
        assigned: res.body.assigned as string,
        modelVersion: res.body.modelVersion as string,
        instance: r.name,
      });
      // The rating arrives at the other replica: its next request must see it through Redis.
      const fb = await post(replicas[(i + 1) % 2]!.address, '/feedback', rating(t, i, requestId));
      expect(fb.status).toBe(200);
      accepted++;
    }
    for (const r of replicas) await stop(r);

    const scores = Float64Array.from(served, (s) => s.score);
    const mismatched = served.filter((s, i) => s.score !== setup.online[i]).length;
    expect(mismatched).toBe(0); // features equal the batch protocol's, so scores are bit for bit the same
    const onlineAuc = rocAuc(t.label, setup.online);
    expect(Math.abs(rocAuc(t.label, scores) - onlineAuc)).toBeLessThan(0.002);
    expect(onlineAuc).toBeGreaterThan(rocAuc(t.label, setup.frozen)); // feedback helps, as the issue reports
    console.log(
      `[served loop] Policy B test AUC: served ${rocAuc(t.label, scores).toFixed(4)}, online protocol ${onlineAuc.toFixed(4)}, frozen protocol ${rocAuc(t.label, setup.frozen).toFixed(4)} (${served.length} requests over 2 replicas)`,
    );

    // Exposure lines equal responses: one per /predict, same arm, score, model version and replica.
    const byRequest = new Map<string, Awaited<ReturnType<typeof collect>>[number]>();
    for (const name of ['r1', 'r2']) for (const e of await collect(path.join(dir, `exposures-${name}.ndjson`))) byRequest.set(e.requestId as string, e);
    expect(byRequest.size).toBe(served.length);
    served.forEach((s, i) => {
      const e = byRequest.get(s.requestId)!;
      expect({
        arm: e.arm,
        score: e.items[0]?.score,
        modelVersion: e.modelVersion,
        instance: e.instance,
        userId: e.userId,
        itemId: e.items[0]?.itemId,
        v: e.v,
      }).toEqual({
        arm: s.assigned,
        score: s.score,
        modelVersion: s.modelVersion,
        instance: s.instance,
        userId: t.userId[i],
        itemId: t.movieId[i],
        v: 2,
      });
    });

    // Events-log lines equal accepted events: every accepted rating exactly once across the replicas.
    const lines = ['r1', 'r2'].flatMap((name) =>
      readFileSync(path.join(dir, `events-${name}.ndjson`), 'utf8')
        .trimEnd()
        .split('\n'),
    );
    expect(lines).toHaveLength(accepted);
    const testLines = lines
      .map((l) => JSON.parse(l) as { requestId: string | null; userId: number; itemId: number; value: number })
      .filter((e) => e.requestId?.startsWith('clean-'));
    expect(new Set(testLines.map((e) => e.requestId)).size).toBe(t.length);
    for (const e of testLines) {
      const i = Number(e.requestId!.slice(6));
      expect([e.userId, e.itemId, e.value]).toEqual([t.userId[i], t.movieId[i], t.rating[i]]);
    }
  }, 600_000);

  it("with feedback off, Policy B's served scores equal the frozen protocol's", async () => {
    const r = await startReplica('frozen', ['--history', 'off']);
    const t = setup.test;
    const scores = new Float64Array(t.length);
    for (let start = 0; start < t.length; start += 500) {
      const rows = Array.from({ length: Math.min(500, t.length - start) }, (_, j) => ({
        userId: t.userId[start + j],
        movieId: t.movieId[start + j],
        timestamp: t.timestamp[start + j],
      }));
      const res = await post(r.address, '/bulk_predict', { rows });
      expect(res.status).toBe(200);
      (res.body.predictions as { score: number }[]).forEach((p, j) => (scores[start + j] = p.score));
    }
    expect((await post(r.address, '/feedback', rating(t, 0, null))).status).toBe(404);
    await stop(r);
    expect(scores.filter((s, i) => s !== setup.frozen[i]).length).toBe(0);
    expect(Math.abs(rocAuc(t.label, scores) - rocAuc(t.label, setup.frozen))).toBeLessThan(0.002);
  }, 300_000);
});

describe('faults mid-replay', () => {
  it("SIGKILL of a replica and a Redis restart: nothing accepted is lost, history is rebuilt, served features stay the batch protocol's", async () => {
    const dir = setup.root;
    const args = (name: string) => ['--history', redis.url, '--redis-key', 'loop:faults', '--events-log', path.join(dir, `fault-events-${name}.ndjson`)];
    const replicas = [await startReplica('f1', args('f1')), await startReplica('f2', args('f2'))];
    let accepted = await seedValid(replicas);
    const t = setup.test;
    const n = 2400;
    let up = [true, true];
    let stale = 0;
    let refused = 0;
    const mismatches: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 600) {
        replicas[1]!.child.kill('SIGKILL'); // mid-replay, without warning
        await replicas[1]!.exit;
        up = [true, false];
      }
      if (i === 1000) {
        replicas[1] = await startReplica('f2', args('f2')); // rebuilds its history from Redis
        up = [true, true];
      }
      let downNow = false;
      if (i === 1600) {
        await redis.stop();
        downNow = true;
        // While Redis is down: predictions are served from the history the replica has (reported stale)…
        const p = await post(replicas[0]!.address, '/predict', { userId: t.userId[i], movieId: t.movieId[i], timestamp: t.timestamp[i] });
        expect(p.status).toBe(200);
        expect(p.headers.get('x-history-stale')).toBe('1');
        stale++;
      }
      const target = up[i % 2] ? replicas[i % 2]! : replicas[0]!;
      const other = up[(i + 1) % 2] ? replicas[(i + 1) % 2]! : replicas[0]!;
      if (!downNow) {
        const res = await post(target.address, '/predict', { userId: t.userId[i], movieId: t.movieId[i], timestamp: t.timestamp[i] });
        expect(res.status).toBe(200);
        if (res.body.score !== setup.online[i]) mismatches.push(i);
      }
      // …and feedback is refused (503, nothing accepted) until Redis is back; the client retries.
      for (let attempt = 0; ; attempt++) {
        const fb = await post(other.address, '/feedback', rating(t, i, `fault-${i}`));
        if (fb.status === 200) break;
        expect(fb.status).toBe(503);
        refused++;
        if (downNow && attempt === 0) await redis.start();
        await new Promise((r) => setTimeout(r, 50));
      }
      accepted++;
      if (downNow) {
        // The row's request again, now that Redis is back: the answer is the batch protocol's.
        const again = await post(target.address, '/predict', { userId: t.userId[i], movieId: t.movieId[i], timestamp: t.timestamp[i] });
        if (again.body.score !== setup.online[i]) mismatches.push(i);
      }
    }
    expect(mismatches).toEqual([]);
    expect(stale).toBe(1);
    expect(refused).toBeGreaterThan(0);
    // Every accepted event is in the shared history (a fresh replica loads them all) and in exactly
    // one replica's events log (the killed one's log holds everything it acknowledged).
    const fresh = await startReplica('f3', ['--history', redis.url, '--redis-key', 'loop:faults']);
    const health = (await (await fetch(`${fresh.address}/health`)).json()) as { history: { events: number } };
    expect(health.history.events).toBe(accepted);
    for (const r of [replicas[0]!, replicas[1]!, fresh]) await stop(r);
    const lines = ['f1', 'f2'].flatMap((name) =>
      readFileSync(path.join(dir, `fault-events-${name}.ndjson`), 'utf8')
        .trimEnd()
        .split('\n'),
    );
    expect(lines).toHaveLength(accepted);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { requestId: string | null }).requestId).filter(Boolean)).size).toBe(n);
  }, 600_000);
});

async function collect(file: string) {
  const out = [];
  for await (const e of readExposureLog(file)) out.push(e);
  return out;
}
