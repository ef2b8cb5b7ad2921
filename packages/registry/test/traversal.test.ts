import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrackingClient } from '@abt/tracking';
import { LOCATION_CASES, SYMLINK_CASES, TRAVERSAL_CASES, createSymlinkFixture } from '@abt/tracking/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryRegistryStore,
  RegistryError,
  SqliteRegistryStore,
  checkRelativePath,
  parseRunsUri,
  parseUri,
  readBundle,
  readBundleFile,
  registerModel,
  resolveInside,
  resolveModelUri,
  saveBundle,
  stringifyMlmodel,
  type MLmodel,
  type RegistryStore,
} from '../src/index.js';

// The one traversal table of @abt/tracking/testing against every path of @abt/registry that reads
// or writes files or takes a source: bundles (save, read, read a file), registration, runs:/ URIs,
// URI resolution and model-version sources, in the memory and SQLite stores. Refusals must be
// RegistryErrors with INVALID_PARAMETER_VALUE and must leave nothing behind.

let work: string;
let trackingUri: string;
let runId: string;
let runArtifacts: string;
let client: TrackingClient;
let sqlite: SqliteRegistryStore;
let goodBundle: string;
let n = 0;
const fresh = (name: string) => {
  const dir = path.join(work, `${name}-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'abt-registry-traversal-'));
  trackingUri = `sqlite:///${path.join(work, 'mlflow.db')}`;
  client = await TrackingClient.create(trackingUri, { artifactRoot: path.join(work, 'mlruns') });
  const exp = await client.getOrCreateExperiment('traversal');
  const run = await client.startRun({ experimentId: exp.experimentId });
  runId = run.runId;
  runArtifacts = run.artifactUri;
  await run.end();
  sqlite = new SqliteRegistryStore({ db: (client.store as unknown as { db: SqliteRegistryStore['db'] }).db, ownsDatabase: false });
  goodBundle = (
    await saveBundle(path.join(work, 'good-bundle'), { files: { 'model.json': '{}' }, abt: { modelClass: 'LogisticRegression', data: 'model.json' } })
  ).dir;
});
afterAll(async () => {
  await sqlite.close();
  await client.close();
  rmSync(work, { recursive: true, force: true });
});

async function outcome(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'accept';
  } catch (err) {
    return RegistryError.isInstance(err) ? `reject:${err.code}` : `not a RegistryError: ${String(err)}`;
  }
}
const REFUSED = 'reject:INVALID_PARAMETER_VALUE';

/** Writes a bundle directory whose MLmodel says what the test needs (as a hostile or foreign writer could). */
function rawBundle(dir: string, patch: (m: MLmodel) => void, files: Record<string, string> = { 'model.json': '{}' }): string {
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(dir, rel), text);
  const mlmodel: MLmodel = {
    flavors: { abt: { format_version: 1, model_class: 'LogisticRegression', data: 'model.json' } },
    model_uuid: null,
    model_id: null,
    utc_time_created: '2026-01-01 00:00:00.000000',
  };
  patch(mlmodel);
  writeFileSync(path.join(dir, 'MLmodel'), stringifyMlmodel(mlmodel));
  return dir;
}

const stores = (): Record<string, RegistryStore> => ({ memory: new MemoryRegistryStore(), sqlite });

