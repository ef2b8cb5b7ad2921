/**
 * Every MLflow model-registry REST operation abt calls, declared once: operation → method +
 * path (MLflow's `ModelRegistryService` in `protos/model_registry.proto`, as served by
 * `mlflow/server/handlers.py`). GET takes its arguments in the query string, the rest JSON.
 */
export const REGISTRY_ENDPOINTS = {
  createRegisteredModel: { method: 'POST', path: '/api/2.0/mlflow/registered-models/create' },
  getRegisteredModel: { method: 'GET', path: '/api/2.0/mlflow/registered-models/get' },
  searchRegisteredModels: { method: 'GET', path: '/api/2.0/mlflow/registered-models/search' },
  renameRegisteredModel: { method: 'POST', path: '/api/2.0/mlflow/registered-models/rename' },
  updateRegisteredModel: { method: 'PATCH', path: '/api/2.0/mlflow/registered-models/update' },
  deleteRegisteredModel: { method: 'DELETE', path: '/api/2.0/mlflow/registered-models/delete' },
  setRegisteredModelTag: { method: 'POST', path: '/api/2.0/mlflow/registered-models/set-tag' },
  deleteRegisteredModelTag: { method: 'DELETE', path: '/api/2.0/mlflow/registered-models/delete-tag' },
  getLatestVersions: { method: 'POST', path: '/api/2.0/mlflow/registered-models/get-latest-versions' },
  setRegisteredModelAlias: { method: 'POST', path: '/api/2.0/mlflow/registered-models/alias' },
  deleteRegisteredModelAlias: { method: 'DELETE', path: '/api/2.0/mlflow/registered-models/alias' },
  getModelVersionByAlias: { method: 'GET', path: '/api/2.0/mlflow/registered-models/alias' },
  createModelVersion: { method: 'POST', path: '/api/2.0/mlflow/model-versions/create' },
  getModelVersion: { method: 'GET', path: '/api/2.0/mlflow/model-versions/get' },
  updateModelVersion: { method: 'PATCH', path: '/api/2.0/mlflow/model-versions/update' },
  deleteModelVersion: { method: 'DELETE', path: '/api/2.0/mlflow/model-versions/delete' },
  searchModelVersions: { method: 'GET', path: '/api/2.0/mlflow/model-versions/search' },
  getModelVersionDownloadUri: { method: 'GET', path: '/api/2.0/mlflow/model-versions/get-download-uri' },
  setModelVersionTag: { method: 'POST', path: '/api/2.0/mlflow/model-versions/set-tag' },
  deleteModelVersionTag: { method: 'DELETE', path: '/api/2.0/mlflow/model-versions/delete-tag' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string }>;

export type RegistryOperation = keyof typeof REGISTRY_ENDPOINTS;
