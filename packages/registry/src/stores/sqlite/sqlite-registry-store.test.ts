import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openMlflowDatabase } from '@abt/tracking';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RegistryError, SqliteRegistryStore } from '../../index.js';
import { registryStoreContract } from '../../testing/index.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'abt-registry-sqlite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function makeStore(): SqliteRegistryStore {
  const file = path.join(dir, `contract-${++n}.db`);
  return new SqliteRegistryStore({ db: openMlflowDatabase(file, { artifactRoot: path.join(dir, 'mlruns') }) });
}

registryStoreContract(test, makeStore);

describe('SqliteRegistryStore specifics', () => {
  test('writes workspace-scoped rows MLflow reads: stage None, status READY, storage_location', async () => {
    const file = path.join(dir, 'rows.db');
    const db = openMlflowDatabase(file, { artifactRoot: path.join(dir, 'mlruns') });
    const store = new SqliteRegistryStore({ db, ownsDatabase: false });
    await store.createRegisteredModel('movielens_ctr_ab');
    await store.createModelVersion({ name: 'movielens_ctr_ab', source: 'runs:/0123456789abcdef0123456789abcdef/model' });
    await store.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyB', '1');
    const row = db.get<Record<string, unknown>>(`SELECT * FROM model_versions WHERE name = 'movielens_ctr_ab'`)!;
    expect(row).toMatchObject({
      workspace: 'default',
      version: 1,
      current_stage: 'None',
      status: 'READY',
      run_id: '0123456789abcdef0123456789abcdef',
      storage_location: 'runs:/0123456789abcdef0123456789abcdef/model',
    });
    expect(db.get(`SELECT workspace, alias, version FROM registered_model_aliases`)).toEqual({ workspace: 'default', alias: 'PolicyB', version: 1 });
    await store.deleteModelVersion('movielens_ctr_ab', '1');
    expect(db.get(`SELECT current_stage, source FROM model_versions`)).toEqual({ current_stage: 'Deleted_Internal', source: 'REDACTED-SOURCE-PATH' });
    db.close();
  });

  test('a local source must lie inside its run artifact directory', async () => {
    const file = path.join(dir, 'local.db');
    const db = openMlflowDatabase(file, { artifactRoot: path.join(dir, 'mlruns') });
    const runId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const artifactUri = path.join(dir, 'mlruns', '0', runId, 'artifacts');
    db.run(
      `INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time)
       VALUES (?, 'r', 'LOCAL', '', '', 'u', 'FINISHED', 0, 0, '', 'active', ?, 0, NULL)`,
      runId,
      artifactUri,
    );
    const store = new SqliteRegistryStore({ db });
    await store.createRegisteredModel('m');
    const ok = await store.createModelVersion({ name: 'm', source: `${artifactUri}/model`, runId });
    expect(ok.source).toBe(`${artifactUri}/model`);
    const outside = await store.createModelVersion({ name: 'm', source: path.join(dir, 'elsewhere'), runId }).catch((e) => e);
    expect(RegistryError.isInstance(outside) && outside.code).toBe('INVALID_PARAMETER_VALUE');
    const sibling = await store.createModelVersion({ name: 'm', source: `${artifactUri}-evil/model`, runId }).catch((e) => e);
    expect(RegistryError.isInstance(sibling) && sibling.code).toBe('INVALID_PARAMETER_VALUE');
    await store.close();
  });
});

describe('SqliteRegistryStore schema check', () => {
  test('refuses a database without the workspace-scoped registry tables, naming what is missing', async () => {
    const file = path.join(dir, 'old.db');
    const db = openMlflowDatabase(file, { artifactRoot: path.join(dir, 'mlruns') });
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec('DROP TABLE registered_model_aliases');
    const err = (() => {
      try {
        new SqliteRegistryStore({ db });
      } catch (e) {
        return e;
      }
    })();
    expect(RegistryError.isInstance(err) && err.code).toBe('INVALID_STATE');
    expect(String((err as Error).message)).toContain("table 'registered_model_aliases'");
    db.close();
  });
});