describe('TRAVERSAL_CASES against every registry read and write path', () => {
  it.each(TRAVERSAL_CASES.map((c) => [c.name, c.path, c.abt] as const))('%s (%j) → %s', async (_name, p, verdict) => {
    const expected = verdict === 'accept' ? 'accept' : REFUSED;
    const base = fresh('case');
    expect(await outcome(() => checkRelativePath(p))).toBe(expected);
    expect(await outcome(() => resolveInside(base, p))).toBe(expected);
    // Bundles: every path field saveBundle writes, and every one readBundle follows.
    const save = (opts: Partial<Parameters<typeof saveBundle>[1]>) =>
      saveBundle(path.join(base, `save-${n++}`), { files: { 'model.json': '{}' }, abt: { modelClass: 'LR', data: 'model.json' }, ...opts });
    expect(await outcome(() => save({ files: { 'model.json': '{}', [p]: 'x' } }))).toBe(expected);
    expect(await outcome(() => save({ files: { [p]: '{}' }, abt: { modelClass: 'LR', data: p } }))).toBe(expected);
    expect(await outcome(() => save({ files: { 'model.json': '{}', [p]: '{}' }, abt: { modelClass: 'LR', data: 'model.json', featureSpec: p } }))).toBe(
      expected,
    );
    expect(await outcome(() => save({ files: { [p]: 'tree' }, abt: undefined, lightgbm: { data: p } }))).toBe(expected);
    if (verdict === 'reject') expect(readdirSync(base)).toEqual([]);
    const dataBundle = rawBundle(path.join(base, 'raw-data'), (m) => (m.flavors.abt!.data = p));
    const exampleBundle = rawBundle(
      path.join(base, 'raw-example'),
      (m) => (m.saved_input_example_info = { artifact_path: p, type: 'dataframe', pandas_orient: 'split' }),
    );
    if (verdict === 'reject') {
      expect(await outcome(() => readBundle(dataBundle))).toBe(REFUSED);
      expect(await outcome(() => readBundle(exampleBundle))).toBe(REFUSED);
    }
    const good = await readBundle(goodBundle);
    expect((await outcome(() => readBundleFile(good, p))).replace(/^not a RegistryError: Error: ENOENT.*/, 'accept')).toBe(expected);
    // runs:/ URIs, their resolution, and version sources in both stores.
    const runsUri = `runs:/${runId}/${p}`;
    expect(await outcome(() => parseRunsUri(runsUri))).toBe(expected);
    if (verdict === 'reject') {
      expect(await outcome(() => resolveModelUri(runsUri, { registry: sqlite, tracking: client.store }))).toBe(REFUSED);
      for (const [kind, store] of Object.entries(stores())) {
        const name = `m-${kind}-${n++}`;
        await store.createRegisteredModel(name);
        expect(`${kind}: ${await outcome(() => store.createModelVersion({ name, source: runsUri, runId }))}`).toBe(`${kind}: ${REFUSED}`);
        expect((await store.searchModelVersions({ filter: `name = '${name}'` })).items).toEqual([]);
      }
      // Registration refuses the artifact path before logging anything.
      const before = (await client.searchRuns({ experimentIds: ['0'] })).items.length;
      const name = `reg-${n++}`;
      expect(await outcome(() => registerModel({ trackingUri, runId, bundleDir: goodBundle, name, artifactPath: p }))).toBe(REFUSED);
      expect(await outcome(() => sqlite.getRegisteredModel(name))).toBe('reject:RESOURCE_DOES_NOT_EXIST');
      expect((await client.searchRuns({ experimentIds: ['0'] })).items.length).toBe(before);
    }
  });

  it.each(TRAVERSAL_CASES.filter((c) => c.abt === 'accept').map((c) => [c.name, c.path] as const))(
    'keeps working for %s (%j): save, read, register, resolve',
    async (_name, p) => {
      const base = fresh('ok');
      const bundle = await saveBundle(path.join(base, 'bundle'), { files: { [p]: '{"kind":"lr"}' }, abt: { modelClass: 'LR', data: p } });
      expect((await readBundleFile(await readBundle(bundle.dir), p)).toString()).toBe('{"kind":"lr"}');
      const name = `ok-${n++}`;
      const reg = await registerModel({ trackingUri, runId, bundleDir: bundle.dir, name, mode: 'run-artifacts', artifactPath: `models/${p}` });
      const resolved = await resolveModelUri(`models:/${name}/${reg.version.version}`, { registry: sqlite, tracking: client.store });
      expect((await readBundleFile(await readBundle(resolved.localDir), p)).toString()).toBe('{"kind":"lr"}');
      expect(existsSync(path.join(resolved.localDir, checkRelativePath(p)))).toBe(true);
    },
  );
});

