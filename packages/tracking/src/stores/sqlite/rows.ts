import type { Experiment, Run, RunInfo, RunStatus } from '../../entities';
import { storedMetricValue } from '../../metric-value';
import type { MlflowDatabase } from './open-database';

/** Row shapes of `experiments` and `runs`, and their mapping to entities. */
export interface ExperimentRow {
  experiment_id: number;
  name: string;
  artifact_location: string | null;
  lifecycle_stage: string;
  creation_time: number | null;
  last_update_time: number | null;
}
export interface RunRow {
  run_uuid: string;
  name: string | null;
  user_id: string | null;
  status: string;
  start_time: number | null;
  end_time: number | null;
  lifecycle_stage: string;
  artifact_uri: string | null;
  experiment_id: number;
}

export const RUN_COLUMNS = 'r.run_uuid, r.name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri, r.experiment_id';

export function experimentFromRow(db: MlflowDatabase, row: ExperimentRow): Experiment {
  const tags: Record<string, string> = {};
  for (const t of db.all<{ key: string; value: string | null }>(`SELECT key, value FROM experiment_tags WHERE experiment_id = ?`, row.experiment_id))
    tags[t.key] = t.value ?? '';
  return {
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location ?? '',
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    creationTime: row.creation_time,
    lastUpdateTime: row.last_update_time,
    tags,
  };
}

export function runInfoFromRow(row: RunRow): RunInfo {
  return {
    runId: row.run_uuid,
    runName: row.name ?? '',
    experimentId: String(row.experiment_id),
    userId: row.user_id ?? '',
    status: row.status as RunStatus,
    startTime: row.start_time ?? 0,
    endTime: row.end_time,
    artifactUri: row.artifact_uri ?? '',
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
}

/** Runs with their latest metrics, params and tags, in the rows' order. */
export function runsFromRows(db: MlflowDatabase, rows: readonly RunRow[]): Run[] {
  if (rows.length === 0) return [];
  const byId = new Map<string, Run>();
  for (const row of rows) byId.set(row.run_uuid, { info: runInfoFromRow(row), data: { metrics: {}, params: {}, tags: {} } });
  const ids = [...byId.keys()];
  // Chunked IN lists keep under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(', ');
    for (const m of db.all<{ run_uuid: string; key: string; value: number; is_nan: number }>(
      `SELECT run_uuid, key, value, is_nan FROM latest_metrics WHERE run_uuid IN (${marks})`,
      ...chunk,
    )) {
      byId.get(m.run_uuid)!.data.metrics[m.key] = storedMetricValue(m.value, m.is_nan);
    }
    for (const p of db.all<{ run_uuid: string; key: string; value: string }>(
      `SELECT run_uuid, key, value FROM params WHERE run_uuid IN (${marks})`,
      ...chunk,
    )) {
      byId.get(p.run_uuid)!.data.params[p.key] = p.value;
    }
    for (const t of db.all<{ run_uuid: string; key: string; value: string | null }>(
      `SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (${marks})`,
      ...chunk,
    )) {
      byId.get(t.run_uuid)!.data.tags[t.key] = t.value ?? '';
    }
  }
  return rows.map((r) => byId.get(r.run_uuid)!);
}
