/**
 * An independent oracle for prediction tests: sums the trees of a LightGBM text model row by row,
 * straight from the text (LightGBM `Tree::NumericalDecision`), with none of the package's code.
 */
import type { DenseMatrix } from '../../src/index';

type TextTree = { feature: number[]; threshold: number[]; decision: number[]; left: number[]; right: number[]; leaf: number[] };

/** C's strtod spellings: LightGBM writes an infinite threshold as `inf`, which `Number` rejects. */
const num = (s: string) => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));

const nums = (block: string, key: string): number[] => {
  const line = block.split('\n').find((l) => l.startsWith(`${key}=`));
  return line
    ? line
        .slice(key.length + 1)
        .trim()
        .split(' ')
        .map(num)
    : [];
};

export function parseTrees(text: string): TextTree[] {
  return text
    .split('\nTree=')
    .slice(1)
    .map((b) => ({
      feature: nums(b, 'split_feature'),
      threshold: nums(b, 'threshold'),
      decision: nums(b, 'decision_type'),
      left: nums(b, 'left_child'),
      right: nums(b, 'right_child'),
      leaf: nums(b, 'leaf_value'),
    }));
}

/** Raw scores, trees added in order (the order the package uses, so sums compare bit for bit). */
export function referenceRaw(text: string, X: DenseMatrix): Float64Array {
  const trees = parseTrees(text);
  const out = new Float64Array(X.rows);
  for (let r = 0; r < X.rows; r++) {
    let s = 0;
    for (const t of trees) {
      let n = t.feature.length === 0 ? -1 : 0;
      while (n >= 0) {
        let v = X.data[r * X.cols + t.feature[n]!]!;
        const dt = t.decision[n]!;
        const missing = (dt >> 2) & 3;
        if (Number.isNaN(v) && missing !== 2) v = 0;
        const isMissing = (missing === 1 && Math.abs(v) <= 1e-35) || (missing === 2 && Number.isNaN(v));
        const goLeft = isMissing ? (dt & 2) !== 0 : v <= t.threshold[n]!;
        n = goLeft ? t.left[n]! : t.right[n]!;
      }
      s += t.leaf[~n]!;
    }
    out[r] = s;
  }
  return out;
}
