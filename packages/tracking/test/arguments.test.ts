import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tracking from '@abt/tracking';
import * as layer from '@abt/tracking/mlflow';
import * as testing from '@abt/tracking/testing';
import { invalidOptionFrom } from '@abt/tracking/testing';
import { InvalidOptionError, TrackingError, messages } from '@abt/tracking';

// BRIEF contract 2 for every public function and constructor of @abt/tracking outside the store
// and repository interfaces (those are checked by trackingStoreContract against TRACKING_STORE_CALLS
// and ARTIFACT_REPOSITORY_CALLS): a surplus argument or an unknown option key is an
// InvalidOptionError naming the function and the key or position.

const dir = mkdtempSync(join(tmpdir(), 'abt-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const S = 'surplus';
/** The function as plain JavaScript sees it: any arguments. */
const loose = (f: unknown) => f as (...a: unknown[]) => unknown;
const looseNew = (c: unknown) => c as new (...a: unknown[]) => unknown;
const bogus = { bogusOption: true };

const refusal = (call: () => unknown) => invalidOptionFrom(call, InvalidOptionError.isInstance);

const store = new tracking.MemoryStore({ artifactRoot: join(dir, 'mem') });
const client = new tracking.TrackingClient(store, { systemTags: false });
const grammar = layer.RUN_SEARCH;
const fail = (m: string) => new Error(m);

/** [name, call with one surplus argument (position), call with an unknown option key (or undefined)]. */
const CASES: [string, number, () => unknown, (() => unknown)?][] = [
  ['createTrackingStore', 3, () => loose(tracking.createTrackingStore)('memory:', {}, S), () => tracking.createTrackingStore('memory:', bogus as never)],
  ['registerTrackingStore', 3, () => loose(tracking.registerTrackingStore)('x', () => store, S)],
  ['resolveTrackingUri', 3, () => loose(tracking.resolveTrackingUri)('memory:', {}, S), () => tracking.resolveTrackingUri('memory:', bogus as never)],
  ['resolveRegistryUri', 3, () => loose(tracking.resolveRegistryUri)('memory:', {}, S), () => tracking.resolveRegistryUri('memory:', bogus as never)],
  ['TrackingClient', 3, () => new (looseNew(tracking.TrackingClient))(store, {}, S), () => new tracking.TrackingClient(store, bogus as never)],
  ['TrackingClient.create', 3, () => loose(tracking.TrackingClient.create)('memory:', {}, S), () => tracking.TrackingClient.create('memory:', bogus as never)],
  ['TrackingClient.startRun', 2, () => loose(client.startRun)({ experimentId: '0' }, S), () => client.startRun({ experimentId: '0', ...bogus } as never)],
  ['TrackingClient.logMetric', 5, () => loose(client.logMetric)('r', 'k', 1, {}, S), () => client.logMetric('r', 'k', 1, bogus as never)],
  ['TrackingClient.logBatch', 3, () => loose(client.logBatch)('r', {}, S), () => client.logBatch('r', bogus as never)],
  ['TrackingClient.getRun', 2, () => loose(client.getRun)('r', S)],
  ['TrackingClient.downloadArtifacts', 4, () => loose(client.downloadArtifacts)('r', 'p', dir, S)],
  ['TrackingClient.close', 1, () => loose(client.close)(S)],
  [
    'withRun',
    4,
    () => loose(tracking.withRun)(client, { experimentId: '0' }, () => 1, S),
    () => tracking.withRun(client, { experimentId: '0', ...bogus } as never, () => 1),
  ],
  ['logMetric', 6, () => loose(tracking.logMetric)(store, 'r', 'k', 1, {}, S), () => tracking.logMetric(store, 'r', 'k', 1, bogus as never)],
  ['logParam', 5, () => loose(tracking.logParam)(store, 'r', 'k', 'v', S)],
  ['setTag', 5, () => loose(tracking.setTag)(store, 'r', 'k', 'v', S)],
  ['chunkBatch', 2, () => loose(tracking.chunkBatch)({}, S), () => tracking.chunkBatch(bogus as never)],
  ['logBatchChunked', 4, () => loose(tracking.logBatchChunked)(store, 'r', {}, S), () => tracking.logBatchChunked(store, 'r', bogus as never)],
  ['defaultSystemTags', 3, () => loose(tracking.defaultSystemTags)({}, [], S)],
  ['currentUser', 2, () => loose(tracking.currentUser)({}, S)],
  ['seededIds', 2, () => loose(tracking.seededIds)(1, S)],
  ['uuidHex', 1, () => loose(tracking.uuidHex)(S)],
  ['sanitizeMetricValue', 2, () => loose(tracking.sanitizeMetricValue)(1, S)],
  ['parseFilter', 2, () => loose(tracking.parseFilter)('', S)],
  ['parseOrderBy', 2, () => loose(tracking.parseOrderBy)([], S)],
  ['checkArtifactPath', 2, () => loose(tracking.checkArtifactPath)('a', S)],
  ['resolveInsideRoot', 3, () => loose(tracking.resolveInsideRoot)(dir, 'a', S)],
  ['checkArtifactLocation', 2, () => loose(tracking.checkArtifactLocation)('/x', S)],
  ['localPathFromUri', 2, () => loose(tracking.localPathFromUri)('/x', S)],
  ['SqliteStore', 3, () => new (looseNew(tracking.SqliteStore))(join(dir, 'a.db'), {}, S), () => new tracking.SqliteStore(join(dir, 'b.db'), bogus as never)],
  [
    'openMlflowDatabase',
    3,
    () => loose(tracking.openMlflowDatabase)(join(dir, 'c.db'), {}, S),
    () => tracking.openMlflowDatabase(join(dir, 'd.db'), bogus as never),
  ],
  ['sqlitePathFromUri', 2, () => loose(tracking.sqlitePathFromUri)('x.db', S)],
  ['RestStore', 3, () => new (looseNew(tracking.RestStore))('http://127.0.0.1:9', {}, S), () => new tracking.RestStore('http://127.0.0.1:9', bogus as never)],
  [
    'HttpClient',
    3,
    () => new (looseNew(tracking.HttpClient))('http://127.0.0.1:9', {}, S),
    () => new tracking.HttpClient('http://127.0.0.1:9', bogus as never),
  ],
  [
    'HttpClient.json',
    2,
    () => loose(new tracking.HttpClient('http://127.0.0.1:9').json)({ method: 'GET', path: '/' }, S),
    () => new tracking.HttpClient('http://127.0.0.1:9').json({ method: 'GET', path: '/', ...bogus } as never),
  ],
  ['MemoryStore', 2, () => new (looseNew(tracking.MemoryStore))({}, S), () => new tracking.MemoryStore(bogus as never)],
  ['artifactRepositoryFor', 3, () => loose(tracking.artifactRepositoryFor)('/x', {}, S), () => tracking.artifactRepositoryFor('/x', bogus as never)],
  ['LocalArtifactRepository', 2, () => new (looseNew(tracking.LocalArtifactRepository))('/x', S)],
  [
    'MlflowArtifactsProxyRepository',
    3,
    () => new (looseNew(tracking.MlflowArtifactsProxyRepository))('mlflow-artifacts:/1', { trackingUri: 'http://h' }, S),
    () => new tracking.MlflowArtifactsProxyRepository('mlflow-artifacts:/1', { trackingUri: 'http://h', ...bogus } as never),
  ],
  ['parseProxyUri', 3, () => loose(tracking.parseProxyUri)('mlflow-artifacts:/1', 'http://h', S)],
  ['writeFileAtomic', 3, () => loose(tracking.writeFileAtomic)(join(dir, 'w'), 'x', S)],
  ['copyFileAtomic', 3, () => loose(tracking.copyFileAtomic)(join(dir, 'w'), join(dir, 'v'), S)],
  ['isTrackingErrorCode', 2, () => loose(tracking.isTrackingErrorCode)('X', S)],
  ['httpStatusForCode', 2, () => loose(layer.httpStatusForCode)('X', S)],
  ['codeForHttpStatus', 2, () => loose(layer.codeForHttpStatus)(400, S)],
  ['isMlflowErrorCode', 2, () => loose(layer.isMlflowErrorCode)('X', S)],
  ['errorBody', 3, () => loose(layer.errorBody)('BAD_REQUEST', 'm', S)],
  ['parseErrorBody', 3, () => loose(layer.parseErrorBody)({}, 400, S)],
  ['unquote', 2, () => loose(layer.unquote)('a', S)],
  ['decodedForms', 2, () => loose(layer.decodedForms)('a', S)],
  ['relativePathProblem', 2, () => loose(layer.relativePathProblem)('a', S)],
  ['normalizeRelativePath', 2, () => loose(layer.normalizeRelativePath)('a', S)],
  ['locationProblem', 2, () => loose(layer.locationProblem)('/a', S)],
  ['locationKind', 2, () => loose(layer.locationKind)('/a', S)],
  ['createPathGuard', 2, () => loose(layer.createPathGuard)(() => new Error(), S)],
  ['parseFilter (layer)', 4, () => loose(layer.parseFilter)('', grammar, fail, S)],
  ['compareFilterValue', 4, () => loose(layer.compareFilterValue)(1, '=', 1, S)],
  ['likeToRegExp', 3, () => loose(layer.likeToRegExp)('a', false, S)],
  ['parseOrderBy (layer)', 4, () => loose(layer.parseOrderBy)([], grammar, fail, S)],
  ['encodePageToken', 2, () => loose(layer.encodePageToken)(1, S)],
  ['decodePageToken', 3, () => loose(layer.decodePageToken)(undefined, fail, S)],
  ['checkMaxResults', 4, () => loose(layer.checkMaxResults)(1, 2, fail, S)],
  ['pageOf', 5, () => loose(layer.pageOf)([], 1, undefined, fail, S)],
  [
    'createMlflowLayer',
    2,
    () => loose(layer.createMlflowLayer)({ unsafePath: fail, invalidParameter: fail }, S),
    () => layer.createMlflowLayer({ unsafePath: fail, invalidParameter: fail, ...bogus } as never),
  ],
  ['createArgumentChecker', 2, () => loose(layer.createArgumentChecker)(() => new Error(), S)],
  ['optionKeys', 2, () => loose(layer.optionKeys)({}, S)],
  ['createSymlinkFixture', 2, () => loose(testing.createSymlinkFixture)(join(dir, 'fx'), S)],
  ['invalidOptionFrom', 3, () => loose(testing.invalidOptionFrom)(() => undefined, InvalidOptionError.isInstance, S)],
  ['assertCallsChecked', 4, () => loose(testing.assertCallsChecked)(store, {}, InvalidOptionError.isInstance, S)],
  ['ActiveRun', 4, () => new (looseNew(tracking.ActiveRun))(store, { info: {}, data: {} }, Date.now, S)],
  [
    'betterSqlite3Driver',
    3,
    () => loose(tracking.betterSqlite3Driver)(join(dir, 'e.db'), { timeoutMs: 1 }, S),
    () => tracking.betterSqlite3Driver(join(dir, 'e.db'), { timeoutMs: 1, ...bogus } as never),
  ],
  ['pick', 3, () => loose(layer.pick)({}, [], S)],
  [
    'trackingStoreContract',
    5,
    () => loose(testing.trackingStoreContract)('x', { describe: () => undefined, it: () => undefined }, () => ({ store }), {}, S),
    () => testing.trackingStoreContract('x', { describe: () => undefined, it: () => undefined }, () => ({ store }), bogus as never),
  ],
];

/** Exports outside the table, and why. */
const NOT_IN_TABLE: Record<string, string> = {
  TrackingError: 'the error scheme: (code, message, { cause, httpStatus })',
  InvalidOptionError: 'the error scheme: raised by these checks',
  MissingPeerError: 'the error scheme: (peer, feature, message, { cause })',
  appendToUriPath: "variadic (base, ...parts), as MLflow's append_to_uri_path",
};

describe('every public function refuses surplus arguments and unknown option keys (BRIEF contract 2)', () => {
  it('the table lists every exported function of @abt/tracking, /mlflow and /testing', () => {
    const exported = [tracking, layer, testing].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => k),
    );
    const listed = new Set([...CASES.map(([name]) => name.replace(/ \(layer\)$/, '').replace(/\..*$/, '')), ...Object.keys(NOT_IN_TABLE)]);
    expect([...new Set(exported)].filter((name) => !listed.has(name)).sort()).toEqual([]);
  });

  it.each(CASES.map(([name, position, surplus, unknown]) => [name, position, surplus, unknown] as const))('%s', async (name, position, surplus, unknown) => {
    const err = await refusal(surplus);
    expect(err).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', position });
    expect(err.fn).toContain(name.replace(/ \(layer\)$/, ''));
    expect(TrackingError.isInstance(err)).toBe(true);
    if (unknown) {
      const bad = await refusal(unknown);
      expect(bad).toMatchObject({ key: 'bogusOption' });
      expect(bad.message).toContain("'bogusOption'");
    }
  });

  it('names the function, the key and the known keys; an explicit trailing undefined passes', async () => {
    const err = await refusal(() => client.logMetric('r', 'k', 1, { stepp: 3 } as never));
    expect(err.message).toBe(messages.unknownOption('TrackingClient.logMetric', 'argument 4', 'stepp', ['step', 'timestamp']));
    expect((await refusal(() => new tracking.MemoryStore('x' as never))).message).toBe(messages.notAnOptionsObject('MemoryStore', 'argument 1', 'x'));
    expect(loose(tracking.checkArtifactPath)('a', undefined)).toBe('a');
  });

  it('a sibling TrackingError is not an InvalidOptionError', () => {
    expect(InvalidOptionError.isInstance(new TrackingError('INVALID_PARAMETER_VALUE', 'x'))).toBe(false);
  });
});
