// BRIEF contract 2 over the whole public API of @abt/data (and @abt/data/danfo): every exported
// function refuses a surplus positional argument and an unknown option key with InvalidOptionError
// naming the function and the position or key. The table must list every export.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as danfo from '../src/danfo/index';
import * as api from '../src/index';
import { messages as msg } from '../src/messages';
import { ml100kFiles, tempDir, writeDir } from './fixtures';

interface Row {
  /** Valid arguments: the call must succeed. */
  readonly args: () => unknown[] | Promise<unknown[]>;
  /** Parameters the function declares. */
  readonly arity: number;
  /** Indices of the options arguments whose keys are checked. */
  readonly objects?: readonly number[];
}

let ds: api.MovieLensDataset;
let labeled: api.LabeledRatings;
let dir: string;
let fixtureDir: string;
/** A data dir where ml-100k.zip is already cached: the resolvers return it without a download. */
let cacheDir: string;
/** A plain ratings file (bring-your-own data). */
let ratingsCsv: string;

const table: Record<string, Row> = {
  loadMovieLens: { args: () => [fixtureDir, { strict: true }], arity: 2, objects: [1] },
  loadRatingsFile: { args: () => [ratingsCsv, { strict: true }], arity: 2, objects: [1] },
  dropDuplicateRatings: { args: () => [ds.ratings, 3], arity: 2 },
  resolveDataset: { args: () => ['ml-100k', { dataDir: cacheDir, download: false }], arity: 2, objects: [1] },
  resolveUrl: { args: () => ['https://example.invalid/ml-100k.zip', { dataDir: cacheDir, download: false }], arity: 2, objects: [1] },
  defaultDataDir: { args: () => [], arity: 0 },
  labelRatings: { args: () => [ds.ratings, { threshold: 4 }], arity: 2, objects: [1] },
  splitByTime: { args: () => [labeled, { fractions: [0.8, 0.1, 0.1] }], arity: 2, objects: [1] },
  splitLeaveLastOut: { args: () => [labeled, { k: 1 }], arity: 2, objects: [1] },
  timeOrder: { args: () => [[3, 1, 2], 3], arity: 2 },
  takeRows: { args: () => [ds.ratings, [0, 1]], arity: 2 },
  concatRows: { args: () => [ds.ratings, ds.ratings], arity: 2 },
  describeDataset: { args: () => [ds], arity: 1 },
  describeSplit: { args: () => [api.splitByTime(labeled)], arity: 1 },
  describeRatings: { args: () => [ds.ratings], arity: 1 },
  createRng: { args: () => [3], arity: 1 },
  generateSynthetic: { args: () => [{ users: 5, movies: 6, ratings: 10, seed: 1 }], arity: 1, objects: [0] },
  saveTables: { args: () => [path.join(dir, `t-${Math.random().toString(36).slice(2)}`), { ratings: ds.ratings }], arity: 2 },
  loadTables: {
    args: async () => {
      const d = path.join(dir, `l-${Math.random().toString(36).slice(2)}`);
      await api.saveTables(d, { ratings: ds.ratings });
      return [d];
    },
    arity: 1,
  },
  'danfo.toDataFrame': { args: () => [ds.ratings], arity: 1 },
  'danfo.fromDataFrame': { args: () => [danfo.toDataFrame(ds.ratings), { kind: 'auto' }], arity: 2, objects: [1] },
};

/** Error classes: their constructors belong to the error scheme, not to this contract. */
const EXEMPT = new Set(['DataError', 'DataFormatError', 'DatasetUnavailableError', 'InvalidOptionError', 'TablesFormatError']);

function publicFunctions(): string[] {
  const names: string[] = [];
  for (const [prefix, mod] of [
    ['', api],
    ['danfo.', danfo],
  ] as const) {
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function' && !EXEMPT.has(name)) names.push(prefix + name);
  }
  return names.sort();
}

function resolve(name: string): (...a: unknown[]) => unknown {
  const [mod, fn] = name.startsWith('danfo.') ? [danfo, name.slice(6)] : [api, name];
  return (mod as Record<string, unknown>)[fn] as (...a: unknown[]) => unknown;
}

async function outcome(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('every public function of @abt/data refuses what it does not implement', () => {
  beforeAll(async () => {
    ds = await api.generateSynthetic({ users: 20, movies: 30, ratings: 200, seed: 2 });
    labeled = api.labelRatings(ds.ratings);
    dir = tempDir('abt-data-args-');
    fixtureDir = writeDir(ml100kFiles(), 'ml-100k');
    cacheDir = tempDir('abt-data-cache-');
    writeFileSync(path.join(cacheDir, 'ml-100k.zip'), '');
    ratingsCsv = path.join(dir, 'ratings.csv');
    writeFileSync(ratingsCsv, 'userId,itemId,rating,timestamp\n1,2,4,100\n');
  });
  afterAll(() => {
    for (const d of [dir, cacheDir]) rmSync(d, { recursive: true, force: true });
  });

  it('the table lists every exported function', () => {
    expect(Object.keys(table).sort()).toEqual(publicFunctions());
  });

  for (const [name, row] of Object.entries(table)) {
    const fn = name.replace(/^danfo\./, '');
    describe(name, () => {
      it('accepts its valid arguments', async () => {
        expect(await outcome(async () => resolve(name)(...(await row.args())))).toBeUndefined();
      });

      it(`refuses a surplus argument ${row.arity + 1}`, async () => {
        const args = await row.args();
        const padded = [...args, ...Array(row.arity - args.length).fill(undefined), 'surplus'];
        const e = await outcome(() => resolve(name)(...padded));
        expect(api.InvalidOptionError.isInstance(e), String(e)).toBe(true);
        expect((e as api.InvalidOptionError).option).toBe(`argument ${row.arity + 1}`);
        expect((e as Error).message).toMatch(new RegExp(`^${fn}: unexpected argument ${row.arity + 1};`));
      });

      for (const index of row.objects ?? []) {
        it(`refuses an unknown key in argument ${index + 1}`, async () => {
          const args = [...(await row.args())];
          args[index] = { ...(args[index] as object), notAnOption: 1 };
          const e = await outcome(() => resolve(name)(...args));
          expect(api.InvalidOptionError.isInstance(e), String(e)).toBe(true);
          expect((e as api.InvalidOptionError).option).toBe('notAnOption');
          expect((e as Error).message).toMatch(new RegExp(`^${fn}: options has the unknown key "notAnOption"`));
        });
      }
    });
  }

  it('messages come from messages.ts and list what is implemented', async () => {
    const e = await outcome(() => api.labelRatings(ds.ratings, { treshold: 3.5 } as never));
    expect((e as Error).message).toBe(msg.unknownKey('labelRatings', 'options', 'treshold', ['threshold']));
    const s = await outcome(() => (api.splitByTime as (...a: unknown[]) => unknown)(labeled, {}, 0.9));
    expect((s as Error).message).toBe(msg.surplusArgument('splitByTime', 3, ['labeled', 'options']));
    const o = await outcome(() => api.splitByTime(labeled, [0.8, 0.1, 0.1] as never));
    expect((o as Error).message).toBe(msg.notAnObject('splitByTime', 'options', [0.8, 0.1, 0.1]));
  });
});
