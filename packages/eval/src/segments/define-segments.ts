import { EvalError } from '../errors';
import { messages } from '../messages';
import { quantileSorted } from '../stats/describe';
import { checkRangeOption, checkSameLength } from '../validate';
import { checkArity, checkKeys } from '../check-args';
import { checkSegmentInput, SEGMENT_OPTIONS, type Segment, type SegmentGroup, type SegmentInput, type SegmentOptions } from './types';

// MovieLens-1M's age bands, applied to exact ages.
const AGE_BANDS: readonly [number, number, string, string][] = [
  [0, 18, 'under_18', 'Age under 18'],
  [18, 25, '18_24', 'Age 18–24'],
  [25, 35, '25_34', 'Age 25–34'],
  [35, 45, '35_44', 'Age 35–44'],
  [45, 50, '45_49', 'Age 45–49'],
  [50, 56, '50_55', 'Age 50–55'],
  [56, Infinity, '56_plus', 'Age 56+'],
];

/** snake_case key fragment: "Film-Noir" → "film_noir", "Children's" → "childrens". */
function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'unknown'
  );
}

/**
 * Segments defined from TRAIN only (never from the evaluated rows): cold-start users / movies are
 * those absent from train; popularity is the train rating count (top `popularTopFraction` of the
 * train-seen movies vs the rest, unseen ones included); activity bands are tertiles of the per-user
 * train count. Genres (every one), age bands, gender and occupation come from the evaluated rows' attributes.
 */
export function defineSegments(input: SegmentInput, options: SegmentOptions = {}): Segment[] {
  checkArity('defineSegments', arguments, ['input', 'options']);
  checkSegmentInput('defineSegments', input);
  checkKeys('defineSegments', 'options', options, SEGMENT_OPTIONS);
  const { popularTopFraction = 0.1 } = options;
  const where = 'defineSegments';
  checkRangeOption(where, 'popularTopFraction', popularTopFraction, 0, 1, true, false);
  const { train, eval: ev } = input;
  checkSameLength(where, train.userIds, 'train.userIds', train.itemIds, 'train.itemIds');
  const n = ev.labels.length;
  checkSameLength(where, ev.userIds, 'eval.userIds', ev.labels, 'eval.labels');
  checkSameLength(where, ev.itemIds, 'eval.itemIds', ev.labels, 'eval.labels');

  const userCount = countBy(train.userIds);
  const itemCount = countBy(train.itemIds);
  const popular = topItems(itemCount, popularTopFraction);
  const userCounts = Float64Array.from(userCount.values()).sort();
  const t1 = quantileSorted(userCounts, 1 / 3);
  const t2 = quantileSorted(userCounts, 2 / 3);

  const out: Segment[] = [];
  const add = (key: string, label: string, group: SegmentGroup, pred: (i: number) => boolean) => {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (pred(i)) rows.push(i);
    out.push({ key, label, group, rows: Uint32Array.from(rows) });
  };
  const uCount = (i: number) => userCount.get(ev.userIds[i]!) ?? 0;
  const iCount = (i: number) => itemCount.get(ev.itemIds[i]!) ?? 0;

  add('all', 'All rows', 'all', () => true);
  add('cold_user', 'Cold-start users (not in train)', 'cold_start', (i) => uCount(i) === 0);
  add('warm_user', 'Users seen in train', 'cold_start', (i) => uCount(i) > 0);
  add('cold_item', 'Cold-start movies (not in train)', 'cold_start', (i) => iCount(i) === 0);
  add('warm_item', 'Movies seen in train', 'cold_start', (i) => iCount(i) > 0);
  add('popular', `Popular movies (top ${fmtPct(popularTopFraction)} by train count)`, 'popularity', (i) => popular.has(ev.itemIds[i]!));
  add('long_tail', 'Long-tail movies (rest, incl. unseen)', 'popularity', (i) => !popular.has(ev.itemIds[i]!));
  add('activity_low', `Light users (1–${Math.floor(t1)} train ratings)`, 'activity', (i) => uCount(i) > 0 && uCount(i) <= t1);
  add('activity_mid', `Medium users (${Math.floor(t1) + 1}–${Math.floor(t2)} train ratings)`, 'activity', (i) => uCount(i) > t1 && uCount(i) <= t2);
  add('activity_high', `Heavy users (> ${Math.floor(t2)} train ratings)`, 'activity', (i) => uCount(i) > t2);

  if (ev.genres) {
    const g = ev.genres.names.length;
    if (ev.genres.flags.length !== n * g) {
      throw new EvalError('LENGTH_MISMATCH', messages.lengthMismatch(where, 'eval.genres.flags', ev.genres.flags.length, 'rows × genres', n * g));
    }
    ev.genres.names.forEach((name, j) => add(`genre_${slug(name)}`, `Genre: ${name}`, 'genre', (i) => ev.genres!.flags[i * g + j] === 1));
  }
  const demo = ev.demographics;
  if (demo?.age) {
    checkSameLength(where, demo.age, 'eval.demographics.age', ev.labels, 'eval.labels');
    for (const [lo, hi, name, label] of AGE_BANDS) add(`age_${name}`, label, 'age', (i) => demo.age![i]! >= lo && demo.age![i]! < hi);
  }
  for (const [field, group] of [
    ['gender', 'gender'],
    ['occupation', 'occupation'],
  ] as const) {
    const col = demo?.[field];
    if (!col) continue;
    checkSameLength(where, col, `eval.demographics.${field}`, ev.labels, 'eval.labels');
    const values = [...new Set(Array.from(col))].sort();
    for (const v of values) add(`${group}_${slug(v)}`, `${field === 'gender' ? 'Gender' : 'Occupation'}: ${v}`, group, (i) => col[i] === v);
  }
  return out;
}

function countBy(ids: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) m.set(ids[i]!, (m.get(ids[i]!) ?? 0) + 1);
  return m;
}

/** Top ceil(fraction · #items) items by train count; ties broken by smaller id so the set is deterministic. */
function topItems(count: Map<number, number>, fraction: number): Set<number> {
  const items = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const k = Math.ceil(items.length * fraction);
  return new Set(items.slice(0, k).map(([id]) => id));
}

function fmtPct(f: number): string {
  return `${Math.round(f * 1000) / 10} %`;
}
