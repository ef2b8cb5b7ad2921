import { describe, expect, it } from 'vitest';
import { REGISTRY_ENDPOINTS, RegistryError, RestRegistryStore } from '../../index.js';

interface Call {
  method: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}

function fakeServer(answer: (call: Call) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: new URL(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch };
}

const mv = {
  name: 'm',
  version: '3',
  creation_timestamp: 5,
  last_updated_timestamp: 6,
  current_stage: 'None',
  source: 'models:/m-abc',
  run_id: 'r',
  status: 'READY',
  tags: [{ key: 'k', value: 'v' }],
  aliases: ['PolicyB'],
};

describe('RestRegistryStore wire format', () => {
  it('sends GET arguments in the query string and others as JSON, per the endpoint table', async () => {
    const { calls, fetch } = fakeServer((c) =>
      c.url.pathname.endsWith('/alias') && c.method === 'GET' ? { status: 200, body: { model_version: mv } } : { status: 200, body: {} },
    );
    const store = new RestRegistryStore('http://127.0.0.1:5000/', { fetch, env: { MLFLOW_TRACKING_TOKEN: 't0k' } });
    const got = await store.getModelVersionByAlias('m', 'PolicyB');
    expect(got).toMatchObject({ name: 'm', version: '3', modelId: 'm-abc', tags: { k: 'v' }, aliases: ['PolicyB'], creationTimestamp: 5 });
    await store.setRegisteredModelAlias('m', 'PolicyB', '3');
    await store.deleteRegisteredModelTag('m', 'k');
    expect(calls[0]!.url.pathname).toBe(REGISTRY_ENDPOINTS.getModelVersionByAlias.path);
    expect(calls[0]!.url.searchParams.get('alias')).toBe('PolicyB');
    expect(calls[0]!.headers.Authorization).toBe('Bearer t0k');
    expect(calls[1]).toMatchObject({ method: 'POST', body: { name: 'm', alias: 'PolicyB', version: '3' } });
    expect(calls[2]).toMatchObject({ method: 'DELETE', body: { name: 'm', key: 'k' } });
  });

  it('sends model_id for models:/m-… sources and run_id for runs:/ sources', async () => {
    const { calls, fetch } = fakeServer(() => ({ status: 200, body: { model_version: mv } }));
    const store = new RestRegistryStore('http://127.0.0.1:5000', { fetch });
    await store.createModelVersion({ name: 'm', source: 'models:/m-abc', runId: 'r' });
    await store.createModelVersion({ name: 'm', source: 'runs:/r2/model' });
    expect(calls[0]!.body).toMatchObject({ source: 'models:/m-abc', run_id: 'r', model_id: 'm-abc' });
    expect(calls[1]!.body).toMatchObject({ source: 'runs:/r2/model', run_id: 'r2' });
    expect(calls[1]!.body).not.toHaveProperty('model_id');
  });

  it('maps MLflow error bodies to RegistryError with the same code and status', async () => {
    const { fetch } = fakeServer(() => ({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Registered Model with name=x not found' } }));
    const err = await new RestRegistryStore('http://127.0.0.1:5000', { fetch }).getRegisteredModel('x').catch((e) => e);
    expect(RegistryError.isInstance(err)).toBe(true);
    expect(err.code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(err.httpStatus).toBe(404);
    expect(err.kind).toBe('remote');
    expect(err.toJSON()).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('not found') });
  });

  it('retries 503 and reports an unreachable server as TEMPORARILY_UNAVAILABLE', async () => {
    let n = 0;
    const { fetch } = fakeServer(() => (++n < 3 ? { status: 503, body: {} } : { status: 200, body: { registered_model: { name: 'm' } } }));
    const store = new RestRegistryStore('http://127.0.0.1:5000', { fetch, sleep: async () => {} });
    expect((await store.getRegisteredModel('m')).name).toBe('m');
    expect(n).toBe(3);
    const down = new RestRegistryStore('http://127.0.0.1:5000', {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      sleep: async () => {},
      maxRetries: 1,
    });
    const err = await down.getRegisteredModel('m').catch((e) => e);
    expect(RegistryError.isInstance(err) && err.code).toBe('TEMPORARILY_UNAVAILABLE');
  });

  it('validates before sending and rejects non-http URIs', async () => {
    const { calls, fetch } = fakeServer(() => ({ status: 200, body: {} }));
    const store = new RestRegistryStore('http://127.0.0.1:5000', { fetch });
    await expect(store.createModelVersion({ name: 'm', source: 'runs:/r/../../etc' })).rejects.toThrow(/Invalid model version source/);
    await expect(store.setRegisteredModelAlias('m', 'latest', '1')).rejects.toThrow(/reserved/);
    expect(calls).toHaveLength(0);
    expect(() => new RestRegistryStore('sqlite:///x.db')).toThrow(RegistryError);
  });
});
