import assert from 'node:assert/strict';
import type { MlflowErrorCode } from '@abt/tracking/mlflow';
import { InvalidOptionError, RegistryError } from '../errors.js';
import { REGISTRY_STORE_CALLS } from '../call-specs.js';
import { assertCallsChecked } from '@abt/tracking/testing';
import type { RegistryStore } from '../store.js';
import { checkCall } from '../arguments.js';
import { CONTRACT_KEYS } from '../call-specs.js';

/** The `test`/`it` function of any runner (vitest, node:test, jest). */
export type ContractTest = (name: string, fn: () => Promise<void>) => void;

export interface RegistryStoreContractOptions {
  /** Prefix for model names, so suites can share a live server (default `contract`). */
  namePrefix?: string;
  /** A run id usable in `runs:/` sources (default a fixed 32-hex id). */
  runId?: string;
  /** Called after each test with the store it made. Defaults to `store.close()`. */
  dispose?: (store: RegistryStore) => Promise<void>;
}

async function expectCode(promise: Promise<unknown>, code: MlflowErrorCode): Promise<RegistryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(RegistryError.isInstance(err), `expected RegistryError ${code}, got ${err === undefined ? 'success' : String(err)}`);
  assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
  return err;
}

/**
 * The behaviour every {@link RegistryStore} must show, as one suite (keyv's test-suite,
 * sklearn's check_estimator). Run it with your runner's `test` and a factory:
 * `registryStoreContract(test, () => new MemoryRegistryStore())`.
 */
