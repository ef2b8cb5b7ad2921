/**
 * Integer id → dense index lookup. MovieLens ids are small positive integers, so a direct
 * Int32Array table is used when it stays compact; otherwise a Map. Unknown ids give -1.
 */
export type IdIndex = {
  /** Sorted unique ids; `ids[k]` has index k. */
  readonly ids: Int32Array;
  /** Index of `id`, or -1 when unknown. */
  get(id: number): number;
};

/** Builds an index over the sorted unique values of `ids` (duplicates collapse). */
export function buildIdIndex(ids: ArrayLike<number>): IdIndex {
  const sorted = Int32Array.from(ids).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return indexSortedUnique(sorted.slice(0, n));
}

/** Index over ids that are already sorted and unique (as stored in a serialized spec). */
export function indexSortedUnique(ids: Int32Array): IdIndex {
  const n = ids.length;
  const min = n > 0 ? ids[0]! : 0;
  const max = n > 0 ? ids[n - 1]! : -1;
  if (n === 0) return { ids, get: () => -1 };
  // A direct table costs 4 bytes per id in [min, max]; use it while that stays within ~4x + 1 MiB of the ids.
  if (max - min + 1 <= 4 * n + (1 << 18)) {
    const table = new Int32Array(max - min + 1).fill(-1);
    for (let k = 0; k < n; k++) table[ids[k]! - min] = k;
    return {
      ids,
      get: (id) => (id >= min && id <= max && Number.isInteger(id) ? table[id - min]! : -1),
    };
  }
  const map = new Map<number, number>();
  for (let k = 0; k < n; k++) map.set(ids[k]!, k);
  return { ids, get: (id) => map.get(id) ?? -1 };
}

/**
 * `base` plus the ids of `extra` it lacks, appended in first-seen order after base's indices
 * (so state arrays indexed by `base` stay valid as a prefix). `ids` is no longer sorted.
 */
export function appendIds(base: IdIndex, extra: ArrayLike<number>): { index: IdIndex; added: number } {
  const tail = new Map<number, number>();
  const n = base.ids.length;
  for (let i = 0; i < extra.length; i++) {
    const id = extra[i]!;
    if (base.get(id) < 0 && !tail.has(id)) tail.set(id, n + tail.size);
  }
  if (tail.size === 0) return { index: base, added: 0 };
  const ids = new Int32Array(n + tail.size);
  ids.set(base.ids);
  for (const [id, k] of tail) ids[k] = id;
  return {
    index: {
      ids,
      get: (id) => {
        const k = base.get(id);
        return k >= 0 ? k : (tail.get(id) ?? -1);
      },
    },
    added: tail.size,
  };
}
