import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore, createTrackingStore, registerTrackingStore, resolveRegistryUri, resolveTrackingUri } from './index';

const dir = mkdtempSync(join(tmpdir(), 'abt-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store resolution', () => {
  it('explicit option > argument > MLFLOW_TRACKING_URI > sqlite:///mlflow.db', () => {
    const env = { MLFLOW_TRACKING_URI: 'http://env:5000' };
    expect(resolveTrackingUri('sqlite:///a.db', { trackingUri: 'http://explicit', env })).toBe('http://explicit');
    expect(resolveTrackingUri('sqlite:///a.db', { env })).toBe('sqlite:///a.db');
    expect(resolveTrackingUri(undefined, { env })).toBe('http://env:5000');
    expect(resolveTrackingUri(undefined, { env: {} })).toBe('sqlite:///mlflow.db');
  });

  it('registry URI follows the tracking URI unless set', () => {
    expect(resolveRegistryUri(undefined, { env: { MLFLOW_TRACKING_URI: 'http://t' } })).toBe('http://t');
    expect(resolveRegistryUri(undefined, { env: { MLFLOW_TRACKING_URI: 'http://t', MLFLOW_REGISTRY_URI: 'sqlite:///r.db' } })).toBe('sqlite:///r.db');
    expect(resolveRegistryUri('http://r', { env: { MLFLOW_REGISTRY_URI: 'sqlite:///r.db' } })).toBe('http://r');
  });

  it('picks the store by scheme', async () => {
    const sqlite = await createTrackingStore(undefined, {
      env: { MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'env.db')}` },
      artifactRoot: join(dir, 'mlruns'),
    });
    expect(sqlite.kind).toBe('sqlite');
    await sqlite.close();
    expect((await createTrackingStore('http://127.0.0.1:5000')).kind).toBe('rest');
    expect((await createTrackingStore('https://mlflow.example')).kind).toBe('rest');
    expect((await createTrackingStore('memory:')).kind).toBe('memory');
  });

  it('rejects bad URIs with typed errors naming them', async () => {
    await expect(createTrackingStore('ftp://x')).rejects.toMatchObject({ code: 'INVALID_URI', message: expect.stringContaining("'ftp://x'") });
    await expect(createTrackingStore('file:///tmp/mlruns')).rejects.toMatchObject({ code: 'INVALID_URI' });
    await expect(createTrackingStore('./mlruns')).rejects.toMatchObject({ code: 'INVALID_URI' });
    await expect(createTrackingStore('sqlite://host/x.db')).rejects.toMatchObject({ code: 'INVALID_URI' });
  });

  it('accepts registered schemes', async () => {
    registerTrackingStore('test-mem', () => new MemoryStore());
    expect((await createTrackingStore('test-mem://anything')).kind).toBe('memory');
  });
});
