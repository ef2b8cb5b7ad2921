import { checkArity, checkOptions } from '../check-args';
import assert from 'node:assert/strict';
import { type FeatureSpec, fitFeatureSpec } from '@abt/features';
import { HistoryStoreError } from '../errors';
import type { FeedbackEvent, HistoryStore } from '../history/history-store';

/** The test-runner functions the suite needs (vitest's and node:test's fit). */
export interface ContractApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void> | void, timeout?: number) => void;
  afterAll?: (fn: () => Promise<void> | void) => void;
}

/** How the suite gets stores. */
export interface HistoryStoreFixture {
  /**
   * A new, not yet started store on the backing named `backing` (a fresh events log file, a fresh
   * Redis key…): two calls with the same name give two stores on the same backing.
   */
  open(backing: string): Promise<HistoryStore> | HistoryStore;
  /** True when stores on one backing share it live (replicas): what one appends, the other's `sync` applies. */
  readonly shared: boolean;
  /** True when a store reopened on a backing rebuilds what was appended before (durable). */
  readonly durable: boolean;
  cleanup?: () => Promise<void> | void;
}

// A small MovieLens-shaped data set (plain columns; @abt/data's table shapes).
const GENRES = ['Action', 'Comedy', 'Drama'];
function tables(seed: number) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = 300;
  const train = {
    length: n,
    userId: new Int32Array(n),
    movieId: new Int32Array(n),
    rating: new Float32Array(n),
    timestamp: new Float64Array(n),
    label: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    train.userId[i] = 1 + Math.floor(rnd() * 8);
    train.movieId[i] = 10 * (1 + Math.floor(rnd() * 6));
    train.rating[i] = 1 + Math.floor(rnd() * 5);
    train.label[i] = train.rating[i]! >= 4 ? 1 : 0;
    train.timestamp[i] = 880_000_000 + 3600 * Math.floor(rnd() * 100);
  }
  const ids = [10, 20, 30, 40, 50, 60];
  const genres = new Uint8Array(ids.length * GENRES.length);
  ids.forEach((_, k) => {
    genres[k * GENRES.length + (k % 3)] = 1;
  });
  const movies = {
    length: ids.length,
    movieId: Int32Array.from(ids),
    title: ids.map(String),
    year: Float32Array.from(ids, () => 1995),
    releaseTimestamp: Float64Array.from(ids, () => Number.NaN),
    genreNames: GENRES,
    genres,
  };
  return { train, movies } as unknown as Parameters<typeof fitFeatureSpec>[0];
}

/** Feedback after train: ratings of known and new users and items, ties included, times in order. */
function feedback(n: number, seed: number, strings = false, t0 = 881_000_000): FeedbackEvent[] {
  const out: FeedbackEvent[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7919 + seed * 104_729) % 1000;
    const time = (t0 + 60 * Math.floor(i / 3)) * 1000;
    const userId = strings && k % 5 === 0 ? `u-${k % 11}` : 1 + (k % 12);
    out.push({ time, receivedAt: time, userId, itemId: 10 * (1 + (k % 7)), event: 'rating', value: 1 + (k % 5), requestId: null });
  }
  return out;
}

/** Batch-protocol features (transformOnline) of a request at `time` after `events`, for comparison. */
function expected(spec: FeatureSpec, events: readonly FeedbackEvent[], req: { userId: number | string; movieId: number; time: number }): number[] {
  const numeric = events.every((e) => typeof e.userId === 'number') && typeof req.userId === 'number';
  assert.ok(numeric, 'the batch protocol takes numeric ids');
  const all = [...events, { time: req.time * 1000, userId: req.userId, itemId: req.movieId, value: 3 } as FeedbackEvent];
  const rows = {
    length: all.length,
    userId: Int32Array.from(all, (e) => e.userId as number),
    movieId: Int32Array.from(all, (e) => e.itemId as number),
    rating: Float32Array.from(all, (e) => e.value as number),
    timestamp: Float64Array.from(all, (e) => e.time / 1000),
    label: Uint8Array.from(all, (e) => ((e.value as number) >= 4 ? 1 : 0)),
  };
  const X = spec.transformOnline(rows as never).X as { cols: number; data: Float32Array };
  return Array.from(X.data.subarray((all.length - 1) * X.cols));
}

const served = (spec: FeatureSpec, store: HistoryStore, req: { userId: number | string; movieId: number; time: number }): number[] =>
  Array.from(
    (spec.transformColumns({ userId: [req.userId], movieId: [req.movieId], timestamp: [req.time] }, { history: store.view(spec) }).X as { data: Float32Array })
      .data,
  );

let counter = 0;
const backing = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * The one behavioural suite every {@link HistoryStore} passes (in-process, Redis). Features served
 * from the store must equal the batch online protocol's (`transformOnline`) given the same
 * feedback, whatever the batching, after a reopen (durable stores) and across replicas (shared stores).
 */
