import type { ModelVersion, RegisteredModel } from '../../entities.js';
import { latestPerStage } from '../search-entities.js';
import { STAGE_DELETED_INTERNAL, type RegistryDatabase } from './database.js';
import { MODEL_COLUMNS, VERSION_COLUMNS, versionFromRow, type ModelRow, type VersionRow } from './rows.js';

// Bulk reads: a few queries per call, joined in memory (the registry is small; MLflow's UI
// and search pages read it the same way through SQLAlchemy's eager loads).

/** Versions (live only) with tags and aliases, for the given model name or all models. */
export function readVersions(db: RegistryDatabase, ws: string, name?: string): ModelVersion[] {
  const where = name === undefined ? '' : ' AND name = ?';
  const args = name === undefined ? [ws] : [ws, name];
  const rows = db.all<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM model_versions WHERE workspace = ?${where} AND (current_stage IS NULL OR current_stage != '${STAGE_DELETED_INTERNAL}')`,
    ...args,
  );
  const tags = db.all<{ name: string; version: number; key: string; value: string | null }>(
    `SELECT name, version, key, value FROM model_version_tags WHERE workspace = ?${where}`,
    ...args,
  );
  const aliases = db.all<{ name: string; version: number; alias: string }>(
    `SELECT name, version, alias FROM registered_model_aliases WHERE workspace = ?${where} ORDER BY alias`,
    ...args,
  );
  const key = (n: string, v: number) => `${n}\u0000${v}`;
  const tagMap = new Map<string, Record<string, string>>();
  for (const t of tags) {
    const k = key(t.name, t.version);
    tagMap.set(k, { ...tagMap.get(k), [t.key]: t.value ?? '' });
  }
  const aliasMap = new Map<string, string[]>();
  for (const a of aliases) aliasMap.set(key(a.name, a.version), [...(aliasMap.get(key(a.name, a.version)) ?? []), a.alias]);
  return rows.map((r) => versionFromRow(r, tagMap.get(key(r.name, r.version)) ?? {}, aliasMap.get(key(r.name, r.version)) ?? []));
}

/** Registered models with tags, aliases and latest versions, for one name or all. */
export function readModels(db: RegistryDatabase, ws: string, name?: string): RegisteredModel[] {
  const where = name === undefined ? '' : ' AND name = ?';
  const args = name === undefined ? [ws] : [ws, name];
  const rows = db.all<ModelRow>(`SELECT ${MODEL_COLUMNS} FROM registered_models WHERE workspace = ?${where}`, ...args);
  const tags = db.all<{ name: string; key: string; value: string | null }>(
    `SELECT name, key, value FROM registered_model_tags WHERE workspace = ?${where}`,
    ...args,
  );
  const aliases = db.all<{ name: string; alias: string; version: number }>(
    `SELECT name, alias, version FROM registered_model_aliases WHERE workspace = ?${where} ORDER BY alias`,
    ...args,
  );
  const versions = readVersions(db, ws, name);
  return rows.map((r) => ({
    name: r.name,
    creationTimestamp: Number(r.creation_time ?? 0),
    lastUpdatedTimestamp: Number(r.last_updated_time ?? 0),
    description: r.description ?? '',
    tags: Object.fromEntries(tags.filter((t) => t.name === r.name).map((t) => [t.key, t.value ?? ''])),
    aliases: Object.fromEntries(aliases.filter((a) => a.name === r.name).map((a) => [a.alias, String(a.version)])),
    latestVersions: latestPerStage(versions.filter((v) => v.name === r.name)),
  }));
}
