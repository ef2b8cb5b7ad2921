import type { ModelVersion, ModelVersionStage, ModelVersionStatus, RegisteredModel } from '../../entities.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => (v === undefined || v === null ? 0 : Number(v));

function tagsFromWire(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(tags.map((t: Json) => [str(t.key), str(t.value)]));
}

/** MLflow JSON (`ModelVersion` proto) → entity. Versions stay strings, as on the wire. */
export function versionFromWire(j: Json): ModelVersion {
  const mv: ModelVersion = {
    name: str(j.name),
    version: str(j.version),
    creationTimestamp: num(j.creation_timestamp),
    lastUpdatedTimestamp: num(j.last_updated_timestamp),
    description: str(j.description),
    userId: str(j.user_id),
    currentStage: (str(j.current_stage) || 'None') as ModelVersionStage,
    source: str(j.source),
    runId: str(j.run_id),
    runLink: str(j.run_link),
    status: (str(j.status) || 'READY') as ModelVersionStatus,
    statusMessage: str(j.status_message),
    tags: tagsFromWire(j.tags),
    aliases: Array.isArray(j.aliases) ? (j.aliases as unknown[]).map(str) : [],
  };
  const modelId = str(j.model_id) || /^models:\/(m-[^/@]+)$/.exec(mv.source)?.[1];
  if (modelId) mv.modelId = modelId;
  return mv;
}

/** MLflow JSON (`RegisteredModel` proto) → entity. */
export function modelFromWire(j: Json): RegisteredModel {
  const aliases = Array.isArray(j.aliases) ? (j.aliases as Json[]) : [];
  return {
    name: str(j.name),
    creationTimestamp: num(j.creation_timestamp),
    lastUpdatedTimestamp: num(j.last_updated_timestamp),
    description: str(j.description),
    tags: tagsFromWire(j.tags),
    aliases: Object.fromEntries(aliases.map((a) => [str(a.alias), str(a.version)])),
    latestVersions: Array.isArray(j.latest_versions) ? (j.latest_versions as Json[]).map(versionFromWire) : [],
  };
}

export function tagsToWire(tags: Record<string, string> | undefined): Array<{ key: string; value: string }> | undefined {
  if (!tags) return undefined;
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
