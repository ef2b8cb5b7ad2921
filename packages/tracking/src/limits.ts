/** MLflow's limits, from `mlflow/utils/validation.py`. */
export const LIMITS = {
  maxMetricsPerBatch: 1000,
  maxParamsTagsPerBatch: 100,
  maxEntitiesPerBatch: 1000,
  maxParamValueLength: 6000,
  maxTagValueLength: 8000,
  maxExperimentTagValueLength: 20000,
  maxEntityKeyLength: 250,
  maxRunNameLength: 250,
  maxExperimentNameLength: 256,
  /** `max_results` bound of search_runs / search_experiments (`SEARCH_MAX_RESULTS_THRESHOLD`). */
  maxRunsPerPage: 50_000,
  maxExperimentsPerPage: 50_000,
  /** MLflow's +/-Inf clamp (float64 max), see `SqlAlchemyStore._get_metric_value_details`. */
  maxMetricValue: 1.7976931348623157e308,
} as const;
