import { PATH_PROBLEMS } from '@abt/tracking/mlflow';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TrackingStore } from '@abt/tracking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRegistryStore, RegistryError, resolveModelUri, type ResolveContext } from '../index.js';

let dir: string;
let downloads: string[];
let ctx: ResolveContext;
const runId = 'abcdefabcdefabcdefabcdefabcdefab';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'abt-resolve-'));
  downloads = [];
  const runArtifacts = path.join(dir, 'runs', runId, 'artifacts');
  await mkdir(path.join(runArtifacts, 'model'), { recursive: true });
  await writeFile(path.join(runArtifacts, 'model', 'MLmodel'), 'x');
  // A tracking store double: runs are local, logged models remote (mlflow-artifacts proxy).
  const tracking = {
    getRun: async (id: string) => {
      if (id !== runId) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', `run ${id}`);
      return { info: { artifactUri: runArtifacts } };
    },
    getLoggedModel: async (id: string) => ({ modelId: id, artifactLocation: `mlflow-artifacts:/1/models/${id}/artifacts` }),
    artifactRepository: (uri: string) => ({
      downloadArtifacts: async (rel: string, dst: string) => {
        downloads.push(uri);
        await writeFile(path.join(dst, 'MLmodel'), `from ${uri}${rel}`);
        return dst;
      },
    }),
  } as unknown as TrackingStore;
  const registry = new MemoryRegistryStore();
  await registry.createRegisteredModel('movielens_ctr_ab');
  await registry.createModelVersion({ name: 'movielens_ctr_ab', source: `runs:/${runId}/model`, runId });
  await registry.createModelVersion({ name: 'movielens_ctr_ab', source: 'models:/m-0123', runId });
  await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyA', '1');
  await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyB', '2');
  ctx = { registry, tracking, cacheDir: path.join(dir, 'cache') };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveModelUri', () => {
  it('uses a local run artifact directory in place', async () => {
    const r = await resolveModelUri('models:/movielens_ctr_ab@PolicyA', ctx);
    expect(r.localDir).toBe(path.join(dir, 'runs', runId, 'artifacts', 'model'));
    expect(r.cached).toBe(false);
    expect(r.version?.version).toBe('1');
    expect((await resolveModelUri(`runs:/${runId}/model`, ctx)).localDir).toBe(r.localDir);
  });

  it('downloads a remote logged model once and then serves it from the cache', async () => {
    const first = await resolveModelUri('models:/movielens_ctr_ab@PolicyB', ctx);
    expect(first.location).toBe('mlflow-artifacts:/1/models/m-0123/artifacts');
    expect(first.cached).toBe(false);
    expect(first.localDir.startsWith(path.join(dir, 'cache'))).toBe(true);
    const second = await resolveModelUri('models:/movielens_ctr_ab/2', ctx);
    expect(second.cached).toBe(true);
    expect(second.localDir).toBe(first.localDir);
    expect(downloads).toEqual(['mlflow-artifacts:/1/models/m-0123/artifacts']);
    const latest = await resolveModelUri('models:/movielens_ctr_ab/latest', ctx);
    expect(latest.version?.version).toBe('2');
  });

  it('fails with typed errors for missing runs, directories and bad URIs', async () => {
    await expect(resolveModelUri('runs:/ffffffffffffffffffffffffffffffff/model', ctx)).rejects.toThrow(/run ffff/);
    const missing = await resolveModelUri(`runs:/${runId}/nope`, ctx).catch((e) => e);
    expect(RegistryError.isInstance(missing) && missing.code).toBe('RESOURCE_DOES_NOT_EXIST');
    await expect(resolveModelUri(`runs:/${runId}/%2e%2e/%2e%2e/etc`, ctx)).rejects.toThrow(PATH_PROBLEMS.dotDot());
    await expect(resolveModelUri('models:/movielens_ctr_ab/Bogus', ctx)).rejects.toThrow(/Invalid Model Version stage/);
  });
});
