import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, runServe, type ServeHandle } from '../src/index';
import { captureIO } from './helpers/capture-io';
import { buildTinyRegistry, reRegister, type TinyRegistry } from './helpers/tiny-registry';

let reg: TinyRegistry;
let server: ServeHandle;
const io = captureIO();

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  reg = await buildTinyRegistry();
  server = await runServe(
    { port: 0, trackingUri: reg.trackingUri, pollSeconds: 0, exposureLog: path.join(reg.root, 'exposures.ndjson'), adminToken: 'demo-token', signals: [] },
    io,
  );
});
afterAll(async () => {
  await server?.shutdown();
  if (reg) rmSync(reg.root, { recursive: true, force: true });
});

describe('router-demo serve (in process)', () => {
  it('prints where it reads from and where it listens', () => {
    expect(io.stdout[0]).toBe(`tracking: ${reg.trackingUri} (from --tracking-uri)`);
    expect(io.stdout.join('\n')).toContain(`serving models:/movielens_ctr_router@router at ${server.address}`);
    expect(server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a port in use is a usage error (exit 2) naming the address', async () => {
    const other = captureIO();
    const port = Number(new URL(server.address).port);
    expect(await main(['serve', '--port', String(port), '--tracking-uri', reg.trackingUri, '--poll-seconds', '0'], other)).toBe(2);
    expect(other.stderr).toEqual([`error: cannot listen on 127.0.0.1:${port} (address already in use): pick another --port or --host`]);
  });

  it('/health shows both policies and the experiment config', async () => {
    const res = await fetch(`${server.address}/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as Record<string, any>;
    expect(health.experiment).toMatchObject({
      key: 'movielens_policy_ab',
      seed: 'movielens_policy_ab-42',
      hashVersion: 2,
      arms: ['PolicyA', 'PolicyB'],
      weights: [0.5, 0.5],
      coverage: 1,
    });
    expect(health.policies).toEqual([
      expect.objectContaining({ arm: 'PolicyA', uri: 'models:/movielens_ctr_ab@PolicyA', modelVersion: '1' }),
      expect.objectContaining({ arm: 'PolicyB', uri: 'models:/movielens_ctr_ab@PolicyB', modelVersion: '2' }),
    ]);
    expect((await fetch(`${server.address}/ping`)).status).toBe(200);
  });

  it('/predict, /bulk_predict and /invocations route to both arms with real model scores', async () => {
    const one = await post(`${server.address}/predict`, { userId: 13, movieId: 43 });
    expect(one.status).toBe(200);
    expect(['PolicyA', 'PolicyB']).toContain(one.body.assigned);
    expect(one.body.score).toBeGreaterThan(0);
    expect(one.body.score).toBeLessThan(1);
    expect(one.body.modelVersion).toBe(one.body.assigned === 'PolicyA' ? '1' : '2');

    const rows = Array.from({ length: 200 }, (_, i) => ({ userId: i + 1, movieId: (i % 100) + 1 }));
    const bulk = await post(`${server.address}/bulk_predict`, { rows });
    expect(bulk.status).toBe(200);
    const by = bulk.body.summary.byArm;
    expect(by.PolicyA.count + by.PolicyB.count).toBe(200);
    expect(by.PolicyA.share).toBeGreaterThan(0.3);
    expect(by.PolicyB.share).toBeGreaterThan(0.3);
    // The same user is always routed to the same arm.
    const again = await post(`${server.address}/invocations`, { dataframe_records: rows.slice(0, 20) });
    expect(again.body.predictions.map((p: { assigned: string }) => p.assigned)).toEqual(
      bulk.body.predictions.slice(0, 20).map((p: { assigned: string }) => p.assigned),
    );
  });

  it('reloads when a policy alias moves (POST /admin/reload) and logs exposures', async () => {
    const version = await reRegister(reg, 'PolicyA');
    expect(version).toBe('3');
    const reload = await fetch(`${server.address}/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer demo-token' } });
    expect(reload.status).toBe(200);
    const health = (await (await fetch(`${server.address}/health`)).json()) as Record<string, any>;
    expect(health.policies[0]).toMatchObject({ arm: 'PolicyA', modelVersion: '3' });
    await server.shutdown();
    const lines = readFileSync(path.join(reg.root, 'exposures.ndjson'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(221);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ experiment: 'movielens_policy_ab', userId: 13 });
    await server.closed;
    expect(io.stdout.at(-1)).toBe('stopped');
  });
});
