import { checkBinaryInput, checkIntOption } from '../validate';
import { checkArity } from '../check-args';

export interface LiftGainRow {
  /** 1-based group number; group 1 holds the highest scores. */
  readonly group: number;
  readonly n: number;
  readonly positives: number;
  /** Positive rate in this group. */
  readonly rate: number;
  /** Group rate / overall positive rate. */
  readonly lift: number;
  /** Fraction of all rows in groups 1..group. */
  readonly cumulativeFraction: number;
  /** Fraction of all positives captured by groups 1..group (the cumulative-gain curve). */
  readonly cumulativeGain: number;
  /** Cumulative positive rate / overall positive rate. */
  readonly cumulativeLift: number;
}

export interface LiftGainTable {
  readonly baseRate: number;
  readonly rows: readonly LiftGainRow[];
}

/**
 * Lift and cumulative gain by score groups (deciles by default): rows sorted by score, highest
 * first, ties kept in row order, then cut into `groups` nearly equal parts (floor(i·n/groups) edges).
 */
export function liftGain(labels: ArrayLike<number>, scores: ArrayLike<number>, groups = 10): LiftGainTable {
  checkArity('liftGain', arguments, ['labels', 'scores', 'groups']);
  const positives = checkBinaryInput('liftGain', labels, scores);
  checkIntOption('liftGain', 'groups', groups, 1, labels.length);
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const baseRate = positives / n;
  const rows: LiftGainRow[] = [];
  let cumN = 0;
  let cumPos = 0;
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    let pos = 0;
    for (let i = start; i < end; i++) pos += labels[order[i]!]!;
    const size = end - start;
    cumN += size;
    cumPos += pos;
    const rate = size === 0 ? 0 : pos / size;
    rows.push({
      group: g + 1,
      n: size,
      positives: pos,
      rate,
      lift: baseRate === 0 ? NaN : rate / baseRate,
      cumulativeFraction: cumN / n,
      cumulativeGain: positives === 0 ? NaN : cumPos / positives,
      cumulativeLift: baseRate === 0 ? NaN : cumPos / cumN / baseRate,
    });
  }
  return { baseRate, rows };
}