export function historyStoreContract(name: string, api: ContractApi, fixture: HistoryStoreFixture, options: { timeout?: number } = {}): void {
  checkArity('historyStoreContract', arguments, 4);
  checkOptions('historyStoreContract', options, ['timeout']);
  const { describe, it } = api;
  const t = options.timeout;
  const opened: HistoryStore[] = [];
  const open = async (b: string) => {
    const s = await fixture.open(b);
    opened.push(s);
    return s;
  };
  api.afterAll?.(async () => {
    for (const s of opened) await s.close().catch(() => {});
    await fixture.cleanup?.();
  });
  const spec = fitFeatureSpec(tables(3));

  describe(`HistoryStore contract: ${name}`, () => {
    it(
      'serves exactly the batch online protocol, whatever the batching',
      async () => {
        const store = await open(backing('parity'));
        await store.start();
        const events = feedback(120, 1);
        const view = store.view(spec); // a view that follows along
        for (let i = 0; i < events.length; ) {
          const size = 1 + (i % 7);
          await store.append(events.slice(i, i + size));
          i += size;
        }
        await store.sync();
        assert.equal(store.view(spec), view);
        assert.equal(store.status().events, 120);
        assert.equal(store.status().interactions, 120);
        const tLast = events.at(-1)!.time / 1000;
        // Known and new users, after the last group and inside it (which sees only earlier groups).
        for (const req of [
          { userId: 3, movieId: 20, time: tLast + 1 },
          { userId: 99, movieId: 70, time: tLast + 1 },
          { userId: 1, movieId: 10, time: tLast },
        ])
          assert.deepEqual(served(spec, store, req), expected(spec, events, req));
      },
      t,
    );

    it(
      'string ids: "42" is id 42, other strings are users of their own',
      async () => {
        const numeric = await open(backing('ids-n'));
        const text = await open(backing('ids-s'));
        await numeric.start();
        await text.start();
        const events = feedback(60, 6, true);
        await numeric.append(events);
        await text.append(events.map((e) => ({ ...e, userId: String(e.userId), itemId: String(e.itemId) })));
        const tAfter = events.at(-1)!.time / 1000 + 1;
        for (const userId of [3, 'u-3', 'u-4'])
          assert.deepEqual(served(spec, text, { userId, movieId: 20, time: tAfter }), served(spec, numeric, { userId, movieId: 20, time: tAfter }));
        const cold = served(spec, numeric, { userId: 'never-seen', movieId: 20, time: tAfter });
        const seen = served(spec, numeric, { userId: events.find((e) => typeof e.userId === 'string')!.userId, movieId: 20, time: tAfter });
        assert.notDeepEqual(seen, cold);
      },
      t,
    );

    it(
      'a view created late equals one that followed along; non-rating events change nothing',
      async () => {
        const store = await open(backing('late-view'));
        await store.start();
        const early = store.view(spec);
        const events = feedback(40, 2);
        await store.append(events.slice(0, 25));
        await store.append([{ ...events[0]!, event: 'click', value: null }]);
        await store.append(events.slice(25));
        await store.sync();
        assert.equal(store.status().events, 41);
        assert.equal(store.status().interactions, 40);
        const other = fitFeatureSpec(tables(3));
        const req = { userId: 2, movieId: 30, time: events.at(-1)!.time / 1000 + 5 };
        assert.deepEqual(served(other, store, req), served(spec, store, req));
        assert.equal(early, store.view(spec));
      },
      t,
    );

    it(
      'rejects appends after close with a HistoryStoreError',
      async () => {
        const store = await open(backing('closed'));
        await store.start();
        await store.close();
        await assert.rejects(store.append(feedback(1, 3)), (e: unknown) => HistoryStoreError.isInstance(e));
      },
      t,
    );

    if (fixture.durable) {
      it(
        'a reopened store rebuilds the same history (nothing acknowledged is lost)',
        async () => {
          const b = backing('durable');
          const first = await open(b);
          await first.start();
          const events = feedback(60, 4);
          await first.append(events.slice(0, 30));
          await first.append(events.slice(30));
          const req = { userId: 5, movieId: 40, time: events.at(-1)!.time / 1000 + 1 };
          const before = served(spec, first, req);
          await first.close();
          const again = await open(b);
          await again.start();
          assert.equal(again.status().events, 60);
          assert.deepEqual(served(spec, again, req), before);
        },
        t,
      );
    }

    if (fixture.shared) {
      it(
        "replicas on one backing see each other's feedback after sync, in one order",
        async () => {
          const b = backing('shared');
          const a = await open(b);
          const c = await open(b);
          await a.start();
          await c.start();
          const events = feedback(80, 5);
          for (let i = 0; i < events.length; i += 4) await (i % 8 === 0 ? a : c).append(events.slice(i, i + 4));
          await a.sync();
          await c.sync();
          assert.equal(a.status().events, 80);
          assert.equal(c.status().events, 80);
          const req = { userId: 7, movieId: 50, time: events.at(-1)!.time / 1000 + 1 };
          assert.deepEqual(served(spec, a, req), served(spec, c, req));
          const numeric = events.filter((e) => typeof e.userId === 'number');
          if (numeric.length === events.length) assert.deepEqual(served(spec, a, req), expected(spec, events, req));
          // A third replica started later rebuilds the same state.
          const late = await open(b);
          await late.start();
          assert.deepEqual(served(spec, late, req), served(spec, a, req));
        },
        t,
      );
    }
  });
}
