// Public API of @abt/models.
export type { DenseMatrix, CsrMatrix, Matrix, MatrixInput } from './matrix';
export { isCsr } from './matrix';
export { packSharedViews, unpackSharedViews } from './shared-views';
export type { Classifier, FitOptions, FitProgress, SerializedModel } from './model';
export { ModelsError, NotFittedError, InvalidParamError, InvalidInputError, ModelFormatError, InvalidArgumentError } from './errors';
export type { ModelsErrorCode } from './errors';
export { messages } from './messages';
export { LogisticRegression, LOGISTIC_REGRESSION_DEFAULTS, LOGISTIC_REGRESSION_KIND, LOGISTIC_REGRESSION_PARAM_NAMES } from './linear/index';
export type {
  LogisticRegressionParams,
  LogisticRegressionOptions,
  LogisticRegressionFitOptions,
  LogisticWarning,
  LogisticWarningCode,
  Penalty,
  LinearSolver,
  ClassWeight,
} from './linear/index';
export { GBDT, GBDT_KIND, GBDT_PARAMS } from './gbdt/index';
export type {
  FeatureImportanceType,
  GBDTImplementedParamName,
  GBDTMetricName,
  GBDTOptionValue,
  GBDTOptions,
  GBDTParamName,
  GBDTParamSpec,
  GBDTParamTable,
  GBDTParamTreatment,
  GBDTParamType,
  GBDTParamTypeValue,
  GBDTParamValue,
  GBDTParams,
} from './gbdt/index';
export { loadModel, canonicalModelKind, MODEL_KINDS } from './load-model';
export { StandardScaler, STANDARD_SCALER_DEFAULTS, STANDARD_SCALER_KIND } from './preprocessing/index';
export type { StandardScalerParams, StandardScalerTransformOptions, Transformer, TransformerFitOptions, DenseFloat64, CsrFloat64 } from './preprocessing/index';
export { Pipeline, PIPELINE_KIND, makePipeline } from './pipeline/index';
export type { PipelineClassifier, PipelineParams, PipelineOptions, PipelineFitOptions, PipelineStep, MakePipelineOptions } from './pipeline/index';
