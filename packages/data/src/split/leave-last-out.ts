import type { LabeledRatings, Split } from '../tables';
import { InvalidOptionError } from '../errors';
import { messages as msg } from '../messages';
import { takeRows } from '../take-rows';
import { timeOrder } from './time-order';
import { checkArity, checkKeys, keysOf } from '../check-args';

export type LeaveLastOutOptions = {
  /** Each user's last k interactions go to test. Default 1. */
  readonly k?: number;
  /** The validK interactions before those go to valid. Default 0 (empty valid). */
  readonly validK?: number;
};
const LEAVE_LAST_OUT_OPTIONS = keysOf<LeaveLastOutOptions>({ k: true, validK: true });

/**
 * Per-user leave-last-out: a user's last `k` interactions (by timestamp, file order among
 * ties) go to test and the `validK` before them to valid. Users with no more than
 * `k + validK` interactions keep them all in train, so every test user has history.
 * Each part lists its rows in global chronological order.
 */
export function splitLeaveLastOut(labeled: LabeledRatings, options: LeaveLastOutOptions = {}): Split {
  checkArity('splitLeaveLastOut', arguments, ['labeled', 'options']);
  checkKeys('splitLeaveLastOut', 'options', options, LEAVE_LAST_OUT_OPTIONS);
  const { k = 1, validK = 0 } = options;
  for (const [name, v] of [
    ['k', k],
    ['validK', validK],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new InvalidOptionError(name, msg.invalidOption(name, v, 'an integer ≥ 0'));
  }
  const n = labeled.length;
  const order = timeOrder(labeled.timestamp, n);
  let maxUser = 0;
  for (let i = 0; i < n; i++) if (labeled.userId[i]! > maxUser) maxUser = labeled.userId[i]!;
  const total = new Int32Array(maxUser + 1);
  for (let i = 0; i < n; i++) total[labeled.userId[i]!]!++;
  const seen = new Int32Array(maxUser + 1);
  const part = new Uint8Array(n); // 0 train, 1 valid, 2 test, indexed by position in `order`
  const counts = [0, 0, 0];
  for (let p = 0; p < n; p++) {
    const u = labeled.userId[order[p]!]!;
    const fromEnd = total[u]! - ++seen[u]!; // 0 = the user's last interaction
    const held = total[u]! > k + validK;
    const which = held && fromEnd < k ? 2 : held && fromEnd < k + validK ? 1 : 0;
    part[p] = which;
    counts[which]!++;
  }
  const out = [new Int32Array(counts[0]!), new Int32Array(counts[1]!), new Int32Array(counts[2]!)];
  const fill = [0, 0, 0];
  for (let p = 0; p < n; p++) out[part[p]!]![fill[part[p]!]!++] = order[p]!;
  const indices = { train: out[0]!, valid: out[1]!, test: out[2]! };
  return {
    train: takeRows(labeled, indices.train),
    valid: takeRows(labeled, indices.valid),
    test: takeRows(labeled, indices.test),
    indices,
  };
}
