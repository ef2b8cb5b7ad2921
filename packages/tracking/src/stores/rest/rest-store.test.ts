import { describe, expect, it } from 'vitest';
import { ENDPOINTS, HttpClient, RestStore, TrackingClient, TrackingError, type FetchLike } from '../../index';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted fake server: answers each call from `reply`, records the calls. */
function fakeFetch(reply: (call: Call, n: number) => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = {
      url,
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return reply(call, calls.length);
  };
  return { fetch, calls };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const noSleep = async () => {};

describe('HttpClient', () => {
  it('retries 429 and 5xx with exponential backoff, then succeeds', async () => {
    const waits: number[] = [];
    const { fetch, calls } = fakeFetch((_c, n) =>
      n === 1
        ? json({ error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, 429)
        : n === 2
          ? new Response('bad gateway', { status: 502 })
          : json({ ok: true }),
    );
    const http = new HttpClient('http://mlflow.test', { fetch, sleep: async (ms) => void waits.push(ms), backoffMs: 100 });
    expect(await http.json({ method: 'GET', path: '/x' })).toEqual({ ok: true });
    expect(calls.length).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after maxRetries with the last typed error', async () => {
    const { fetch, calls } = fakeFetch(() => json({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'down for maintenance' }, 503));
    const http = new HttpClient('http://mlflow.test', { fetch, sleep: noSleep, maxRetries: 2 });
    await expect(http.json({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', httpStatus: 503 });
    expect(calls.length).toBe(3);
  });

  it('does not retry 4xx; maps MLflow error bodies to typed errors', async () => {
    const { fetch, calls } = fakeFetch(() => json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Run 'abc' not found" }, 404));
    const http = new HttpClient('http://mlflow.test', { fetch, sleep: noSleep });
    const err = await http.json({ method: 'GET', path: '/api/2.0/mlflow/runs/get' }).catch((e: unknown) => e);
    expect(TrackingError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', httpStatus: 404 });
    expect((err as Error).message).toContain("Run 'abc' not found");
    expect(calls.length).toBe(1);
  });

  it('names the URL when the server is down', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    const http = new HttpClient('http://127.0.0.1:9', { fetch, sleep: noSleep, maxRetries: 1 });
    await expect(http.json({ method: 'GET', path: '/api/2.0/mlflow/experiments/get' })).rejects.toMatchObject({
      code: 'SERVER_UNREACHABLE',
      message: 'MLflow server at http://127.0.0.1:9/api/2.0/mlflow/experiments/get is unreachable: ECONNREFUSED.',
    });
  });

  it('reports an HTML answer as UNEXPECTED_RESPONSE naming the URL', async () => {
    const { fetch } = fakeFetch(() => new Response('<html><body>login</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const http = new HttpClient('http://proxy.test', { fetch, sleep: noSleep });
    const err = (await http.json({ method: 'GET', path: '/api/2.0/mlflow/runs/get' }).catch((e: unknown) => e)) as TrackingError;
    expect(err.code).toBe('UNEXPECTED_RESPONSE');
    expect(err.message).toContain('http://proxy.test/api/2.0/mlflow/runs/get');
    expect(err.message).toContain('text/html');
  });

  it('times out a hanging request', async () => {
    const fetch: FetchLike = (_url, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const http = new HttpClient('http://slow.test', { fetch, sleep: noSleep, maxRetries: 0, timeoutMs: 20 });
    await expect(http.json({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
  });

  it('sends basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD, else a bearer MLFLOW_TRACKING_TOKEN', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    await new HttpClient('http://a.test', { fetch, env: { MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' } }).json({ method: 'GET', path: '/' });
    await new HttpClient('http://a.test', { fetch, env: { MLFLOW_TRACKING_TOKEN: 't0k' } }).json({ method: 'GET', path: '/' });
    await new HttpClient('http://a.test', { fetch, env: {} }).json({ method: 'GET', path: '/' });
    expect(calls.map((c) => c.headers.Authorization)).toEqual([`Basic ${Buffer.from('u:p').toString('base64')}`, 'Bearer t0k', undefined]);
  });
});

describe('RestStore', () => {
  it('uses the endpoint table: GET args in the query string, others as JSON', async () => {
    const { fetch, calls } = fakeFetch((c) =>
      c.url.includes('/runs/get')
        ? json({
            run: { info: { run_id: 'a'.repeat(32), experiment_id: '3', status: 'RUNNING', start_time: '5' }, data: { metrics: [{ key: 'm', value: 'NaN' }] } },
          })
        : json({ experiment_id: '3' }),
    );
    const store = new RestStore('http://mlflow.test/', { fetch, sleep: noSleep });
    expect(await store.createExperiment('e')).toBe('3');
    const run = await store.getRun('a'.repeat(32));
    expect(run.info.experimentId).toBe('3');
    expect(run.info.startTime).toBe(5);
    expect(Number.isNaN(run.data.metrics.m)).toBe(true);
    expect(calls[0]).toMatchObject({ method: 'POST', url: `http://mlflow.test${ENDPOINTS.createExperiment.path}`, body: { name: 'e', tags: [] } });
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(calls[1]).toMatchObject({ method: 'GET', url: `http://mlflow.test${ENDPOINTS.getRun.path}?run_id=${'a'.repeat(32)}` });
  });

  it('sends NaN and infinities as protobuf JSON strings', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    await new RestStore('http://mlflow.test', { fetch }).logBatch('b'.repeat(32), {
      metrics: [
        { key: 'a', value: Number.NaN, timestamp: 1, step: 0 },
        { key: 'b', value: -Infinity, timestamp: 1, step: 0 },
      ],
    });
    expect((calls[0]!.body as { metrics: { value: unknown }[] }).metrics.map((m) => m.value)).toEqual(['NaN', '-Infinity']);
  });

  it("splits large writes at MLflow's log-batch limits (1000 metrics / 100 params / 100 tags / 1000 items)", async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const client = new TrackingClient(new RestStore('http://mlflow.test', { fetch }));
    await client.logBatch('c'.repeat(32), {
      params: Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: '1' })),
      tags: Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: '1' })),
      metrics: Array.from({ length: 2500 }, (_, i) => ({ key: 'm', value: i, timestamp: i, step: i })),
    });
    const sizes = calls.map((c) => {
      const b = c.body as { params: unknown[]; tags: unknown[]; metrics: unknown[] };
      return [b.params.length, b.tags.length, b.metrics.length];
    });
    for (const [p, t, m] of sizes) {
      expect(p).toBeLessThanOrEqual(100);
      expect(t).toBeLessThanOrEqual(100);
      expect(m).toBeLessThanOrEqual(1000);
      expect(p! + t! + m!).toBeLessThanOrEqual(1000);
    }
    expect(sizes.reduce((s, [p]) => s + p!, 0)).toBe(250);
    expect(sizes.reduce((s, [, t]) => s + t!, 0)).toBe(150);
    expect(sizes.reduce((s, [, , m]) => s + m!, 0)).toBe(2500);
  });

  it('rejects a non-http URI with a typed error', () => {
    expect(() => new RestStore('ftp://x')).toThrow(TrackingError);
  });
});
