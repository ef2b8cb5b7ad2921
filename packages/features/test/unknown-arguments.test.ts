// BRIEF contract 2 over the whole public API of @abt/features: every exported function, the
// FeatureSpec constructor and every FeatureSpec method refuse a surplus positional argument and an
// unknown option / input key with FeaturesError INVALID_OPTION naming the function and the
// position or key. The table must list every export and every method.
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { messages } from '../src/messages';
import { movies, ratings, users } from './helpers/synthetic';

const train = ratings(200, 3);
const input = () => ({ train, movies: movies(), users: users() });
const fitted = () => api.fitFeatureSpec(input());

interface Row {
  /** Calls the function with `args` (valid ones must succeed). */
  readonly call: (args: unknown[]) => unknown;
  readonly args: () => unknown[];
  /** Parameters the function declares. */
  readonly arity: number;
  /** Argument paths whose keys are checked: `[index]`, or `[index, key]` for an element / nested object. */
  readonly objects?: readonly (readonly [number, (string | number)?])[];
}

type AnyFn = (...a: unknown[]) => unknown;
const method = (name: keyof api.FeatureSpec) => (args: unknown[]) => (fitted()[name] as AnyFn)(...args);

const table: Record<string, Row> = {
  fitFeatureSpec: { call: (a) => (api.fitFeatureSpec as AnyFn)(...a), args: () => [input(), { kind: 'dense' }], arity: 2, objects: [[0], [1]] },
  loadFeatureSpec: { call: (a) => (api.loadFeatureSpec as AnyFn)(...a), args: () => [JSON.parse(JSON.stringify(fitted().toJSON()))], arity: 1 },
  isCsr: { call: (a) => (api.isCsr as AnyFn)(...a), args: () => [{ rows: 1, cols: 1, data: new Float64Array(1) }], arity: 1 },
  'new FeatureSpec': {
    call: (a) => new (api.FeatureSpec as unknown as new (...x: unknown[]) => unknown)(...a),
    args: () => [{ kind: 'onehot' }],
    arity: 1,
    objects: [[0]],
  },
  'FeatureSpec.fromJSON': { call: (a) => (api.FeatureSpec.fromJSON as AnyFn)(...a), args: () => [JSON.parse(JSON.stringify(fitted().toJSON()))], arity: 1 },
  'FeatureSpec.getParams': { call: method('getParams'), args: () => [], arity: 0 },
  'FeatureSpec.clone': { call: method('clone'), args: () => [], arity: 0 },
  'FeatureSpec.fit': {
    call: (a) => (new api.FeatureSpec().fit as AnyFn).apply(new api.FeatureSpec(), a),
    args: () => [input(), { onProgress: () => {} }],
    arity: 2,
    objects: [[0], [1]],
  },
  'FeatureSpec.transformTrain': { call: method('transformTrain'), args: () => [{ onProgress: () => {} }], arity: 1, objects: [[0]] },
  'FeatureSpec.transform': { call: method('transform'), args: () => [train, { onProgress: () => {} }], arity: 2, objects: [[1]] },
  'FeatureSpec.transformOnline': { call: method('transformOnline'), args: () => [ratings(20, 9), { onProgress: () => {} }], arity: 2, objects: [[1]] },
  'FeatureSpec.transformRequests': {
    call: method('transformRequests'),
    args: () => [
      [
        { userId: 1, movieId: 2 },
        { userId: 3, movieId: 4, timestamp: 1e9 },
      ],
    ],
    arity: 1,
    objects: [[0, 1]],
  },
  'FeatureSpec.toJSON': { call: method('toJSON'), args: () => [], arity: 0 },
  'FeatureSpec.transformColumns': {
    call: method('transformColumns'),
    args: () => [{ userId: [1, 'u-2'], movieId: [2, 3] }, {}],
    arity: 2,
    objects: [[0], [1]],
  },
  'FeatureSpec.createOnlineHistory': { call: method('createOnlineHistory'), args: () => [], arity: 0 },
  requestColumns: {
    call: (a) => (api.requestColumns as AnyFn)(...a),
    args: () => [
      [
        { userId: 1, movieId: 2 },
        { userId: 'u', itemId: 3 },
      ],
      'rows',
    ],
    arity: 3,
    objects: [[0, 1]],
  },
  requestRow: { call: (a) => (api.requestRow as AnyFn)(...a), args: () => [{ userId: 1, movieId: 2 }, 'body'], arity: 3, objects: [[0]] },
  isRequestColumns: { call: (a) => (api.isRequestColumns as AnyFn)(...a), args: () => [{}], arity: 1 },
  requestFieldName: { call: (a) => (api.requestFieldName as AnyFn)(...a), args: () => ['itemId'], arity: 1 },
  numericId: { call: (a) => (api.numericId as AnyFn)(...a), args: () => ['42'], arity: 1 },
  checkId: { call: (a) => (api.checkId as AnyFn)(...a), args: () => [42], arity: 1 },
  takeRequestRows: { call: (a) => (api.takeRequestRows as AnyFn)(...a), args: () => [api.requestColumns([{ userId: 1, movieId: 2 }]), [0]], arity: 2 },
  concatRequestColumns: { call: (a) => (api.concatRequestColumns as AnyFn)(...a), args: () => [[api.requestColumns([{ userId: 1, movieId: 2 }])]], arity: 1 },
  withDefaultTimestamp: {
    call: (a) => (api.withDefaultTimestamp as AnyFn)(...a),
    args: () => [api.requestColumns([{ userId: 1, movieId: 2 }]), 9e8],
    arity: 2,
  },
};

