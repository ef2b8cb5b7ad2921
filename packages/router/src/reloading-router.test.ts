import { describe, expect, it } from 'vitest';
import { createMemoryPolicyLoader, createReloadingRouter, type Policy, routerSourceFromConfig } from './index';

const constant = (name: string, modelVersion: string, score: number): Policy => ({
  version: 1,
  name,
  modelVersion,
  predict: (rows) => new Float64Array(rows.userId.length).fill(score),
});
const config = {
  format: 'abt-router',
  formatVersion: 1,
  experiment: { key: 'k', arms: [{ name: 'A' }, { name: 'B' }] },
  models: { A: 'models:/m@PolicyA', B: 'models:/m@PolicyB' },
};

describe('createReloadingRouter', () => {
  it('swaps atomically when an alias moves; old references keep serving', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/m@PolicyA': constant('a', '1', 0.1), 'models:/m@PolicyB': constant('b', '2', 0.2) });
    const r = createReloadingRouter({ source: routerSourceFromConfig(config, loader), pollIntervalMs: 0 });
    await r.start();
    const inFlight = r.current();
    expect(await r.reload()).toEqual({ changed: false });
    loader.set('models:/m@PolicyA', constant('a', '5', 0.9));
    expect(await r.reload()).toEqual({ changed: true });
    expect(r.current()).not.toBe(inFlight);
    expect(r.current().policy('A').modelVersion).toBe('5');
    expect(inFlight.policy('A').modelVersion).toBe('1'); // a request holding the old router finishes on it
    expect(r.status()).toMatchObject({ versions: { 'models:/m@PolicyA': '5', 'models:/m@PolicyB': '2' }, reloads: 1, lastReloadError: undefined });
  });

  it('keeps the old router and reports the error when the new version is broken', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/m@PolicyA': constant('a', '1', 0.1), 'models:/m@PolicyB': constant('b', '2', 0.2) });
    const r = createReloadingRouter({ source: routerSourceFromConfig(config, loader), pollIntervalMs: 0 });
    await r.start();
    const before = r.current();
    loader.set('models:/m@PolicyB', {
      modelVersion: '3',
      load: () => {
        throw new Error('corrupt model file');
      },
    });
    const result = await r.reload();
    expect(result.changed).toBe(false);
    expect(result.error).toMatch(/models:\/m@PolicyB.*corrupt model file/);
    expect(r.current()).toBe(before);
    expect(r.status().lastReloadError).toMatch(/corrupt model file/);
    loader.set('models:/m@PolicyB', constant('b', '4', 0.4));
    expect((await r.reload()).changed).toBe(true);
    expect(r.status().lastReloadError).toBeUndefined();
  });

  it('shares one in-flight reload between concurrent callers and polls on its own', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/m@PolicyA': constant('a', '1', 0.1), 'models:/m@PolicyB': constant('b', '2', 0.2) });
    const r = createReloadingRouter({ source: routerSourceFromConfig(config, loader), pollIntervalMs: 20 });
    await r.start();
    loader.set('models:/m@PolicyA', constant('a', '9', 0.1));
    const [x, y] = [r.reload(), r.reload()];
    expect(x).toBe(y);
    await x;
    loader.set('models:/m@PolicyA', constant('a', '10', 0.1));
    await new Promise((res) => setTimeout(res, 120));
    expect(r.current().policy('A').modelVersion).toBe('10');
    r.stop();
  });

  it('start() fails naming the missing alias', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/m@PolicyA': constant('a', '1', 0.1) });
    const r = createReloadingRouter({ source: routerSourceFromConfig(config, loader), pollIntervalMs: 0 });
    await expect(r.start()).rejects.toThrow(/models:\/m@PolicyB/);
    expect(() => r.current()).toThrow(/not started/);
  });
});
