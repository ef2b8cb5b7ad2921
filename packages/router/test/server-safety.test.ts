// Safe to expose (issue 15.5): admin token, loopback warning, no paths or stack traces in
// responses, row limits before parsing, one error shape for every status, no 500 for client mistakes.
import { connect } from 'node:net';
import { CODE_TO_HTTP } from '@abt/registry';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryExposureSink, createMemoryPolicyLoader, type Policy, RouterModel, routerSourceFromConfig } from '../src/index';
import { createRouterServer, type RouterServer } from '../src/server/index';
import { routerConfig, standInPolicy } from './helpers/policies';

const servers: RouterServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const json = (payload: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify(payload),
});

async function make(opts: Partial<Parameters<typeof createRouterServer>[0]> = {}, policies?: Record<string, Policy>) {
  const loader = createMemoryPolicyLoader({
    'models:/movielens_ctr_ab@PolicyA': policies?.A ?? standInPolicy('PolicyA', '1', 0),
    'models:/movielens_ctr_ab@PolicyB': policies?.B ?? standInPolicy('PolicyB', '2', 0.5),
  });
  const logs: string[] = [];
  const exposure = createMemoryExposureSink();
  const server = await createRouterServer({
    source: routerSourceFromConfig(routerConfig, loader),
    pollIntervalMs: 0,
    exposure,
    log: (level, m) => logs.push(`${level}: ${m}`),
    ...opts,
  });
  servers.push(server);
  return { server, app: server.app, loader, logs, exposure };
}

/** A raw HTTP exchange (for what inject cannot send: huge headers, bodies that never finish). */
function raw(port: number, text: string, endAfterWrite = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
      if (endAfterWrite) socket.end();
    });
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', (e) => (data ? resolve(data) : reject(e)));
    setTimeout(() => socket.destroy(), 5000);
  });
}
const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error_code: string; message: string };

describe('admin routes', () => {
  it('are off without a token (404, saying how to turn them on)', async () => {
    const { app } = await make();
    const res = await app.inject({ method: 'POST', url: '/admin/reload' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error_code: 'ENDPOINT_NOT_FOUND', message: expect.stringMatching(/--admin-token or ABT_ADMIN_TOKEN/) });
  });

  it('need the bearer token (401 with WWW-Authenticate otherwise)', async () => {
    const { app } = await make({ adminToken: 's3cret' });
    for (const authorization of [undefined, 'Bearer wrong', 'Basic czNjcmV0', 'Bearer s3cret2', 'Bearer ']) {
      const res = await app.inject({ method: 'POST', url: '/admin/reload', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    }
    const ok = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: 'Bearer s3cret' } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('binding', () => {
  it('warns when listening on a non-loopback address, not on loopback', async () => {
    const loop = await make();
    await loop.server.listen({ port: 0, host: '127.0.0.1' });
    expect(loop.logs.filter((l) => l.startsWith('warn'))).toEqual([]);
    const open = await make();
    await open.server.listen({ port: 0, host: '0.0.0.0' });
    expect(open.logs).toEqual([expect.stringMatching(/^warn: listening on 0\.0\.0\.0, which is not a loopback address/)]);
  });
});

describe('no filesystem paths or stack traces in responses', () => {
  it('a failing policy is a 500 with a generic message; the server log has the details', async () => {
    const broken: Policy = {
      ...standInPolicy('x', '1', 0),
      predict: () => {
        throw new Error("ENOENT: no such file or directory, open '/srv/models/secret/model.json'");
      },
    };
    const { app, logs } = await make({}, { A: broken, B: broken });
    const res = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 1, movieId: 2 }, { 'x-request-id': 'trace-me' }) });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error_code: 'INTERNAL_ERROR', message: 'internal error; the server log has the details (request trace-me)' });
    expect(res.body).not.toMatch(/srv|secret|at |\.ts/);
    expect(logs.join('\n')).toMatch(/trace-me.*\/srv\/models\/secret\/model\.json/s);
  });

  it('reload errors in /admin/reload and /health show <path> instead of paths', async () => {
    const { app, loader } = await make({ adminToken: 't' });
    loader.set('models:/movielens_ctr_ab@PolicyB', {
      modelVersion: '9',
      load: () => {
        throw new Error('cannot read /var/lib/abt/mlruns/1/abc/artifacts/model/MLmodel: EACCES');
      },
    });
    const res = await app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: 'Bearer t' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/\/var\/lib/);
    expect(res.json()).toMatchObject({ error_code: 'RELOAD_FAILED', message: expect.stringMatching(/cannot read <path>: EACCES/) });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.body).not.toMatch(/\/var\/lib/);
    expect(health.json()).toMatchObject({ lastReloadError: expect.stringMatching(/models:\/movielens_ctr_ab@PolicyB.*<path>/) });
  });
});