/** Not operations: the error class (the error scheme's constructor) and the message formatters. */
const EXEMPT = new Set(['FeaturesError', 'messages']);

function publicFunctions(): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(api)) {
    if (EXEMPT.has(name) || typeof value !== 'function') continue;
    if (value === api.FeatureSpec) {
      names.push('new FeatureSpec');
      for (const m of Object.getOwnPropertyNames(api.FeatureSpec))
        if (typeof (api.FeatureSpec as unknown as Record<string, unknown>)[m] === 'function') names.push(`FeatureSpec.${m}`);
      for (const [m, d] of Object.entries(Object.getOwnPropertyDescriptors(api.FeatureSpec.prototype)))
        if (m !== 'constructor' && typeof d.value === 'function') names.push(`FeatureSpec.${m}`);
    } else names.push(name);
  }
  return names.sort();
}

function outcome(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every public function of @abt/features refuses what it does not implement', () => {
  it('the table lists every exported function, the constructor and every method', () => {
    expect(Object.keys(table).sort()).toEqual(publicFunctions());
  });

  for (const [name, row] of Object.entries(table)) {
    describe(name, () => {
      it('accepts its valid arguments', () => {
        expect(outcome(() => row.call(row.args()))).toBeUndefined();
      });

      it(`refuses a surplus argument ${row.arity + 1}`, () => {
        const args = row.args();
        const e = outcome(() => row.call([...args, ...Array(row.arity - args.length).fill(undefined), 'surplus']));
        expect(api.FeaturesError.isInstance(e), String(e)).toBe(true);
        expect((e as api.FeaturesError).code).toBe('INVALID_OPTION');
        expect((e as api.FeaturesError).where).toBe(`argument ${row.arity + 1}`);
        expect((e as Error).message).toMatch(new RegExp(`^${escape(name)}: unexpected argument ${row.arity + 1};`));
      });

      for (const [index, key] of row.objects ?? []) {
        it(`refuses an unknown key in argument ${index + 1}${key === undefined ? '' : ` at [${key}]`}`, () => {
          const args = row.args();
          if (key === undefined) args[index] = { ...(args[index] as object), notAnOption: 1 };
          else {
            const container = Array.isArray(args[index]) ? [...(args[index] as unknown[])] : { ...(args[index] as object) };
            (container as Record<string | number, unknown>)[key] = { ...((container as Record<string | number, unknown>)[key] as object), notAnOption: 1 };
            args[index] = container;
          }
          const e = outcome(() => row.call(args));
          expect(api.FeaturesError.isInstance(e), String(e)).toBe(true);
          expect((e as api.FeaturesError).code).toBe('INVALID_OPTION');
          expect((e as api.FeaturesError).where).toMatch(/\.notAnOption$/);
          expect((e as Error).message).toMatch(new RegExp(`^${escape(name)}: .*unknown key "notAnOption"`));
        });
      }
    });
  }

  it('messages come from messages.ts and list what is implemented', () => {
    const e = outcome(() => new api.FeatureSpec({ kind: 'dense', halfLife: 7 } as never));
    expect((e as Error).message).toBe(
      messages.unknownKey('new FeatureSpec', 'options', 'halfLife', [
        'kind',
        'priorStrength',
        'halfLifeDays',
        'userHistoryLagDays',
        'dtype',
        'missingValue',
        'defaultTimestamp',
      ]),
    );
    const r = outcome(() => fitted().transformRequests([{ userId: 1, movieId: 2, ts: 5 } as never]));
    expect((r as Error).message).toBe(messages.unknownKey('FeatureSpec.transformRequests', 'requests[0]', 'ts', ['userId', 'movieId', 'timestamp']));
    const o = outcome(() => api.fitFeatureSpec(input(), 'dense' as never));
    expect((o as Error).message).toBe(messages.optionsNotAnObject('fitFeatureSpec', 'options', 'dense'));
  });
});
