// BRIEF contract 2 over the whole public API of @abt/router (core and subpaths): every exported
// function, constructor and the RouterModel methods refuse a surplus positional argument, and those
// that take options refuse an unknown key, with InvalidArgumentError naming the function and the
// position or key. The table must list every export.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index';
import * as loaders from '../src/loaders/index';
import * as redis from '../src/redis/index';
import * as server from '../src/server/index';
import * as testing from '../src/testing/index';
import { routerConfig, standInPolicy } from './helpers/policies';

type AnyFn = (...a: unknown[]) => unknown;
interface Row {
  readonly call: (args: unknown[]) => unknown;
  readonly args: () => unknown[];
  readonly arity: number;
  /** Index of an options argument whose keys are checked. */
  readonly options?: number;
}
const dir = mkdtempSync(path.join(tmpdir(), 'abt-router-args-'));
const exp = () => core.createExperiment({ key: 'k', arms: [{ name: 'A' }, { name: 'B' }] });
const policies = () => ({ A: standInPolicy('a', '1', 0), B: standInPolicy('b', '2', 0.5) });
const router = () => core.RouterModel.create({ experiment: exp(), policies: policies() });
const loader = () =>
  core.createMemoryPolicyLoader({
    'models:/movielens_ctr_ab@PolicyA': standInPolicy('a', '1', 0),
    'models:/movielens_ctr_ab@PolicyB': standInPolicy('b', '2', 0),
  });
const fn = (f: unknown) => (a: unknown[]) => (f as AnyFn)(...a);
const event = { time: 1e12, receivedAt: 1e12, userId: 1, itemId: 2, event: 'rating', value: 4, requestId: null };
const exposure = {
  time: 0,
  requestId: 'r',
  experiment: 'k',
  hashAttribute: 'userId',
  hashVersion: 2,
  seed: 'k',
  userId: 1,
  arm: 'A',
  variation: 0,
  source: 'hash',
  propensity: 0.5,
  inExperiment: true,
  items: [],
  modelUri: 'm',
  modelVersion: '1',
  instance: 'i',
};
/** Async generators check their arguments when iteration starts. */
const first = (g: unknown) => (g as AsyncGenerator).next();

