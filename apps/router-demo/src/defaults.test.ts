import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, resolveDataPath, resolveDemoTrackingUri } from './defaults';

describe('defaults', () => {
  it('tracking URI: --tracking-uri > MLFLOW_TRACKING_URI > sqlite:///<repo>/abt-out/mlflow.db', () => {
    const env = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000' };
    expect(resolveDemoTrackingUri('sqlite:////tmp/a.db', env, '/r')).toEqual({ uri: 'sqlite:////tmp/a.db', source: '--tracking-uri' });
    expect(resolveDemoTrackingUri(undefined, env, '/r')).toEqual({ uri: 'http://127.0.0.1:5000', source: 'MLFLOW_TRACKING_URI' });
    expect(resolveDemoTrackingUri(undefined, { MLFLOW_TRACKING_URI: '' }, '/r')).toEqual({ uri: 'sqlite:////r/abt-out/mlflow.db', source: 'default' });
  });

  it('data: --data > ABT_ML100K > <repo>/../shared/data/movielens/ml-100k.zip', () => {
    expect(resolveDataPath('x.zip', { ABT_ML100K: 'y.zip' }, '/r/main')).toBe('x.zip');
    expect(resolveDataPath(undefined, { ABT_ML100K: 'y.zip' }, '/r/main')).toBe('y.zip');
    expect(resolveDataPath(undefined, {}, '/r/main')).toBe('/r/shared/data/movielens/ml-100k.zip');
  });

  it('finds the monorepo root from this file', () => {
    expect(repoRoot(import.meta.dirname, '/')).toBe(path.resolve(import.meta.dirname, '../../..'));
  });
});
