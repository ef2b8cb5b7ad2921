import type { RequestColumns } from '@abt/features';
import type { RouterPredictions } from '../router-model';

/** One request waiting in a batch. */
export type BatchItem = { readonly cols: RequestColumns; readonly requestId: string };
/** A request's share of its batch's result: its rows start at `row`. */
export type BatchShare = { readonly p: RouterPredictions; readonly row: number; readonly stale: boolean };

/**
 * Scores concurrent single-row requests together: requests that arrive in the same event-loop
 * turn (up to `maxBatch`) become one `predictColumns` call, so featurization and the models run
 * once per batch instead of once per row (a GBDT scores 64 rows in about the time of 7 single
 * calls). Each request keeps its own request id in the exposure log; all of a batch's requests
 * read the same history, synced once after the last of them arrived.
 */
export function createPredictBatcher(run: (items: readonly BatchItem[]) => Promise<{ p: RouterPredictions; stale: boolean }>, maxBatch = 256) {
  let queue: (BatchItem & { resolve: (s: BatchShare) => void; reject: (e: unknown) => void })[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const items = queue;
    queue = [];
    if (items.length === 0) return;
    run(items).then(
      ({ p, stale }) => {
        let row = 0;
        for (const it of items) {
          it.resolve({ p, row, stale });
          row += it.cols.length;
        }
      },
      (e: unknown) => {
        for (const it of items) it.reject(e);
      },
    );
  };
  return {
    predict(cols: RequestColumns, requestId: string): Promise<BatchShare> {
      return new Promise((resolve, reject) => {
        queue.push({ cols, requestId, resolve, reject });
        if (queue.length >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
