/**
 * Adds a just-grown tree's output to rows of the training data by walking its bins (LightGBM's
 * `Tree::AddPredictionToScore` on the Dataset): each node sends a row the way `Partition.split`
 * sends in-bag rows, so out-of-bag rows need no float walk over X.
 */
import { missingBin, type BinMapper } from '../dataset/bin-mapper';
import { DEFAULT_LEFT_MASK, type TreeArrays } from '../tree';

/**
 * Adds the tree's leaf value to `scores[r]` for r = rows[0..count) (for r in [0, count) when
 * `rows` is null), reading bins from `dense` (the training data's columns, or a valid set binned
 * with the same mappers). False (nothing added) when a split feature has no dense column; the
 * caller walks the floats instead.
 */
export function addTreeScoresBinned(
  tree: TreeArrays,
  thresholdBin: Int32Array,
  ds: { readonly dense: readonly (Uint8Array | Uint16Array | null)[]; readonly mappers: readonly BinMapper[] },
  rows: Int32Array | null,
  count: number,
  scores: Float64Array,
): boolean {
  const nodes = tree.numLeaves - 1;
  if (nodes < 1) return false;
  const cols: (Uint8Array | Uint16Array)[] = [];
  // per node: the missing values' bin and where it goes (-1: none, the threshold decides)
  const nanBin = new Int32Array(nodes);
  const nanLeft = new Uint8Array(nodes);
  for (let i = 0; i < nodes; i++) {
    const f = tree.splitFeature[i]!;
    const col = ds.dense[f];
    if (!col) return false;
    cols.push(col);
    const m = ds.mappers[f]!;
    nanBin[i] = missingBin(m);
    nanLeft[i] = (tree.decisionType[i]! & DEFAULT_LEFT_MASK) !== 0 ? 1 : 0;
  }
  const { leftChild, rightChild, leafValue } = tree;
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i]! : i;
    let n = 0;
    while (n >= 0) {
      const b = cols[n]![r]!;
      const left = b === nanBin[n] ? nanLeft[n] === 1 : b <= thresholdBin[n]!;
      n = left ? leftChild[n]! : rightChild[n]!;
    }
    scores[r]! += leafValue[~n]!;
  }
  return true;
}