const table: Record<string, Row> = {
  fnv32a: { call: fn(core.fnv32a), args: () => ['a'], arity: 1 },
  hash: { call: fn(core.hash), args: () => ['s', 'v', 2], arity: 3 },
  createHasher: { call: fn(core.createHasher), args: () => ['s', 2], arity: 2 },
  md5Parity: { call: fn(core.md5Parity), args: () => [1], arity: 1 },
  md5Hex: { call: fn(core.md5Hex), args: () => ['x'], arity: 1 },
  getEqualWeights: { call: fn(core.getEqualWeights), args: () => [2], arity: 1 },
  getBucketRanges: { call: fn(core.getBucketRanges), args: () => [2, 1, [0.5, 0.5]], arity: 3 },
  inRange: { call: fn(core.inRange), args: () => [0.5, [0, 1]], arity: 2 },
  chooseVariation: { call: fn(core.chooseVariation), args: () => [0.5, [[0, 1]]], arity: 2 },
  inNamespace: { call: fn(core.inNamespace), args: () => ['1', ['n', 0, 1]], arity: 2 },
  flattenRanges: { call: fn(core.flattenRanges), args: () => [[[0, 1]]], arity: 1 },
  chooseArm: { call: fn(core.chooseArm), args: () => [0.5, new Float64Array([0, 1])], arity: 2 },
  createExperiment: { call: fn(core.createExperiment), args: () => [{ key: 'k', arms: [{ name: 'A' }, { name: 'B' }] }, 'experiment'], arity: 2, options: 0 },
  experimentToJSON: { call: fn(core.experimentToJSON), args: () => [exp()], arity: 1 },
  createAssigner: { call: fn(core.createAssigner), args: () => [exp(), {}], arity: 2, options: 1 },
  createMemoryStickyStore: { call: fn(core.createMemoryStickyStore), args: () => [[]], arity: 1 },
  toColumns: { call: fn(core.toColumns), args: () => [[{ userId: 1, movieId: 2 }], 'rows', 'x'], arity: 3 },
  rowToColumns: { call: fn(core.rowToColumns), args: () => [{ userId: 1, movieId: 2 }, 'body', 'x'], arity: 3 },
  createFeaturizedPolicy: {
    call: fn(core.createFeaturizedPolicy),
    args: () => [{ name: 'n', modelVersion: '1', model: { predictProba: () => new Float64Array() }, featureSpec: {} }],
    arity: 1,
    options: 0,
  },
  createMemoryPolicyLoader: { call: fn(core.createMemoryPolicyLoader), args: () => [{}], arity: 1 },
  parseRouterConfig: { call: fn(core.parseRouterConfig), args: () => [routerConfig], arity: 1, options: 0 },
  asParsedRouterConfig: { call: fn(core.asParsedRouterConfig), args: () => [routerConfig], arity: 1, options: 0 },
  'RouterModel.create': { call: fn(core.RouterModel.create), args: () => [{ experiment: exp(), policies: policies() }], arity: 1, options: 0 },
  'RouterModel.load': { call: (a) => core.RouterModel.load(...(a as [never, never, never])), args: () => [routerConfig, loader(), {}], arity: 3, options: 2 },
  'RouterModel.predict': { call: (a) => (router().predict as AnyFn)(...a), args: () => [[{ userId: 1, movieId: 2 }], {}], arity: 2, options: 1 },
  'RouterModel.predictColumns': { call: (a) => (router().predictColumns as AnyFn)(...a), args: () => [[{ userId: 1, movieId: 2 }], {}], arity: 2, options: 1 },
  'RouterModel.policy': { call: (a) => (router().policy as AnyFn).apply(router(), a), args: () => ['A'], arity: 1 },
  'RouterModel.describe': {
    call: (a) => {
      const r = router();
      return (r.describe as AnyFn).apply(r, a);
    },
    args: () => [],
    arity: 0,
  },
  defaultInstance: { call: fn(core.defaultInstance), args: () => [], arity: 0 },
  routerSourceFromConfig: { call: fn(core.routerSourceFromConfig), args: () => [routerConfig, loader(), {}], arity: 3, options: 2 },
  createReloadingRouter: {
    call: fn(core.createReloadingRouter),
    args: () => [{ source: core.routerSourceFromConfig(routerConfig, loader()), pollIntervalMs: 0 }],
    arity: 1,
    options: 0,
  },
  summarizeByArm: { call: fn(core.summarizeByArm), args: () => [['A'], { armIndex: new Int32Array(0), score: new Float64Array(0), length: 0 }], arity: 2 },
  exposureLine: { call: fn(core.exposureLine), args: () => [exposure], arity: 1 },
  parseExposureLine: { call: fn(core.parseExposureLine), args: () => [core.exposureLine(exposure as never), 'x'], arity: 2 },
  createMemoryExposureSink: { call: fn(core.createMemoryExposureSink), args: () => [], arity: 0 },
  createFileExposureLog: { call: fn(core.createFileExposureLog), args: () => [{ file: path.join(dir, 'e.ndjson') }], arity: 1, options: 0 },
  readExposureLog: { call: (a) => first((core.readExposureLog as AnyFn)(...a)), args: () => [path.join(dir, 'none.ndjson'), {}], arity: 2, options: 1 },
  createNdjsonLog: { call: fn(core.createNdjsonLog), args: () => [{ file: path.join(dir, 'n.ndjson') }], arity: 1, options: 0 },
  readNdjsonLog: { call: (a) => first((core.readNdjsonLog as AnyFn)(...a)), args: () => [path.join(dir, 'none.ndjson'), () => {}], arity: 2 },
  createMemoryHistoryStore: { call: fn(core.createMemoryHistoryStore), args: () => [{}], arity: 1, options: 0 },
  parseFeedback: { call: fn(core.parseFeedback), args: () => [{ userId: 1, itemId: 2, event: 'click' }, { receivedAt: 0 }], arity: 2, options: 1 },
  eventLine: { call: fn(core.eventLine), args: () => [event], arity: 1 },
  parseEventLine: { call: fn(core.parseEventLine), args: () => [core.eventLine(event as never), 'x'], arity: 2 },
  interactionsOf: { call: fn(core.interactionsOf), args: () => [[event], {}], arity: 2, options: 1 },
  'server.createRouterServer': { call: fn(server.createRouterServer), args: () => [{ router: router() }], arity: 1, options: 0 },
  'server.serve': { call: fn(server.serve), args: () => [{ router: router(), port: 0, signals: [] }], arity: 1, options: 0 },
  'server.parseInvocationJson': { call: fn(server.parseInvocationJson), args: () => [{ inputs: [] }], arity: 1 },
  'server.parseInvocationCsv': { call: fn(server.parseInvocationCsv), args: () => ['userId,movieId\n1,2\n'], arity: 1 },
  'server.publicMessage': { call: fn(server.publicMessage), args: () => ['x'], arity: 1 },
  'loaders.loadPolicyFromBundle': { call: fn(loaders.loadPolicyFromBundle), args: () => [path.join(dir, 'no-bundle'), {}], arity: 2, options: 1 },
  'loaders.createRegistryPolicyLoader': { call: fn(loaders.createRegistryPolicyLoader), args: () => [{}], arity: 1 },
  'loaders.saveRouterBundle': {
    call: fn(loaders.saveRouterBundle),
    args: () => [path.join(dir, `bundle-${Math.random()}`), routerConfig, {}],
    arity: 3,
    options: 2,
  },
  'loaders.readRouterBundle': { call: fn(loaders.readRouterBundle), args: () => [path.join(dir, 'no-bundle')], arity: 1 },
  'loaders.createRegistryRouterSource': {
    call: fn(loaders.createRegistryRouterSource),
    args: () => [{ routerUri: 'models:/r@router', context: {} }],
    arity: 1,
    options: 0,
  },
  'loaders.registerRouter': { call: fn(loaders.registerRouter), args: () => [{ config: 'not a config' }], arity: 1, options: 0 },
  'redis.createRedisHistoryStore': { call: fn(redis.createRedisHistoryStore), args: () => [{ url: 'redis://127.0.0.1:1' }], arity: 1, options: 0 },
  'testing.historyStoreContract': {
    call: (a) => (testing.historyStoreContract as AnyFn)(...a),
    args: () => ['x', { describe: () => {}, it: () => {} }, { open: () => undefined, shared: false, durable: false }, {}],
    arity: 4,
    options: 3,
  },
  'testing.startRedisServer': { call: fn(testing.startRedisServer), args: () => [], arity: 0 },
  'testing.freePort': { call: fn(testing.freePort), args: () => [], arity: 0 },
  'testing.redisServerBinary': { call: fn(testing.redisServerBinary), args: () => [], arity: 0 },
};