describe('SYMLINK_CASES: bundles and sources resolve links before the leaves-its-root check', () => {
  it.each(SYMLINK_CASES.map((c) => [c.name, c.path, c.abt] as const))('%s (%s) → %s', async (_name, p, verdict) => {
    const expected = verdict === 'accept' ? 'accept' : REFUSED;
    const base = fresh('links');
    const { root } = createSymlinkFixture(base);
    rawBundle(root, () => undefined);
    expect(await outcome(() => resolveInside(root, p))).toBe(expected);
    const bundle = await readBundle(root);
    expect(await outcome(() => readBundleFile(bundle, p))).toBe(expected);
    // An MLmodel whose data file or input example is reached through the link.
    rawBundle(root, (m) => (m.flavors.abt!.data = p));
    expect(await outcome(() => readBundle(root))).toBe(expected);
  });

  it('refuses to register a bundle holding a link that leaves it, before anything is logged', async () => {
    const base = fresh('register-link');
    const bundle = rawBundle(path.join(base, 'bundle'), () => undefined);
    mkdirSync(path.join(base, 'outside'));
    writeFileSync(path.join(base, 'outside', 'secret.txt'), 'secret');
    symlinkSync(path.join(base, 'outside'), path.join(bundle, 'leak'));
    const name = `leaky-${n++}`;
    expect(await outcome(() => registerModel({ trackingUri, runId, bundleDir: bundle, name }))).toBe(REFUSED);
    expect(await outcome(() => sqlite.getRegisteredModel(name))).toBe('reject:RESOURCE_DOES_NOT_EXIST');
    // A link that stays inside is fine: it is uploaded as the file it points at.
    rmSync(path.join(bundle, 'leak'));
    mkdirSync(path.join(bundle, 'inner'));
    writeFileSync(path.join(bundle, 'inner', 'notes.txt'), 'notes');
    symlinkSync(path.join(bundle, 'inner'), path.join(bundle, 'inner-link'));
    const reg = await registerModel({ trackingUri, runId, bundleDir: bundle, name });
    const resolved = await resolveModelUri(`models:/${name}/${reg.version.version}`, { registry: sqlite, tracking: client.store });
    expect((await readBundleFile(await readBundle(resolved.localDir), 'inner-link/notes.txt')).toString()).toBe('notes');
  });

  it("refuses a local version source reached through a link in the run's artifact directory (MLflow resolves both sides)", async () => {
    const local = runArtifacts;
    mkdirSync(path.join(local, 'model'), { recursive: true });
    mkdirSync(path.join(work, 'elsewhere'), { recursive: true });
    symlinkSync(path.join(work, 'elsewhere'), path.join(local, 'escape'));
    symlinkSync(path.join(local, 'model'), path.join(local, 'inside'));
    const name = `sources-${n++}`;
    await sqlite.createRegisteredModel(name);
    expect(await outcome(() => sqlite.createModelVersion({ name, source: path.join(local, 'escape'), runId }))).toBe(REFUSED);
    expect(await outcome(() => sqlite.createModelVersion({ name, source: `file://${path.join(local, 'escape')}`, runId }))).toBe(REFUSED);
    expect(await outcome(() => sqlite.createModelVersion({ name, source: path.join(local, 'inside'), runId }))).toBe('accept');
    expect(await outcome(() => sqlite.createModelVersion({ name, source: path.join(local, 'model'), runId }))).toBe('accept');
  });
});

describe('LOCATION_CASES as model-version sources and URIs', () => {
  it.each(LOCATION_CASES.map((c) => [c.name, c.uri, c.abt] as const))('%s: %s → %s', async (_name, uri, verdict) => {
    expect(await outcome(() => parseUri(uri))).toBe(verdict === 'accept' ? 'accept' : REFUSED);
    if (verdict === 'accept' && parseUri(uri).kind === 'artifact' && (parseUri(uri) as { location: string }).location === 'local') return; // containment: above
    for (const [kind, store] of Object.entries(stores())) {
      const name = `loc-${kind}-${n++}`;
      await store.createRegisteredModel(name);
      expect(`${kind}: ${await outcome(() => store.createModelVersion({ name, source: uri, runId }))}`).toBe(
        `${kind}: ${verdict === 'accept' ? 'accept' : REFUSED}`,
      );
    }
  });
});
