/** Keys of LightGBM's text model format (`gbdt_model_text.cpp`, `tree.cpp`), in file order. */
export const HEADER_FIRST_LINE = 'tree';
export const MODEL_VERSION = 'v4';
export const HEADER_KEYS = [
  'version',
  'num_class',
  'num_tree_per_iteration',
  'label_index',
  'max_feature_idx',
  'objective',
  'feature_names',
  'feature_infos',
  'tree_sizes',
] as const;
export const TREE_KEYS = [
  'num_leaves',
  'num_cat',
  'split_feature',
  'split_gain',
  'threshold',
  'decision_type',
  'left_child',
  'right_child',
  'leaf_value',
  'leaf_weight',
  'leaf_count',
  'internal_value',
  'internal_weight',
  'internal_count',
  'is_linear',
  'shrinkage',
] as const;
export const AVERAGE_OUTPUT = 'average_output';
export const END_OF_TREES = 'end of trees';
export const FEATURE_IMPORTANCES = 'feature_importances:';
export const PARAMETERS = 'parameters:';
export const END_OF_PARAMETERS = 'end of parameters';
export const PANDAS_CATEGORICAL = 'pandas_categorical:null';