describe('one error shape for every status; client mistakes are 4xx', () => {
  it('405 with Allow, 404, 415, 400 malformed, 413', async () => {
    const { app } = await make();
    const m = await app.inject({ method: 'GET', url: '/predict' });
    expect(m.statusCode).toBe(405);
    expect(m.headers.allow).toBe('POST');
    expect(m.json()).toEqual({ error_code: 'METHOD_NOT_ALLOWED', message: 'GET is not allowed on /predict (allowed: POST)' });
    const others = [
      [await app.inject({ method: 'DELETE', url: '/health' }), 405, 'METHOD_NOT_ALLOWED'],
      [await app.inject({ method: 'GET', url: '/nope' }), 404, 'ENDPOINT_NOT_FOUND'],
      [await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{' }), 400, 'MALFORMED_REQUEST'],
      [
        await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{}' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 1 }) }), 400, 'INVALID_PARAMETER_VALUE'],
      [await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 'x'.repeat(20_000), movieId: 1 }) }), 413, 'PAYLOAD_TOO_LARGE'],
    ] as const;
    for (const [res, status, code] of [[m, 405, 'METHOD_NOT_ALLOWED'] as const, ...others]) {
      expect({ status: res.statusCode, code: (res.json() as { error_code: string }).error_code }).toEqual({ status, code });
      // The status is the one abt table's (@abt/tracking's CODE_TO_HTTP, through @abt/registry) for the code.
      expect(res.statusCode, code).toBe(CODE_TO_HTTP[code]);
      expect(Object.keys(res.json() as object).sort()).toEqual(['error_code', 'message']);
    }
  });

  it('{"inputs":{"userId":{"length":-1}}} and other odd shapes are 400, never 500', async () => {
    const { app } = await make();
    for (const payload of [
      { inputs: { userId: { length: -1 } } },
      { inputs: { userId: { length: 1e9 }, movieId: [] } },
      { inputs: { userId: 'abc', movieId: 'abc' } },
      { dataframe_records: [null] },
      { dataframe_split: { columns: ['userId', 'movieId'], data: [[1]] } },
      { instances: { userId: [1], movieId: [1], timestamp: [{}] } },
      { inputs: { __proto__: { userId: [1] } } },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/invocations', ...json(payload) });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json() as object).sort()).toEqual(['error_code', 'message']);
    }
  });

  it('408 and 431 in the same shape, from the HTTP layer', async () => {
    const { server } = await make({ requestTimeoutMs: 300 });
    const port = Number(new URL(await server.listen({ port: 0 })).port);
    const slow = await raw(port, 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"userId"');
    expect(slow).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyOf(slow)).toEqual({ error_code: 'REQUEST_TIMEOUT', message: 'request not completed in time (the body stopped arriving)' });
    const huge = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    expect(bodyOf(huge)).toMatchObject({ error_code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
    expect([slow, huge].map((r) => Number(/^HTTP\/1\.1 (\d+)/.exec(r)![1]))).toEqual([
      CODE_TO_HTTP.REQUEST_TIMEOUT,
      CODE_TO_HTTP.REQUEST_HEADER_FIELDS_TOO_LARGE,
    ]);
    const garbage = await raw(port, 'NOT-HTTP\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(bodyOf(garbage)).toMatchObject({ error_code: 'MALFORMED_REQUEST' });
  });

  it('row limits come from the body size: a 5.7 MB, 1M-row body is refused from its Content-Length, unread', async () => {
    const { server, exposure } = await make({ maxRows: 100_000, maxRowBytes: 50 });
    const port = Number(new URL(await server.listen({ port: 0 })).port);
    // Only the headers and a few bytes are sent: the answer cannot depend on parsing the body.
    const reply = await raw(
      port,
      'POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5700000\r\n\r\n{"dataframe_split":',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(bodyOf(reply)).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    expect(exposure.events).toHaveLength(0);
  });
});

describe('request ids', () => {
  it('X-Request-Id is honoured (or generated), returned, and written to the exposure', async () => {
    const { app, exposure } = await make();
    const given = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 5, movieId: 7 }, { 'x-request-id': 'abc-123' }) });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 5, movieId: 7 }, { 'x-request-id': 'bad id with spaces' }) });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(exposure.events.map((e) => e.requestId)).toEqual(['abc-123', generated.headers['x-request-id']]);
    const error = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'err-1' } });
    expect(error.headers['x-request-id']).toBe('err-1');
  });

  it('exposure lines equal responses (v2 fields), one per user of a bulk request', async () => {
    const { app, exposure } = await make();
    const rows = [
      { userId: 1, movieId: 10 },
      { userId: 'u-2', movieId: 20 },
      { userId: 1, movieId: 30 },
    ];
    const res = await app.inject({ method: 'POST', url: '/bulk_predict', ...json({ rows }, { 'x-request-id': 'bulk-1' }) });
    const { predictions } = res.json() as { predictions: { assigned: string; score: number; modelVersion: string; inExperiment: boolean }[] };
    expect(exposure.events).toHaveLength(2);
    const [one, two] = exposure.events;
    expect(one).toMatchObject({
      requestId: 'bulk-1',
      experiment: 'movielens_ctr_ab',
      userId: 1,
      arm: predictions[0]!.assigned,
      source: 'hash',
      propensity: 0.5,
      inExperiment: true,
      modelVersion: predictions[0]!.modelVersion,
      modelUri: `models:/movielens_ctr_ab@Policy${predictions[0]!.assigned}`,
    });
    expect(one!.items).toEqual([
      { itemId: 10, score: predictions[0]!.score },
      { itemId: 30, score: predictions[2]!.score },
    ]);
    expect(two).toMatchObject({ userId: 'u-2', items: [{ itemId: 20, score: predictions[1]!.score }] });
    expect(one!.instance).toMatch(/:\d+$/);
  });

  it('a router from RouterModel.create works the same', async () => {
    const router = RouterModel.create({
      experiment: routerConfig.experiment as never,
      policies: { A: standInPolicy('a', '1', 0), B: standInPolicy('b', '2', 0) },
    });
    const server = await createRouterServer({ router, instance: 'replica-7' });
    servers.push(server);
    expect((await server.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ instance: 'replica-7', feedback: 'off' });
  });
});

