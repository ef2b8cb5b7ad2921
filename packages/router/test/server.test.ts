import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssigner, createExperiment, createMemoryExposureSink, createMemoryPolicyLoader, type Policy, routerSourceFromConfig } from '../src/index';
import { createRouterServer, type RouterServer } from '../src/server/index';
import { routerConfig, standInPolicy } from './helpers/policies';

const servers: RouterServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function make(opts: Partial<Parameters<typeof createRouterServer>[0]> = {}) {
  const loader = createMemoryPolicyLoader({
    'models:/movielens_ctr_ab@PolicyA': standInPolicy('PolicyA_LogReg', '1', 0),
    'models:/movielens_ctr_ab@PolicyB': standInPolicy('PolicyB_LightGBM', '2', 0.5),
  });
  const exposure = createMemoryExposureSink();
  const server = await createRouterServer({
    source: routerSourceFromConfig(routerConfig, loader),
    pollIntervalMs: 0,
    exposure,
    adminToken: 'test-token',
    ...opts,
  });
  servers.push(server);
  return { server, app: server.app, loader, exposure };
}

const assigner = createAssigner(createExperiment(routerConfig.experiment));
const admin = { authorization: 'Bearer test-token' };
const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

describe('router server: read endpoints', () => {
  it('GET /health reports policies, versions and the experiment', async () => {
    const { app } = await make();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      experiment: { key: 'movielens_ctr_ab', seed: 'movielens_ctr_ab', hashVersion: 2, weights: [0.5, 0.5], coverage: 1, arms: ['A', 'B'] },
      policies: [
        { arm: 'A', uri: 'models:/movielens_ctr_ab@PolicyA', name: 'PolicyA_LogReg', modelVersion: '1' },
        { arm: 'B', uri: 'models:/movielens_ctr_ab@PolicyB', name: 'PolicyB_LightGBM', modelVersion: '2' },
      ],
      lastReloadError: null,
    });
  });

  it('GET /ping and /version', async () => {
    const { app } = await make();
    expect((await app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/version' })).json()).toMatchObject({ name: '@abt/router', routerFormatVersion: 1 });
    expect((await app.inject({ method: 'GET', url: '/nope' })).json()).toMatchObject({ error_code: 'ENDPOINT_NOT_FOUND' });
  });
});

describe('router server: scoring', () => {
  it('POST /predict routes one row and logs the exposure', async () => {
    const { app, exposure } = await make();
    const res = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 196, movieId: 242 }) });
    expect(res.statusCode).toBe(200);
    const arm = assigner.assign(196).arm;
    expect(res.json()).toEqual({
      userId: 196,
      movieId: 242,
      assigned: arm,
      score: (arm === 'A' ? 0 : 0.5) + 0.042,
      modelVersion: arm === 'A' ? '1' : '2',
      inExperiment: true,
    });
    expect(exposure.events).toHaveLength(1);
    expect(exposure.events[0]).toMatchObject({ experiment: 'movielens_ctr_ab', userId: 196, arm });
  });

  it('POST /bulk_predict returns predictions and a per-arm summary with the right labels', async () => {
    const { app } = await make();
    const rows = Array.from({ length: 500 }, (_, i) => ({ userId: i + 1, movieId: i % 50 }));
    const res = await app.inject({ method: 'POST', url: '/bulk_predict', ...json({ rows }) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      predictions: { assigned: string; score: number }[];
      summary: { n: number; byArm: Record<string, { count: number; share: number; meanScore: number }> };
    };
    expect(body.predictions).toHaveLength(500);
    const a = body.predictions.filter((p) => p.assigned === 'A');
    expect(body.summary.n).toBe(500);
    expect(body.summary.byArm.A!.count).toBe(a.length);
    expect(body.summary.byArm.A!.share).toBeCloseTo(a.length / 500, 12);
    expect(body.summary.byArm.A!.share).toBeGreaterThan(0.4);
    expect(body.summary.byArm.B!.share).toBeGreaterThan(0.4);
    expect(body.summary.byArm.A!.meanScore).toBeCloseTo(a.reduce((s, p) => s + p.score, 0) / a.length, 12);
  });

  const rows = [
    { userId: 1, movieId: 10 },
    { userId: 2, movieId: 20, timestamp: 881250949 },
    { userId: 3, movieId: 30 },
  ];
  const expected = rows.map((r) => {
    const arm = assigner.assign(r.userId).arm;
    return { assigned: arm, score: (arm === 'A' ? 0 : 0.5) + (r.movieId % 100) / 1000, model_version: arm === 'A' ? '1' : '2' };
  });

  it.each([
    [
      'dataframe_split',
      { dataframe_split: { columns: ['userId', 'movieId', 'timestamp'], data: rows.map((r) => [r.userId, r.movieId, r.timestamp ?? null]) } },
    ],
    ['dataframe_split with index', { dataframe_split: { index: [0, 1, 2], columns: ['movieId', 'userId'], data: rows.map((r) => [r.movieId, r.userId]) } }],
    ['dataframe_records', { dataframe_records: rows }],
    ['instances', { instances: rows }],
    ['inputs (columns)', { inputs: { userId: [1, 2, 3], movieId: [10, 20, 30] } }],
    ['with params', { dataframe_records: rows, params: { anything: 1 } }],
  ])('POST /invocations %s', async (_name, payload) => {
    const { app } = await make();
    const res = await app.inject({ method: 'POST', url: '/invocations', ...json(payload) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ predictions: expected });
  });

  it('POST /invocations accepts text/csv and application/json; charset=utf-8', async () => {
    const { app } = await make();
    const csv = await app.inject({
      method: 'POST',
      url: '/invocations',
      headers: { 'content-type': 'text/csv' },
      payload: 'userId,movieId,timestamp\n1,10,\n2,20,881250949\n3,30,\n',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.json()).toEqual({ predictions: expected });
    const utf8 = await app.inject({
      method: 'POST',
      url: '/invocations',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ dataframe_records: rows }),
    });
    expect(utf8.statusCode).toBe(200);
  });
});

