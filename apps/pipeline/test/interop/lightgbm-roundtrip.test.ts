import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTables } from '@abt/data';
import { connect } from '@abt/registry';
import { createRegistryPolicyLoader, createRegistryRouterSource } from '@abt/router/loaders';
import { toColumns } from '@abt/router';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

// The user's own model: abt exports the features, the real LightGBM trains on them elsewhere, and
// `abt-pipeline register --policy B --lightgbm model.txt` makes that model Policy B, served by the router.
const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));

describe.skipIf(!python)('export → LightGBM → register --lightgbm → router (real lightgbm)', () => {
  const out = tempDir('lgb-roundtrip');
  const work = tempDir('lgb-work');
  let lgbOut: { features: string[]; pred: number[]; userId: number[]; itemId: number[] };
  let registered: ReturnType<typeof runCli>;

  beforeAll(() => {
    const first = runCli(['--dataset', 'synthetic', '--synthetic-ratings', '8000', '--steps', 'prepare,train,register,router', '--export', '--out', out]);
    if (first.code !== 0) throw new Error(`pipeline failed (${first.code}): ${first.stderr}`);
    execFileSync(python!, [path.join(here, 'lightgbm_external.py'), path.join(out, 'export'), work], { encoding: 'utf8' });
    lgbOut = JSON.parse(readFileSync(path.join(work, 'lightgbm_test.json'), 'utf8'));
    registered = runCli(['register', '--policy', 'B', '--lightgbm', path.join(work, 'model.txt'), '--out', out]);
  }, 600_000);

  it('registers the LightGBM model as movielens_ctr_ab@PolicyB and says how it is served', () => {
    expect(registered.stderr).not.toMatch(/error/i);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toMatch(/registered movielens_ctr_ab@PolicyB → v3 \(LightGBM model .*model\.txt, 40 trees\)/);
  });

  it('the registered router serves it: Policy B scores raw requests exactly as LightGBM scored the exported features', async () => {
    const trackingUri = `sqlite:///${path.join(out, 'mlflow.db')}`;
    const conn = await connect({ trackingUri });
    try {
      const context = { registry: conn.registry, tracking: conn.client.store, cacheDir: path.join(work, 'cache') };
      const versions = await createRegistryRouterSource({ routerUri: 'models:/movielens_ctr_router@router', context }).resolveCurrent();
      expect(versions['models:/movielens_ctr_ab@PolicyB']).toBe('3');
      const policy = await createRegistryPolicyLoader(context).load('models:/movielens_ctr_ab@PolicyB', '3');
      const { test } = await loadTables<{ test: { userId: Int32Array; movieId: Int32Array; timestamp: Float64Array } }>(path.join(out, 'prepared'));
      expect(Array.from(test.userId)).toEqual(lgbOut.userId);
      const scores = policy.predict(toColumns({ userId: test.userId, movieId: test.movieId, timestamp: test.timestamp }));
      let worst = 0;
      for (let i = 0; i < scores.length; i++) worst = Math.max(worst, Math.abs(scores[i]! - lgbOut.pred[i]!));
      expect(worst).toBeLessThan(1e-9);
    } finally {
      await conn.close();
    }
  });

  it('refuses a model trained on other columns, naming the first difference', () => {
    const text = readFileSync(path.join(work, 'model.txt'), 'utf8').replace(/^feature_names=(\S+)/m, 'feature_names=not_a_feature');
    const bad = path.join(work, 'other.txt');
    writeFileSync(bad, text);
    const r = runCli(['register', '--policy', 'B', '--lightgbm', bad, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/feature 0 is 'not_a_feature' but the FeatureSpec's column 0 is 'movie_pos_rate'/);
    expect(runCli(['register', '--policy', 'A', '--lightgbm', bad, '--out', out]).stderr).toMatch(/only become Policy B/);
  });
});
