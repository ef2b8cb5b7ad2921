import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStore, messages } from '@abt/tracking';
import { afterAll, describe, expect, it } from 'vitest';
import * as registry from '../src/index.js';
import { InvalidOptionError, RegistryError } from '../src/index.js';
import { registryStoreContract } from '../src/testing/index.js';
import { invalidOptionFrom } from '@abt/tracking/testing';

// BRIEF contract 2 for every public function and constructor of @abt/registry outside the
// RegistryStore interface (registryStoreContract checks that one against REGISTRY_STORE_CALLS).

const dir = mkdtempSync(path.join(tmpdir(), 'abt-registry-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const S = 'surplus';
const bogus = { bogusOption: true };
/** The function as plain JavaScript sees it: any arguments. */
const loose = (f: unknown) => f as (...a: unknown[]) => unknown;
const looseNew = (c: unknown) => c as new (...a: unknown[]) => unknown;

const refusal = (call: () => unknown) => invalidOptionFrom(call, InvalidOptionError.isInstance);

const memory = new registry.MemoryRegistryStore();
const tracking = new MemoryStore({ artifactRoot: path.join(dir, 'mlruns') });
const bundle = { dir, mlmodel: { flavors: {}, model_uuid: null, model_id: null, utc_time_created: '2026-01-01 00:00:00.000000' } } as registry.Bundle;
const saveOpts = { files: { 'm.json': '{}' }, abt: { modelClass: 'LR', data: 'm.json' } };

/** [name, surplus position, call with one surplus argument, call with an unknown option key]. */
const CASES: [string, number, () => unknown, (() => unknown)?][] = [
  [
    'saveBundle',
    3,
    () => loose(registry.saveBundle)(path.join(dir, 'b1'), saveOpts, S),
    () => registry.saveBundle(path.join(dir, 'b2'), { ...saveOpts, ...bogus } as never),
  ],
  [
    'saveBundle',
    3,
    () => loose(registry.saveBundle)(path.join(dir, 'b3'), saveOpts, S),
    () => registry.saveBundle(path.join(dir, 'b4'), { ...saveOpts, abt: { ...saveOpts.abt, ...bogus } } as never),
  ],
  [
    'saveBundle',
    3,
    () => loose(registry.saveBundle)(path.join(dir, 'b5'), saveOpts, S),
    () => registry.saveBundle(path.join(dir, 'b6'), { ...saveOpts, lightgbm: bogus } as never),
  ],
  ['readBundle', 2, () => loose(registry.readBundle)(dir, S)],
  ['readBundleFile', 3, () => loose(registry.readBundleFile)(bundle, 'x', S)],
  ['requireAbtFlavor', 2, () => loose(registry.requireAbtFlavor)(bundle, S)],
  ['requireLightgbmFlavor', 2, () => loose(registry.requireLightgbmFlavor)(bundle, S)],
  ['parseMlmodel', 3, () => loose(registry.parseMlmodel)('', 'MLmodel', S)],
  ['stringifyMlmodel', 2, () => loose(registry.stringifyMlmodel)(bundle.mlmodel, S)],
  ['signatureToYaml', 2, () => loose(registry.signatureToYaml)({ inputs: [] }, S)],
  ['signatureFromYaml', 3, () => loose(registry.signatureFromYaml)('MLmodel', {}, S)],
  ['parseInputExample', 4, () => loose(registry.parseInputExample)('f', '{}', 'split', S)],
  ['formatUtcTimeCreated', 2, () => loose(registry.formatUtcTimeCreated)(new Date(0), S)],
  ['parseModelUri', 2, () => loose(registry.parseModelUri)('models:/a/1', S)],
  ['parseRunsUri', 2, () => loose(registry.parseRunsUri)('runs:/a/b', S)],
  ['parseUri', 2, () => loose(registry.parseUri)('/a', S)],
  ['localPathOf', 2, () => loose(registry.localPathOf)('/a', S)],
  ['checkSource', 4, () => loose(registry.checkSource)('runs:/a/b', 'a', undefined, S)],
  ['checkRelativePath', 2, () => loose(registry.checkRelativePath)('a', S)],
  ['resolveInside', 3, () => loose(registry.resolveInside)(dir, 'a', S)],
  ['decodeFully', 2, () => loose(registry.decodeFully)('a', S)],
  ['MemoryRegistryStore', 2, () => new (looseNew(registry.MemoryRegistryStore))({}, S), () => new registry.MemoryRegistryStore(bogus as never)],
  ['SqliteRegistryStore', 2, () => new (looseNew(registry.SqliteRegistryStore))({}, S), () => new registry.SqliteRegistryStore(bogus as never)],
  [
    'RestRegistryStore',
    3,
    () => new (looseNew(registry.RestRegistryStore))('http://127.0.0.1:9', {}, S),
    () => new registry.RestRegistryStore('http://127.0.0.1:9', bogus as never),
  ],
  ['createRegistryStore', 3, () => loose(registry.createRegistryStore)('memory:', {}, S), () => registry.createRegistryStore('memory:', bogus as never)],
  [
    'resolveModelUri',
    3,
    () => loose(registry.resolveModelUri)('runs:/a/b', { registry: memory, tracking }, S),
    () => registry.resolveModelUri('runs:/a/b', { registry: memory, tracking, ...bogus } as never),
  ],
  ['resolveModelVersion', 3, () => loose(registry.resolveModelVersion)(memory, 'models:/a/1', S)],
  ['connect', 2, () => loose(registry.connect)({ registry: memory }, S), () => registry.connect({ registry: memory, ...bogus } as never)],
  [
    'registerModel',
    2,
    () => loose(registry.registerModel)({ runId: 'r', bundleDir: dir, name: 'n' }, S),
    () => registry.registerModel({ runId: 'r', bundleDir: dir, name: 'n', ...bogus } as never),
  ],
  ['resolveModel', 3, () => loose(registry.resolveModel)('runs:/a/b', {}, S), () => registry.resolveModel('runs:/a/b', bogus as never)],
  ['loadBundle', 3, () => loose(registry.loadBundle)('runs:/a/b', {}, S), () => registry.loadBundle('runs:/a/b', bogus as never)],
  [
    'registryStoreContract',
    4,
    () =>
      loose(registryStoreContract)(
        () => undefined,
        () => memory,
        {},
        S,
      ),
    () =>
      registryStoreContract(
        () => undefined,
        () => memory,
        bogus as never,
      ),
  ],
];

/** Exports outside the table, and why. */
const NOT_IN_TABLE: Record<string, string> = {
  RegistryError: 'the error scheme',
  BundleFormatError: 'the error scheme',
  InvalidUriError: 'the error scheme',
  UnsafePathError: 'the error scheme',
  InvalidOptionError: 'the error scheme: raised by these checks',
  isMlflowErrorCode: "@abt/tracking's, checked in its table",
  httpStatusForCode: "@abt/tracking's",
  codeForHttpStatus: "@abt/tracking's",
  codeFromHttpStatus: 'alias of codeForHttpStatus',
  errorBody: "@abt/tracking's",
  parseErrorBody: "@abt/tracking's",
};

describe('every public function refuses surplus arguments and unknown option keys (BRIEF contract 2)', () => {
  it('the table lists every exported function of @abt/registry and /testing', async () => {
    const testing = await import('../src/testing/index.js');
    const exported = [registry, testing].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => k),
    );
    const listed = new Set([...CASES.map(([name]) => name), ...Object.keys(NOT_IN_TABLE)]);
    expect([...new Set(exported)].filter((name) => !listed.has(name)).sort()).toEqual([]);
  });

  it.each(CASES.map(([name, position, surplus, unknown], i) => [`${name} #${i}`, name, position, surplus, unknown] as const))(
    '%s',
    async (_label, name, position, surplus, unknown) => {
      const err = await refusal(surplus);
      expect(err).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', position, fn: name });
      expect(RegistryError.isInstance(err)).toBe(true);
      if (unknown) expect(await refusal(unknown)).toMatchObject({ key: 'bogusOption', fn: name });
    },
  );

  it("names the function and the key in the tracking layer's message, and nothing was written", async () => {
    const err = await refusal(() => registry.saveBundle(path.join(dir, 'typo'), { ...saveOpts, abt: { ...saveOpts.abt, featurespec: 'f.json' } } as never));
    expect(err.message).toBe(messages.unknownOption('saveBundle', 'options.abt', 'featurespec', ['modelClass', 'data', 'featureSpec']));
    await expect(registry.readBundle(path.join(dir, 'typo'))).rejects.toThrow(RegistryError);
    const connection = await registry.connect({ registry: memory, client: undefined, trackingUri: 'memory:' });
    expect((await refusal(() => loose(connection.close)(S))).fn).toBe('Connection.close');
    await connection.close();
  });

  it('a sibling RegistryError is not an InvalidOptionError', () => {
    expect(InvalidOptionError.isInstance(new RegistryError('INVALID_PARAMETER_VALUE', 'x'))).toBe(false);
    expect(InvalidOptionError.isInstance(new registry.UnsafePathError('x', 'y'))).toBe(false);
  });
});
