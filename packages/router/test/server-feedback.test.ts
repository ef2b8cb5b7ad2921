import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryExposureSink, createMemoryHistoryStore, type HistoryStore, RouterModel } from '../src/index';
import { createRedisHistoryStore } from '../src/redis/index';
import { createRouterServer, type RouterServer } from '../src/server/index';
import { tinySpec, userCountPolicy } from './helpers/feature-policy';
import { startRedisServer as startRedis } from '../src/testing/index';

const servers: RouterServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const json = (payload: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify(payload),
});
const experiment = { key: 'fb', arms: [{ name: 'A' }, { name: 'B' }] };

async function make(history: HistoryStore | undefined) {
  const spec = tinySpec();
  const router = RouterModel.create({ experiment, policies: { A: userCountPolicy(spec, 'a'), B: userCountPolicy(spec, 'b') } });
  const exposure = createMemoryExposureSink();
  const logs: string[] = [];
  const server = await createRouterServer({
    router,
    exposure,
    ...(history ? { history } : {}),
    log: (_l, m) => logs.push(m),
    now: () => Date.UTC(2026, 11, 3),
  });
  servers.push(server);
  return { app: server.app, exposure, logs };
}

describe('POST /feedback', () => {
  it('accepts one event, a batch, or {events}; logs each durably (events log v1); the next request sees it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-fb-'));
    const file = path.join(dir, 'events.ndjson');
    const { app } = await make(createMemoryHistoryStore({ eventsLog: file }));
    const before = (await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 'new-user', movieId: 10 }) })).json() as { score: number };
    expect(before.score).toBe(0);
    const one = await app.inject({
      method: 'POST',
      url: '/feedback',
      ...json({ userId: 'new-user', itemId: 10, event: 'rating', value: 5, time: '2026-12-01T10:00:00Z', requestId: 'r-1' }, { 'x-request-id': 'fb-1' }),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ accepted: 1, requestId: 'fb-1' });
    expect(one.headers['x-request-id']).toBe('fb-1');
    const batch = await app.inject({
      method: 'POST',
      url: '/feedback',
      ...json([
        { userId: 'new-user', movieId: 20, event: 'rating', value: 2, time: 1_764_583_300 },
        { userId: 7, itemId: 'sku-1', event: 'click' },
      ]),
    });
    expect(batch.json()).toMatchObject({ accepted: 2 });
    const wrapped = await app.inject({
      method: 'POST',
      url: '/feedback',
      ...json({ events: [{ userId: 'new-user', itemId: 30, event: 'purchase', value: 19.99 }] }),
    });
    expect(wrapped.json()).toMatchObject({ accepted: 1 });
    const after = (await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 'new-user', movieId: 10 }) })).json() as { score: number };
    expect(after.score).toBeCloseTo(Math.log1p(2), 6); // two ratings; click and purchase do not change features
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      v: 1,
      time: '2026-12-01T10:00:00.000Z',
      receivedAt: '2026-12-03T00:00:00.000Z',
      userId: 'new-user',
      itemId: 10,
      event: 'rating',
      value: 5,
      requestId: 'r-1',
    });
    expect(lines[1]).toMatchObject({ itemId: 20, time: '2025-12-01T10:01:40.000Z' });
    expect(lines[2]).toMatchObject({ userId: 7, itemId: 'sku-1', event: 'click', value: null, requestId: null });
    const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../schemas/events-log-v1.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);
    for (const l of lines) expect(validate(l), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [{ itemId: 1, event: 'rating', value: 4 }, 'body.userId', /body\.userId must be a safe integer or a non-empty string/],
    [{ userId: 1, event: 'rating', value: 4 }, 'body.itemId', /body\.itemId must be/],
    [{ userId: 1, itemId: 2, movieId: 2, event: 'rating', value: 4 }, 'body.movieId', /both itemId and movieId/],
    [{ userId: 1, itemId: 2, event: 'rating' }, 'body.value', /body\.value is required for "rating" events/],
    [{ userId: 1, itemId: 2, event: 'rating', value: '4' }, 'body.value', /finite number/],
    [{ userId: 1, itemId: 2, event: '', value: 4 }, 'body.event', /event type/],
    [{ userId: 1, itemId: 2, event: 'click', time: 1_764_583_300_000 }, 'body.time', /milliseconds\? divide by 1000/],
    [{ userId: 1, itemId: 2, event: 'click', time: '2026-12-01' }, 'body.time', /ISO-8601 time with a zone/],
    [{ userId: 1, itemId: 2, event: 'click', score: 1 }, 'body.score', /body\.score is not an event field/],
    [
      [
        { userId: 1, itemId: 2, event: 'click' },
        { userId: 1, itemId: 2, event: 'rating', value: Number.NaN },
      ],
      'body[1].value',
      /body\[1\]\.value/,
    ],
    [{ events: [{ userId: 1, itemId: 2, event: 'click' }], extra: 1 }, 'body.extra', /body\.extra is not a field of a feedback batch/],
    [[], 'body', /no events/],
    ['click', 'body', /event object/],
  ])('400 naming the field, nothing accepted: %j', async (payload, _field, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-fb-'));
    const history = createMemoryHistoryStore({ eventsLog: path.join(dir, 'events.ndjson') });
    const { app } = await make(history);
    const res = await app.inject({ method: 'POST', url: '/feedback', ...json(payload) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    expect((res.json() as { message: string }).message).toMatch(message);
    expect(history.status().events).toBe(0);
  });

  it('a batch is accepted or refused whole', async () => {
    const history = createMemoryHistoryStore();
    const { app } = await make(history);
    const events = Array.from({ length: 50 }, (_, i) => ({ userId: i, itemId: 10, event: 'rating', value: 4 }));
    (events[37] as Record<string, unknown>).itemId = null;
    const res = await app.inject({ method: 'POST', url: '/feedback', ...json({ events }) });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toMatch(/events\[37\]\.itemId/);
    expect(history.status().events).toBe(0);
  });

  it('is off (404, saying so) without a history store; predictions are then train-time', async () => {
    const { app } = await make(undefined);
    const res = await app.inject({ method: 'POST', url: '/feedback', ...json({ userId: 1, itemId: 2, event: 'click' }) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error_code: 'ENDPOINT_NOT_FOUND', message: 'feedback is off on this router (started without a history store)' });
  });

  it('refuses bodies over maxEvents × maxEventBytes before reading them (413)', async () => {
    const spec = tinySpec();
    const router = RouterModel.create({ experiment, policies: { A: userCountPolicy(spec), B: userCountPolicy(spec) } });
    const server = await createRouterServer({ router, history: createMemoryHistoryStore(), maxEvents: 10, maxEventBytes: 100 });
    servers.push(server);
    const events = Array.from({ length: 100 }, (_, i) => ({ userId: i, itemId: 10, event: 'rating', value: 4, requestId: 'x'.repeat(40) }));
    const res = await server.app.inject({ method: 'POST', url: '/feedback', ...json(events) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('feature views', () => {
  it('are built when a router is loaded (start and reload), not by the first request it serves', async () => {
    const history = createMemoryHistoryStore();
    let version = 1;
    const specs: ReturnType<typeof tinySpec>[] = [];
    const source = {
      version: 1 as const,
      resolveCurrent: async () => ({ 'models:/m@PolicyB': String(version) }),
      load: async () => {
        const spec = tinySpec();
        specs.push(spec);
        return RouterModel.create({ experiment, policies: { A: userCountPolicy(spec, 'a'), B: userCountPolicy(spec, 'b') } });
      },
    };
    const server = await createRouterServer({ source, history, pollIntervalMs: 0, adminToken: 't' });
    servers.push(server);
    expect(history.status().views).toBe(1);
    version = 2;
    const reload = await server.app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: 'Bearer t' } });
    expect(reload.json()).toMatchObject({ changed: true });
    expect(specs).toHaveLength(2);
    // the new spec's view exists before any /predict (the old one is held weakly until collected)
    expect(history.status().views).toBe(2);
  });
});

describe('feedback with Redis down', () => {
  const redisReady = startRedis();
  afterAll(async () => (await redisReady).dispose());

  it('refuses feedback (503, Retry-After, nothing logged) and serves predictions from the history it has; recovers after Redis returns', async () => {
    const redis = await redisReady;
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-fb-'));
    const file = path.join(dir, 'events.ndjson');
    const history = createRedisHistoryStore({ url: redis.url, key: 'abt:test:down', eventsLog: file, reconnectDelayMs: 50 });
    const { app, logs } = await make(history);
    const ok = await app.inject({ method: 'POST', url: '/feedback', ...json({ userId: 3, itemId: 10, event: 'rating', value: 5 }) });
    expect(ok.statusCode).toBe(200);
    await redis.stop();
    const refused = await app.inject({ method: 'POST', url: '/feedback', ...json({ userId: 3, itemId: 20, event: 'rating', value: 5 }) });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toEqual({
      error_code: 'SERVICE_UNAVAILABLE',
      message: 'the feedback history is unavailable right now; nothing was accepted, retry later',
    });
    const stale = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 3, movieId: 10 }) });
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['x-history-stale']).toBe('1');
    const health = (await app.inject({ method: 'GET', url: '/health' })).json() as { history: { connected: boolean; staleReads: number; events: number } };
    expect(health.history).toMatchObject({ connected: false, events: 1 });
    expect(health.history.staleReads).toBeGreaterThan(0);
    expect(logs.some((l) => /feedback refused/.test(l))).toBe(true);
    await redis.start();
    let back = 0;
    for (let i = 0; i < 100 && back !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      back = (await app.inject({ method: 'POST', url: '/feedback', ...json({ userId: 3, itemId: 20, event: 'rating', value: 5 }) })).statusCode;
    }
    expect(back).toBe(200);
    const fresh = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 3, movieId: 10 }) });
    expect(fresh.headers['x-history-stale']).toBeUndefined();
    // Exactly the accepted events are in the log: the refused one is not.
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(history.status().events).toBe(2);
  }, 30_000);
});