/** Not operations: error classes, the message formatters, constants. */
const EXEMPT = new Set(['messages', 'AssignmentSource']);
function publicFunctions(): string[] {
  const names: string[] = [];
  for (const [prefix, mod] of [
    ['', core],
    ['server.', server],
    ['loaders.', loaders],
    ['redis.', redis],
    ['testing.', testing],
  ] as const) {
    for (const [name, value] of Object.entries(mod)) {
      if (EXEMPT.has(name) || typeof value !== 'function' || /Error$/.test(name)) continue;
      if (value === core.RouterModel) for (const m of ['create', 'load', 'predict', 'predictColumns', 'policy', 'describe']) names.push(`RouterModel.${m}`);
      else names.push(`${prefix}${name}`);
    }
  }
  return names.sort();
}

async function outcome(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('every public function of @abt/router refuses what it does not implement', () => {
  it('the table lists every exported function and the RouterModel methods', () => {
    expect(Object.keys(table).sort()).toEqual(publicFunctions());
  });

  for (const [name, row] of Object.entries(table)) {
    describe(name, () => {
      it(`refuses a surplus argument ${row.arity + 1}`, async () => {
        const args = row.args();
        const e = await outcome(() => row.call([...args, ...Array(row.arity - args.length).fill(undefined), 'surplus']));
        expect(core.InvalidArgumentError.isInstance(e), String(e)).toBe(true);
        expect((e as core.InvalidArgumentError).argument).toBe(`argument ${row.arity + 1}`);
      });
      if (row.options !== undefined) {
        it(`refuses an unknown key in argument ${row.options + 1}`, async () => {
          const args = row.args();
          args[row.options!] = { ...(args[row.options!] as object), notAnOption: 1 };
          const e = await outcome(() => row.call(args));
          // Config objects (experiments, router configs) are refused with ConfigError naming the key.
          expect(core.InvalidArgumentError.isInstance(e) || core.ConfigError.isInstance(e), String(e)).toBe(true);
          expect((e as Error).message).toMatch(/notAnOption/);
        });
      }
    });
  }
});