describe('concurrent /predict requests are scored in batches', () => {
  it('each keeps its own answer, request id and exposure line', async () => {
    let calls = 0;
    const counting = (name: string, version: string, offset: number): Policy => {
      const base = standInPolicy(name, version, offset);
      return { ...base, predict: (rows) => (calls++, base.predict(rows)) };
    };
    const { app, exposure } = await make({}, { A: counting('PolicyA', '1', 0), B: counting('PolicyB', '2', 0.5) });
    const n = 60;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        app.inject({ method: 'POST', url: '/predict', ...json({ userId: 1 + (i % 7), movieId: 100 + i }, { 'x-request-id': `c-${i}` }) }),
      ),
    );
    expect(calls).toBeLessThan(n); // rows were scored together
    const one = (await make()).app;
    for (let i = 0; i < n; i++) {
      const alone = (await one.inject({ method: 'POST', url: '/predict', ...json({ userId: 1 + (i % 7), movieId: 100 + i }) })).json();
      expect(responses[i]!.json()).toEqual(alone);
      expect(responses[i]!.headers['x-request-id']).toBe(`c-${i}`);
    }
    expect(exposure.events.map((e) => e.requestId).sort()).toEqual(Array.from({ length: n }, (_, i) => `c-${i}`).sort());
    for (const e of exposure.events) expect(e.items).toEqual([{ itemId: 100 + Number(e.requestId.slice(2)), score: expect.any(Number) }]);
  });
});
