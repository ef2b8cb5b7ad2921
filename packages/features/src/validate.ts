import type { LabeledRatings, RatingsTable } from '@abt/data';
import { FeaturesError } from './errors';
import { messages } from './messages';

function column(table: string, t: Record<string, unknown>, name: string, n: number): void {
  const c = t[name] as ArrayLike<number> | undefined;
  if (!c || typeof c.length !== 'number') throw new FeaturesError('INVALID_INPUT', messages.missingColumn(table, name), `${table}.${name}`);
  if (c.length !== n) throw new FeaturesError('INVALID_INPUT', messages.lengthMismatch(table, name, c.length, n), `${table}.${name}`);
}

function timestamps(table: string, ts: ArrayLike<number>): void {
  for (let i = 0; i < ts.length; i++) {
    if (!Number.isFinite(ts[i]!)) throw new FeaturesError('INVALID_INPUT', messages.badTimestamp(table, i, ts[i]!), `${table}.timestamp`);
  }
}

/** Checks what transform() reads: ids and timestamps of equal length, finite timestamps. */
export function checkRatings(table: string, r: RatingsTable): void {
  if (typeof r !== 'object' || r === null || !Number.isInteger(r.length) || r.length < 0) {
    throw new FeaturesError('INVALID_INPUT', messages.missingColumn(table, 'length'), `${table}.length`);
  }
  for (const c of ['userId', 'movieId', 'timestamp']) column(table, r as unknown as Record<string, unknown>, c, r.length);
  timestamps(table, r.timestamp);
}

/** Checks ratings columns plus `rating` and 0/1 `label`. */
export function checkLabeled(table: string, t: LabeledRatings): void {
  checkRatings(table, t);
  column(table, t as unknown as Record<string, unknown>, 'rating', t.length);
  column(table, t as unknown as Record<string, unknown>, 'label', t.length);
  for (let i = 0; i < t.length; i++) {
    const l = t.label[i]!;
    if (l !== 0 && l !== 1) throw new FeaturesError('INVALID_INPUT', messages.badLabel(table, i, l), `${table}.label`);
  }
}

/** Checks what fit() reads: a labelled table with at least one row. */
export function checkTrain(t: LabeledRatings): void {
  checkLabeled('train', t);
  if (t.length === 0) throw new FeaturesError('INVALID_INPUT', messages.emptyTrain(), 'train');
}
