/**
 * Every MLflow REST operation abt calls, declared once: operation → method + path
 * (MLflow's service table in `protos/service.proto`). `{model_id}` is filled from the request.
 */
export const ENDPOINTS = {
  createExperiment: { method: 'POST', path: '/api/2.0/mlflow/experiments/create' },
  getExperiment: { method: 'GET', path: '/api/2.0/mlflow/experiments/get' },
  getExperimentByName: { method: 'GET', path: '/api/2.0/mlflow/experiments/get-by-name' },
  searchExperiments: { method: 'POST', path: '/api/2.0/mlflow/experiments/search' },
  setExperimentTag: { method: 'POST', path: '/api/2.0/mlflow/experiments/set-experiment-tag' },
  deleteExperiment: { method: 'POST', path: '/api/2.0/mlflow/experiments/delete' },
  createRun: { method: 'POST', path: '/api/2.0/mlflow/runs/create' },
  getRun: { method: 'GET', path: '/api/2.0/mlflow/runs/get' },
  updateRun: { method: 'POST', path: '/api/2.0/mlflow/runs/update' },
  deleteRun: { method: 'POST', path: '/api/2.0/mlflow/runs/delete' },
  restoreRun: { method: 'POST', path: '/api/2.0/mlflow/runs/restore' },
  logBatch: { method: 'POST', path: '/api/2.0/mlflow/runs/log-batch' },
  logInputs: { method: 'POST', path: '/api/2.0/mlflow/runs/log-inputs' },
  logOutputs: { method: 'POST', path: '/api/2.0/mlflow/runs/outputs' },
  deleteTag: { method: 'POST', path: '/api/2.0/mlflow/runs/delete-tag' },
  searchRuns: { method: 'POST', path: '/api/2.0/mlflow/runs/search' },
  getMetricHistory: { method: 'GET', path: '/api/2.0/mlflow/metrics/get-history' },
  createLoggedModel: { method: 'POST', path: '/api/2.0/mlflow/logged-models' },
  getLoggedModel: { method: 'GET', path: '/api/2.0/mlflow/logged-models/{model_id}' },
  finalizeLoggedModel: { method: 'PATCH', path: '/api/2.0/mlflow/logged-models/{model_id}' },
  setLoggedModelTags: { method: 'PATCH', path: '/api/2.0/mlflow/logged-models/{model_id}/tags' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string }>;

export type Operation = keyof typeof ENDPOINTS;
