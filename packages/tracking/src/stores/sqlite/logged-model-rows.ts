import type { LoggedModel, LoggedModelStatus } from '../../entities';

/** `logged_models.status` integers: MLflow's proto enum LoggedModelStatus. */
export const LOGGED_MODEL_STATUS_TO_INT: Record<LoggedModelStatus, number> = { UNSPECIFIED: 0, PENDING: 1, READY: 2, FAILED: 3 };
const INT_TO_STATUS: Record<number, LoggedModelStatus> = { 0: 'UNSPECIFIED', 1: 'PENDING', 2: 'READY', 3: 'FAILED' };

export interface LoggedModelRow {
  model_id: string;
  experiment_id: number;
  name: string;
  artifact_location: string;
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  status: number;
  lifecycle_stage: string | null;
  model_type: string | null;
  source_run_id: string | null;
  status_message: string | null;
}

export function loggedModelFromRows(
  row: LoggedModelRow,
  tags: readonly { tag_key: string; tag_value: string }[],
  params: readonly { param_key: string; param_value: string }[],
): LoggedModel {
  return {
    modelId: row.model_id,
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location,
    creationTimestamp: row.creation_timestamp_ms,
    lastUpdatedTimestamp: row.last_updated_timestamp_ms,
    status: INT_TO_STATUS[row.status] ?? 'UNSPECIFIED',
    statusMessage: row.status_message,
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    modelType: row.model_type,
    sourceRunId: row.source_run_id,
    tags: Object.fromEntries(tags.map((t) => [t.tag_key, t.tag_value])),
    params: Object.fromEntries(params.map((p) => [p.param_key, p.param_value])),
  };
}
