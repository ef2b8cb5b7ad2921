/** Fixed lines of LightGBM's text model format (`gbdt_model_text.cpp`, `tree.cpp`). */
export const HEADER_FIRST_LINE = 'tree';
export const MODEL_VERSION = 'v4';
export const AVERAGE_OUTPUT = 'average_output';
export const END_OF_TREES = 'end of trees';
export const FEATURE_IMPORTANCES = 'feature_importances:';
export const PARAMETERS = 'parameters:';
export const END_OF_PARAMETERS = 'end of parameters';
export const PANDAS_CATEGORICAL = 'pandas_categorical:null';
