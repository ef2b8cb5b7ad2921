import { checkArity } from './check-args';
/**
 * Where sticky assignments live: once a user was bucketed into an arm, later calls return that arm
 * even if weights or coverage change (GrowthBook's sticky bucketing, reduced to its core).
 * Synchronous on purpose: assignment sits on the request hot path. Back a remote store
 * (Redis, a database) with a local cache that this interface reads.
 */
export type StickyStore = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** The arm stored for `userId` in experiment `experimentKey`, if any. */
  get(experimentKey: string, userId: string): string | undefined;
  /** Remembers `arm` for `userId` in experiment `experimentKey`. */
  set(experimentKey: string, userId: string, arm: string): void;
};

/** An in-process {@link StickyStore} over a Map (for tests, demos and single-process servers). */
export function createMemoryStickyStore(initial?: Iterable<[experimentKey: string, userId: string, arm: string]>): StickyStore & {
  readonly size: number;
} {
  checkArity('createMemoryStickyStore', arguments, 1);
  const byExperiment = new Map<string, Map<string, string>>();
  const store = {
    version: 1 as const,
    get: (experimentKey: string, userId: string) => byExperiment.get(experimentKey)?.get(userId),
    set: (experimentKey: string, userId: string, arm: string) => {
      let m = byExperiment.get(experimentKey);
      if (!m) byExperiment.set(experimentKey, (m = new Map()));
      m.set(userId, arm);
    },
    get size() {
      let n = 0;
      for (const m of byExperiment.values()) n += m.size;
      return n;
    },
  };
  for (const [k, u, a] of initial ?? []) store.set(k, u, a);
  return store;
}
