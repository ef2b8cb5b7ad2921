import { checkFinite, checkIntOption, checkSameLength, countPositives } from '../validate';
import { EvalError } from '../errors';
import { linspace } from '../stats/describe';
import { messages } from '../messages';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface ScoreHistogramOptions {
  /** Number of equal-width bins; default 20. */
  readonly bins?: number;
  /** [lo, hi]; default the scores' min and max (numpy's default). */
  readonly range?: readonly [number, number];
  /** When given, counts are also split by label. */
  readonly labels?: ArrayLike<number>;
}
const HISTOGRAM_OPTIONS = keysOf<ScoreHistogramOptions>({ bins: true, range: true, labels: true });

export interface ScoreHistogram {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  readonly countsPositive?: Float64Array;
  readonly countsNegative?: Float64Array;
}

/** Equal-width histogram with numpy's `histogram` semantics (last bin closed; values outside range ignored). */
export function scoreHistogram(scores: ArrayLike<number>, options: ScoreHistogramOptions = {}): ScoreHistogram {
  checkArity('scoreHistogram', arguments, ['scores', 'options']);
  checkKeys('scoreHistogram', 'options', options, HISTOGRAM_OPTIONS);
  const { bins = 20, labels } = options;
  checkIntOption('scoreHistogram', 'bins', bins, 1);
  checkFinite('scoreHistogram', scores, 'scores');
  if (labels) {
    checkSameLength('scoreHistogram', labels, 'labels', scores, 'scores');
    countPositives('scoreHistogram', labels);
  }
  let [lo, hi] = options.range ?? minMax(scores);
  if (!(hi >= lo)) throw new EvalError('INVALID_OPTION', messages.invalidOption('scoreHistogram', 'range', options.range, 'lo <= hi'));
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  // numpy's recipe exactly: linspace edges, index = floor((s - lo) · bins / (hi - lo)), then a ±1 fix
  // against the edges, so values on an edge land in the same bin as in numpy.histogram.
  const edges = linspace(lo, hi, bins + 1);
  const norm = bins / (hi - lo);
  const counts = new Float64Array(bins);
  const cp = labels ? new Float64Array(bins) : undefined;
  const cn = labels ? new Float64Array(bins) : undefined;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s < lo || s > hi) continue;
    let b = Math.floor((s - lo) * norm);
    if (b === bins) b--;
    if (s < edges[b]!) b--;
    else if (b !== bins - 1 && s >= edges[b + 1]!) b++;
    counts[b]!++;
    if (labels) (labels[i] === 1 ? cp! : cn!)[b]!++;
  }
  return { edges, counts, ...(cp ? { countsPositive: cp, countsNegative: cn! } : {}) };
}

function minMax(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
