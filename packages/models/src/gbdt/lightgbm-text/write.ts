/**
 * Writes LightGBM's text model format (`GBDT::SaveModelToString`). `tree_sizes=` holds the exact
 * UTF-8 byte length of each `Tree=i` block, because LightGBM parses trees in parallel at those offsets.
 */
import type { TreeArrays } from '../tree';
import * as K from './fields';
import { g17, g6 } from './format-number';

export type TextModel = {
  trees: readonly TreeArrays[];
  featureNames: readonly string[];
  /** `[min:max]` or `none` per feature. */
  featureInfos: readonly string[];
  /** e.g. `binary sigmoid:1`. */
  objective: string;
  /** The `parameters:` block's `[name: value]` lines. */
  parameterLines: readonly string[];
  /** What the `feature_importances:` block counts (LightGBM `saved_feature_importance_type`). */
  importanceType: 'split' | 'gain';
};

const join = <T>(a: ArrayLike<T>, n: number, f: (x: T) => string) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(f(a[i]!));
  return out.join(' ');
};
const int = (x: number) => String(x);

function treeToString(t: TreeArrays): string {
  const n = t.numLeaves - 1;
  const L = t.numLeaves;
  const lines = [
    `num_leaves=${L}`,
    'num_cat=0',
    `split_feature=${join(t.splitFeature, n, int)}`,
    `split_gain=${join(t.splitGain, n, g6)}`,
    `threshold=${join(t.threshold, n, g17)}`,
    `decision_type=${join(t.decisionType, n, int)}`,
    `left_child=${join(t.leftChild, n, int)}`,
    `right_child=${join(t.rightChild, n, int)}`,
    `leaf_value=${join(t.leafValue, L, g17)}`,
    // LightGBM leaves leaf_weight empty on constant trees
    `leaf_weight=${L > 1 ? join(t.leafWeight, L, g17) : ''}`,
    `leaf_count=${join(t.leafCount, L, int)}`,
    `internal_value=${join(t.internalValue, n, g6)}`,
    `internal_weight=${join(t.internalWeight, n, g6)}`,
    `internal_count=${join(t.internalCount, n, int)}`,
    'is_linear=0',
    `shrinkage=${g6(t.shrinkage)}`,
  ];
  return `${lines.join('\n')}\n\n`;
}

const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

/**
 * LightGBM `FeatureImportance` as the model file writes it: split counts or summed split gains per
 * feature, truncated to integers, most important first (a stable sort), zeros omitted.
 */
function importanceLines(trees: readonly TreeArrays[], names: readonly string[], type: 'split' | 'gain'): string[] {
  const sums = new Array<number>(names.length).fill(0);
  for (const t of trees) for (let i = 0; i < t.numLeaves - 1; i++) sums[t.splitFeature[i]!]! += type === 'gain' ? t.splitGain[i]! : 1;
  return sums
    .map((v) => Math.trunc(v))
    .map((c, f) => ({ c, f }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c || a.f - b.f)
    .map((x) => `${names[x.f]}=${x.c}`);
}

export function writeLightGBMText(m: TextModel): string {
  const blocks = m.trees.map((t, i) => `Tree=${i}\n${treeToString(t)}\n`);
  const header = [
    K.HEADER_FIRST_LINE,
    `version=${K.MODEL_VERSION}`,
    'num_class=1',
    'num_tree_per_iteration=1',
    'label_index=0',
    `max_feature_idx=${m.featureNames.length - 1}`,
    `objective=${m.objective}`,
    `feature_names=${m.featureNames.map((n) => n.replace(/\s/g, '_')).join(' ')}`,
    `feature_infos=${m.featureInfos.join(' ')}`,
    `tree_sizes=${blocks.map(utf8Length).join(' ')}`,
    '',
    '',
  ].join('\n');
  return (
    header +
    blocks.join('') +
    `${K.END_OF_TREES}\n\n${K.FEATURE_IMPORTANCES}\n${importanceLines(m.trees, m.featureNames, m.importanceType)
      .map((l) => `${l}\n`)
      .join('')}\n` +
    `${K.PARAMETERS}\n${m.parameterLines.map((l) => `${l}\n`).join('')}\n${K.END_OF_PARAMETERS}\n\n${K.PANDAS_CATEGORICAL}\n`
  );
}