export function registryStoreContract(
  test: ContractTest,
  makeStore: () => RegistryStore | Promise<RegistryStore>,
  options: RegistryStoreContractOptions = {},
): void {
  checkCall('registryStoreContract', arguments, 3, { 2: CONTRACT_KEYS });
  const prefix = options.namePrefix ?? 'contract';
  const runId = options.runId ?? '0123456789abcdef0123456789abcdef';
  const dispose = options.dispose ?? ((s: RegistryStore) => s.close());
  let counter = 0;
  const fresh = (label: string) => `${prefix}_${label}_${++counter}`;
  const withStore = (name: string, fn: (store: RegistryStore) => Promise<void>) =>
    test(name, async () => {
      const store = await makeStore();
      try {
        await fn(store);
      } finally {
        await dispose(store);
      }
    });

  withStore('registry contract: declares version 1 and a kind', async (s) => {
    assert.equal(s.version, 1);
    assert.equal(typeof s.kind, 'string');
  });

  withStore('registry contract: creates and reads a registered model with tags and description', async (s) => {
    const name = fresh('create');
    const before = Date.now() - 60_000;
    const created = await s.createRegisteredModel(name, { tags: { team: 'recs', 'mlflow.note': 'n' }, description: 'ctr models' });
    assert.equal(created.name, name);
    const got = await s.getRegisteredModel(name);
    assert.equal(got.name, name);
    assert.equal(got.description, 'ctr models');
    assert.deepEqual(got.tags, { team: 'recs', 'mlflow.note': 'n' });
    assert.deepEqual(got.aliases, {});
    assert.deepEqual(got.latestVersions, []);
    assert.ok(got.creationTimestamp >= before, 'creation timestamp is milliseconds since the epoch');
    const dup = await expectCode(s.createRegisteredModel(name), 'RESOURCE_ALREADY_EXISTS');
    assert.equal(dup.httpStatus, 400);
  });

  withStore('registry contract: missing models and versions are RESOURCE_DOES_NOT_EXIST (404), missing aliases INVALID_PARAMETER_VALUE', async (s) => {
    const err = await expectCode(s.getRegisteredModel(fresh('missing')), 'RESOURCE_DOES_NOT_EXIST');
    assert.equal(err.httpStatus, 404);
    const name = fresh('noversion');
    await s.createRegisteredModel(name);
    await expectCode(s.getModelVersion(name, '7'), 'RESOURCE_DOES_NOT_EXIST');
    await expectCode(s.getModelVersionByAlias(name, 'nope'), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.getModelVersionByAlias(name, 'latest'), 'RESOURCE_DOES_NOT_EXIST');
    await expectCode(s.getModelVersionByAlias(fresh('missing'), 'any'), 'RESOURCE_DOES_NOT_EXIST');
    await expectCode(s.deleteRegisteredModel(fresh('missing')), 'RESOURCE_DOES_NOT_EXIST');
  });

  withStore('registry contract: rejects invalid names, versions and tag keys with INVALID_PARAMETER_VALUE', async (s) => {
    for (const bad of ['', '   ', 'a/b', 'a:b']) await expectCode(s.createRegisteredModel(bad), 'INVALID_PARAMETER_VALUE');
    const name = fresh('invalid');
    await s.createRegisteredModel(name);
    await expectCode(s.getModelVersion(name, 'abc'), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.setRegisteredModelTag(name, '../escape', 'x'), 'INVALID_PARAMETER_VALUE');
  });

  withStore('registry contract: updates description, sets, overwrites and deletes tags', async (s) => {
    const name = fresh('tags');
    await s.createRegisteredModel(name);
    const updated = await s.updateRegisteredModel(name, { description: 'new text' });
    assert.equal(updated.description, 'new text');
    await s.setRegisteredModelTag(name, 'k', 'v1');
    await s.setRegisteredModelTag(name, 'k', 'v2');
    await s.setRegisteredModelTag(name, 'other', 'o');
    assert.deepEqual((await s.getRegisteredModel(name)).tags, { k: 'v2', other: 'o' });
    await s.deleteRegisteredModelTag(name, 'k');
    await s.deleteRegisteredModelTag(name, 'never-set');
    assert.deepEqual((await s.getRegisteredModel(name)).tags, { other: 'o' });
    await expectCode(s.setRegisteredModelTag(fresh('missing'), 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST');
  });

  withStore('registry contract: searches models by name =, LIKE and tags, with paging', async (s) => {
    const stem = fresh('search');
    for (const suffix of ['a', 'b', 'c']) await s.createRegisteredModel(`${stem}_${suffix}`, { tags: { arm: suffix === 'b' ? 'B' : 'A' } });
    const eq = await s.searchRegisteredModels({ filter: `name = '${stem}_b'` });
    assert.deepEqual(
      eq.items.map((m) => m.name),
      [`${stem}_b`],
    );
    const like = await s.searchRegisteredModels({ filter: `name LIKE '${stem}%'` });
    assert.deepEqual(
      like.items.map((m) => m.name),
      [`${stem}_a`, `${stem}_b`, `${stem}_c`],
    );
    const tagged = await s.searchRegisteredModels({ filter: `name LIKE '${stem}%' AND tags.arm = 'A'` });
    assert.deepEqual(
      tagged.items.map((m) => m.name),
      [`${stem}_a`, `${stem}_c`],
    );
    const page1 = await s.searchRegisteredModels({ filter: `name LIKE '${stem}%'`, maxResults: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextPageToken, 'first page has a token');
    const page2 = await s.searchRegisteredModels({ filter: `name LIKE '${stem}%'`, maxResults: 2, pageToken: page1.nextPageToken });
    assert.deepEqual(
      page2.items.map((m) => m.name),
      [`${stem}_c`],
    );
    assert.equal(page2.nextPageToken ?? undefined, undefined);
    const desc = await s.searchRegisteredModels({ filter: `name LIKE '${stem}%'`, orderBy: ['name DESC'] });
    assert.deepEqual(
      desc.items.map((m) => m.name),
      [`${stem}_c`, `${stem}_b`, `${stem}_a`],
    );
    await expectCode(s.searchRegisteredModels({ filter: 'name ~ 3' }), 'INVALID_PARAMETER_VALUE');
  });

  withStore('registry contract: creates versions 1, 2 from runs:/ sources with READY status and stage None', async (s) => {
    const name = fresh('versions');
    await s.createRegisteredModel(name);
    const v1 = await s.createModelVersion({ name, source: `runs:/${runId}/model`, runId, tags: { arm: 'A' }, description: 'first' });
    const v2 = await s.createModelVersion({ name, source: `runs:/${runId}/model2`, runId });
    assert.equal(v1.version, '1');
    assert.equal(v2.version, '2');
    const got = await s.getModelVersion(name, '1');
    assert.equal(got.name, name);
    assert.equal(got.status, 'READY');
    assert.equal(got.currentStage, 'None');
    assert.equal(got.source, `runs:/${runId}/model`);
    assert.equal(got.runId, runId);
    assert.equal(got.description, 'first');
    assert.deepEqual(got.tags, { arm: 'A' });
    assert.equal(await s.getModelVersionDownloadUri(name, '2'), `runs:/${runId}/model2`);
    const latest = await s.getLatestVersions(name);
    assert.deepEqual(
      latest.map((v) => v.version),
      ['2'],
    );
    assert.deepEqual(
      (await s.getRegisteredModel(name)).latestVersions.map((v) => v.version),
      ['2'],
    );
    await expectCode(s.createModelVersion({ name: fresh('missing'), source: `runs:/${runId}/model`, runId }), 'RESOURCE_DOES_NOT_EXIST');
  });

  withStore('registry contract: updates version descriptions and tags', async (s) => {
    const name = fresh('vtags');
    await s.createRegisteredModel(name);
    await s.createModelVersion({ name, source: `runs:/${runId}/model`, runId });
    assert.equal((await s.updateModelVersion(name, '1', { description: 'd' })).description, 'd');
    await s.setModelVersionTag(name, '1', 'stage', 'canary');
    await s.setModelVersionTag(name, '1', 'stage', 'full');
    assert.deepEqual((await s.getModelVersion(name, '1')).tags, { stage: 'full' });
    await s.deleteModelVersionTag(name, '1', 'stage');
    assert.deepEqual((await s.getModelVersion(name, '1')).tags, {});
    await expectCode(s.setModelVersionTag(name, '9', 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST');
  });

  withStore('registry contract: searches versions by name and run_id, newest first', async (s) => {
    const a = fresh('vsearch');
    const b = fresh('vsearch');
    await s.createRegisteredModel(a);
    await s.createRegisteredModel(b);
    const otherRun = 'fedcba9876543210fedcba9876543210';
    await s.createModelVersion({ name: a, source: `runs:/${runId}/m`, runId });
    await s.createModelVersion({ name: a, source: `runs:/${otherRun}/m`, runId: otherRun });
    await s.createModelVersion({ name: b, source: `runs:/${otherRun}/m`, runId: otherRun });
    const byName = await s.searchModelVersions({ filter: `name = '${a}'`, orderBy: ['version_number DESC'] });
    assert.deepEqual(
      byName.items.map((v) => v.version),
      ['2', '1'],
    );
    const byRun = await s.searchModelVersions({ filter: `run_id = '${otherRun}' AND name IN ('${a}', '${b}')` });
    assert.deepEqual(byRun.items.map((v) => `${v.name}/${v.version}`).sort(), [`${a}/2`, `${b}/1`]);
    const ordered = await s.searchModelVersions({ filter: `run_id = '${otherRun}' AND name IN ('${a}', '${b}')`, orderBy: ['name DESC'] });
    assert.deepEqual(
      ordered.items.map((v) => v.name),
      [b, a],
    );
  });

  withStore('registry contract: aliases set, resolve, move, delete, and appear on model and version', async (s) => {
    const name = fresh('alias');
    await s.createRegisteredModel(name);
    await s.createModelVersion({ name, source: `runs:/${runId}/a`, runId });
    await s.createModelVersion({ name, source: `runs:/${runId}/b`, runId });
    await s.setRegisteredModelAlias(name, 'PolicyA', '1');
    await s.setRegisteredModelAlias(name, 'PolicyB', '1');
    assert.equal((await s.getModelVersionByAlias(name, 'PolicyB')).version, '1');
    await s.setRegisteredModelAlias(name, 'PolicyB', '2');
    const b = await s.getModelVersionByAlias(name, 'PolicyB');
    assert.equal(b.version, '2');
    assert.deepEqual(b.aliases, ['PolicyB']);
    assert.deepEqual((await s.getModelVersion(name, '1')).aliases, ['PolicyA']);
    assert.deepEqual((await s.getRegisteredModel(name)).aliases, { PolicyA: '1', PolicyB: '2' });
    await s.deleteRegisteredModelAlias(name, 'PolicyA');
    await expectCode(s.getModelVersionByAlias(name, 'PolicyA'), 'INVALID_PARAMETER_VALUE');
    assert.equal((await s.getModelVersionByAlias(name, 'latest')).version, '2');
    assert.deepEqual((await s.getRegisteredModel(name)).aliases, { PolicyB: '2' });
    for (const reserved of ['latest', 'LATEST', 'v1', 'V12']) await expectCode(s.setRegisteredModelAlias(name, reserved, '1'), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.setRegisteredModelAlias(name, 'bad alias!', '1'), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.setRegisteredModelAlias(name, 'ghost', '5'), 'RESOURCE_DOES_NOT_EXIST');
  });

  withStore('registry contract: deleting a version drops its aliases and never reuses its number', async (s) => {
    const name = fresh('vdelete');
    await s.createRegisteredModel(name);
    await s.createModelVersion({ name, source: `runs:/${runId}/a`, runId });
    await s.createModelVersion({ name, source: `runs:/${runId}/b`, runId });
    await s.setRegisteredModelAlias(name, 'champion', '2');
    await s.deleteModelVersion(name, '2');
    await expectCode(s.getModelVersion(name, '2'), 'RESOURCE_DOES_NOT_EXIST');
    await expectCode(s.getModelVersionByAlias(name, 'champion'), 'INVALID_PARAMETER_VALUE');
    assert.deepEqual(
      (await s.getLatestVersions(name)).map((v) => v.version),
      ['1'],
    );
    assert.deepEqual(
      (await s.searchModelVersions({ filter: `name = '${name}'` })).items.map((v) => v.version),
      ['1'],
    );
    const v3 = await s.createModelVersion({ name, source: `runs:/${runId}/c`, runId });
    assert.equal(v3.version, '3');
  });

  withStore('registry contract: renames a model with its versions and aliases', async (s) => {
    const name = fresh('rename');
    const to = fresh('renamed');
    await s.createRegisteredModel(name, { tags: { k: 'v' } });
    await s.createModelVersion({ name, source: `runs:/${runId}/m`, runId });
    await s.setRegisteredModelAlias(name, 'router', '1');
    const renamed = await s.renameRegisteredModel(name, to);
    assert.equal(renamed.name, to);
    await expectCode(s.getRegisteredModel(name), 'RESOURCE_DOES_NOT_EXIST');
    const v = await s.getModelVersionByAlias(to, 'router');
    assert.equal(v.name, to);
    assert.equal(v.version, '1');
    assert.deepEqual((await s.getRegisteredModel(to)).tags, { k: 'v' });
  });

  withStore('registry contract: deleting a model removes its versions', async (s) => {
    const name = fresh('mdelete');
    await s.createRegisteredModel(name);
    await s.createModelVersion({ name, source: `runs:/${runId}/m`, runId });
    await s.deleteRegisteredModel(name);
    await expectCode(s.getRegisteredModel(name), 'RESOURCE_DOES_NOT_EXIST');
    assert.deepEqual((await s.searchModelVersions({ filter: `name = '${name}'` })).items, []);
    await s.createRegisteredModel(name);
    assert.equal((await s.createModelVersion({ name, source: `runs:/${runId}/m`, runId })).version, '1');
  });

  withStore('registry contract: rejects traversal and mismatched ids in version sources', async (s) => {
    const name = fresh('sources');
    await s.createRegisteredModel(name);
    const bad = [
      `runs:/${runId}/../../etc`,
      `runs:/${runId}/%252e%252e%252fetc`,
      `mlflow-artifacts:/0/${runId}/artifacts/..%2f..%2f..%2fsecret`,
      'http://127.0.0.1/api/2.0/mlflow-artifacts/artifacts/../../../etc/passwd',
      `runs:/${runId}/model\u0000`,
    ];
    for (const source of bad) await expectCode(s.createModelVersion({ name, source, runId }), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.createModelVersion({ name, source: `runs:/${runId}/model`, runId: 'fedcba9876543210fedcba9876543210' }), 'INVALID_PARAMETER_VALUE');
    await expectCode(s.createModelVersion({ name, source: '/etc' }), 'INVALID_PARAMETER_VALUE');
    for (const source of ['//proc/self/root', 'file://evil.example/etc', 'C:/Windows/System32', 'relative/model']) {
      await expectCode(s.createModelVersion({ name, source, runId }), 'INVALID_PARAMETER_VALUE');
    }
    await expectCode(s.createModelVersion({ name, source: 'http:///#/../../etc/', runId }), 'INVALID_PARAMETER_VALUE');
    assert.deepEqual((await s.searchModelVersions({ filter: `name = '${name}'` })).items, []);
  });

  withStore('registry contract: refuses unknown option keys and surplus positional arguments on every method (REGISTRY_STORE_CALLS)', async (s) => {
    await assertCallsChecked(s, REGISTRY_STORE_CALLS, InvalidOptionError.isInstance);
  });
}