describe('router server: bad input', () => {
  it.each([
    ['/predict', { movieId: 1 }, 400, /userId/],
    ['/predict', { userId: '', movieId: 1 }, 400, /body\.userId must be a safe integer or a non-empty string/],
    ['/predict', { userId: 1, movieId: 1.5 }, 400, /body\.movieId must be a safe integer/],
    ['/predict', { userId: 1, movieId: 2, extra: 3 }, 400, /^POST \/predict: body has the unknown key "extra"/],
    ['/predict', { userId: 2 ** 60, movieId: 2 }, 400, /body\.userId/],
    ['/predict', { userId: 1, movieId: 2, timestamp: 'noon' }, 400, /body\.timestamp must be finite Unix seconds/],
    ['/bulk_predict', { rows: [{ userId: 1, movieId: 2 }, { userId: 1 }] }, 400, /body\.rows\[1\]\.movieId/],
    ['/bulk_predict', [{ userId: 1, movieId: 2 }], 400, /body must be an object/],
    ['/bulk_predict', { rows: [], extra: 1 }, 400, /body\.extra is not a field/],
    ['/bulk_predict', { rows: [{ userId: 1, movieId: 2, rating: 4 }] }, 400, /^POST \/bulk_predict: body\.rows\[0\] has the unknown key "rating"/],
    ['/invocations', { dataframe_records: [{ userId: 1, movieId: 2 }], instances: [] }, 400, /exactly one of/],
    ['/invocations', {}, 400, /exactly one of/],
    ['/invocations', { dataframe_records: [{ userId: 1 }] }, 400, /dataframe_records\[0\]\.movieId/],
    ['/invocations', { dataframe_split: { columns: ['userId'], data: [[1]] } }, 400, /must include "movieId"/],
    ['/invocations', { dataframe_split: { columns: ['userId', 'movieId'], data: [[1, 1.5]] } }, 400, /dataframe_split\.data\.movieId\[0\]/],
    ['/invocations', { dataframe_split: { columns: ['userId', 'movieId', 'rating'], data: [[1, 2, 5]] } }, 400, /"rating" is not a request field/],
    ['/invocations', { dataframe_records: 5 }, 400, /array of records/],
    ['/invocations', { dataframe_records: [], params: 3 }, 400, /params/],
    ['/invocations', { foo: [] }, 400, /unknown key/],
  ])('%s %j → %i', async (url, payload, status, message) => {
    const { app, exposure } = await make();
    const res = await app.inject({ method: 'POST', url, ...json(payload) });
    expect(res.statusCode).toBe(status);
    const body = res.json() as { error_code: string; message: string };
    expect(body.error_code).toMatch(/INVALID_PARAMETER_VALUE|BAD_REQUEST/);
    expect(body.message).toMatch(message);
    expect(exposure.events).toHaveLength(0);
  });

  it('malformed JSON → 400, unsupported content type or charset → 415, oversized body → 413', async () => {
    const { app } = await make({ bodyLimit: 1024 });
    const malformed = await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{"userId": 1,' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error_code: 'MALFORMED_REQUEST' });
    const xml = await app.inject({ method: 'POST', url: '/invocations', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error_code: 'UNSUPPORTED_MEDIA_TYPE' });
    const latin1 = await app.inject({ method: 'POST', url: '/invocations', headers: { 'content-type': 'application/json; charset=latin-1' }, payload: '{}' });
    expect(latin1.statusCode).toBe(415);
    const plain = await app.inject({ method: 'POST', url: '/invocations', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
    expect(plain.statusCode).toBe(415);
    const big = await app.inject({ method: 'POST', url: '/bulk_predict', ...json({ rows: Array.from({ length: 100 }, () => ({ userId: 1, movieId: 1 })) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
  });

  it('never crashes on a few thousand malformed bodies', async () => {
    const { app } = await make();
    // Seeded LCG: the same bodies on every run.
    let s = 12345;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const atoms = [
      '{',
      '}',
      '[',
      ']',
      '"userId"',
      '"movieId"',
      ':',
      ',',
      '1',
      '-1',
      '1e400',
      'null',
      'true',
      '"x"',
      '"dataframe_split"',
      '"columns"',
      '"data"',
      '"inputs"',
      '"\\u0000"',
      '__proto__',
      '"constructor"',
      ' ',
      '\n',
      '0.5',
      '99999999999999999999',
    ];
    const types = ['application/json', 'text/csv', 'application/json; charset=utf-8', 'application/octet-stream', ''];
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rnd() * 30);
      let payload = '';
      for (let k = 0; k < len; k++) payload += atoms[Math.floor(rnd() * atoms.length)];
      const url = ['/predict', '/bulk_predict', '/invocations'][i % 3]!;
      const type = types[Math.floor(rnd() * types.length)]!;
      const res = await app.inject({ method: 'POST', url, headers: type ? { 'content-type': type } : {}, payload });
      expect([200, 400, 413, 415], `${url} ${type} ${payload}`).toContain(res.statusCode);
      if (res.statusCode !== 200) expect(res.json()).toHaveProperty('error_code');
    }
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('answers 408 when a client never finishes its body', async () => {
    const { server } = await make({ requestTimeoutMs: 300 });
    const address = new URL(await server.listen({ port: 0 }));
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(address.port), address.hostname, () => {
        socket.write('POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"userId"');
      });
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 5000);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('router server: hot reload', () => {
  it('POST /admin/reload swaps to a moved alias; a broken version keeps the old one and shows in /health', async () => {
    const { app, loader } = await make();
    loader.set('models:/movielens_ctr_ab@PolicyA', standInPolicy('PolicyA_LogReg', '7', 0.25));
    const ok = await app.inject({ method: 'POST', url: '/admin/reload', headers: admin });
    expect(ok.json()).toMatchObject({ changed: true, versions: { 'models:/movielens_ctr_ab@PolicyA': '7' } });
    const user = Array.from({ length: 50 }, (_, i) => i + 1).find((u) => assigner.assign(u).arm === 'A')!;
    expect((await app.inject({ method: 'POST', url: '/predict', ...json({ userId: user, movieId: 5 }) })).json()).toMatchObject({
      modelVersion: '7',
      score: 0.255,
    });

    loader.set('models:/movielens_ctr_ab@PolicyB', {
      modelVersion: '8',
      load: () => {
        throw new Error('truncated model file');
      },
    });
    const broken = await app.inject({ method: 'POST', url: '/admin/reload', headers: admin });
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toMatchObject({ error_code: 'RELOAD_FAILED' });
    const health = (await app.inject({ method: 'GET', url: '/health' })).json() as { lastReloadError: string; policies: { modelVersion: string }[] };
    expect(health.lastReloadError).toMatch(/PolicyB.*truncated model file/);
    expect(health.policies.map((p) => p.modelVersion)).toEqual(['7', '2']);
    expect((await app.inject({ method: 'POST', url: '/predict', ...json({ userId: user, movieId: 5 }) })).statusCode).toBe(200);
  });

  it('in-flight requests finish on the old models while a new version loads', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowOld: Policy = { ...standInPolicy('old', '1', 0), predict: (rows) => new Float64Array(rows.userId.length).fill(0.1) };
    const loader = createMemoryPolicyLoader({ 'models:/movielens_ctr_ab@PolicyA': slowOld, 'models:/movielens_ctr_ab@PolicyB': { ...slowOld, name: 'oldB' } });
    const server = await createRouterServer({ source: routerSourceFromConfig(routerConfig, loader), pollIntervalMs: 0, adminToken: 'test-token' });
    servers.push(server);
    const inFlightRouter = server.reloader.current();
    loader.set('models:/movielens_ctr_ab@PolicyA', {
      modelVersion: '2',
      load: async () => {
        await gate;
        return standInPolicy('new', '2', 0.9);
      },
    });
    const reloading = server.app.inject({ method: 'POST', url: '/admin/reload', headers: admin });
    // While the new model loads, requests are served by the old router.
    const during = await server.app.inject({
      method: 'POST',
      url: '/bulk_predict',
      ...json({ rows: Array.from({ length: 20 }, (_, i) => ({ userId: i, movieId: 1 })) }),
    });
    expect((during.json() as { predictions: { modelVersion: string }[] }).predictions.every((p) => p.modelVersion === '1')).toBe(true);
    release();
    expect((await reloading).json()).toMatchObject({ changed: true });
    expect(server.reloader.current()).not.toBe(inFlightRouter);
    expect(inFlightRouter.policy('A').modelVersion).toBe('1');
  });

  it('startup fails naming a missing alias', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/movielens_ctr_ab@PolicyA': standInPolicy('a', '1', 0) });
    await expect(createRouterServer({ source: routerSourceFromConfig(routerConfig, loader), pollIntervalMs: 0 })).rejects.toThrow(
      /models:\/movielens_ctr_ab@PolicyB/,
    );
  });
});
