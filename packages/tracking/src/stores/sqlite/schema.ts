import { ALEMBIC_HEAD, DEFAULT_WORKSPACE_DESCRIPTION, MLFLOW_VERSION, SCHEMA_DDL } from './schema-ddl';

export { ALEMBIC_HEAD, MLFLOW_VERSION, SCHEMA_DDL };

/** MLflow's DEFAULT_WORKSPACE_NAME: every workspace-scoped row of abt uses it. */
export const DEFAULT_WORKSPACE = 'default';

/** Alembic revisions abt has been run against (the generator's head). Others get a warning. */
export const TESTED_REVISIONS: ReadonlySet<string> = new Set([ALEMBIC_HEAD]);

/**
 * Tables and columns abt writes. Opening a database that lacks any of them is refused;
 * everything else MLflow has is left alone (and may be newer).
 */
export const REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  experiments: ['experiment_id', 'name', 'artifact_location', 'lifecycle_stage', 'creation_time', 'last_update_time', 'workspace'],
  experiment_tags: ['key', 'value', 'experiment_id'],
  runs: [
    'run_uuid',
    'name',
    'source_type',
    'source_name',
    'entry_point_name',
    'user_id',
    'status',
    'start_time',
    'end_time',
    'source_version',
    'lifecycle_stage',
    'artifact_uri',
    'experiment_id',
    'deleted_time',
  ],
  metrics: ['key', 'value', 'timestamp', 'run_uuid', 'step', 'is_nan'],
  latest_metrics: ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
  params: ['key', 'value', 'run_uuid'],
  tags: ['key', 'value', 'run_uuid'],
  logged_models: [
    'model_id',
    'experiment_id',
    'name',
    'artifact_location',
    'creation_timestamp_ms',
    'last_updated_timestamp_ms',
    'status',
    'lifecycle_stage',
    'model_type',
    'source_run_id',
    'status_message',
  ],
  logged_model_tags: ['model_id', 'experiment_id', 'tag_key', 'tag_value'],
  logged_model_params: ['model_id', 'experiment_id', 'param_key', 'param_value'],
  workspaces: ['name', 'description'],
  alembic_version: ['version_num'],
};

/** The rows MLflow's initialisation inserts besides the DDL (experiment 0 is added per artifact root). */
export const SEED_SQL = [
  `INSERT INTO alembic_version (version_num) VALUES ('${ALEMBIC_HEAD}')`,
  `INSERT INTO workspaces (name, description) VALUES ('${DEFAULT_WORKSPACE}', '${DEFAULT_WORKSPACE_DESCRIPTION.replace(/'/g, "''")}')`,
] as const;
