import type { ModelVersion, ModelVersionStage, ModelVersionStatus } from '../../entities.js';

export interface ModelRow {
  name: string;
  creation_time: number | null;
  last_updated_time: number | null;
  description: string | null;
}

export interface VersionRow {
  name: string;
  version: number;
  creation_time: number | null;
  last_updated_time: number | null;
  description: string | null;
  user_id: string | null;
  current_stage: string | null;
  source: string | null;
  storage_location: string | null;
  run_id: string | null;
  run_link: string | null;
  status: string | null;
  status_message: string | null;
}

export const MODEL_COLUMNS = 'name, creation_time, last_updated_time, description';
export const VERSION_COLUMNS =
  'name, version, creation_time, last_updated_time, description, user_id, current_stage, source, storage_location, run_id, run_link, status, status_message';

/** Row → entity; the logged model id is read off a `models:/m-…` source (MLflow 3 has no column for it). */
export function versionFromRow(row: VersionRow, tags: Record<string, string>, aliases: string[]): ModelVersion {
  const mv: ModelVersion = {
    name: row.name,
    version: String(row.version),
    creationTimestamp: Number(row.creation_time ?? 0),
    lastUpdatedTimestamp: Number(row.last_updated_time ?? 0),
    description: row.description ?? '',
    userId: row.user_id ?? '',
    currentStage: (row.current_stage ?? 'None') as ModelVersionStage,
    source: row.source ?? '',
    runId: row.run_id ?? '',
    runLink: row.run_link ?? '',
    status: (row.status ?? 'READY') as ModelVersionStatus,
    statusMessage: row.status_message ?? '',
    tags,
    aliases,
  };
  const m = /^models:\/(m-[^/@]+)$/.exec(mv.source);
  if (m?.[1]) mv.modelId = m[1];
  return mv;
}
