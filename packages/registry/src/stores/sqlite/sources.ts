import { RegistryError } from '../../errors.js';
import { messages as msg } from '../../messages.js';
import { pythonJson } from '../../bundle/signature.js';
import { layer } from '../../mlflow-layer.js';
import { localPathOf, parseModelUri } from '../../uri/parse-uri.js';
import type { CheckedSource } from '../source.js';
import type { RegistryDatabase } from './database.js';
import type { VersionRow } from './rows.js';

/** The logged-model tag MLflow 3 uses to link a logged model to the versions made from it. */
export const MLFLOW_MODEL_VERSIONS_TAG = 'mlflow.modelVersions';

/** MLflow's storage_location rules, plus the local-path containment check of its server. */
export function storageLocation(
  db: RegistryDatabase,
  versionRow: (name: string, version: string) => VersionRow,
  source: string,
  checked: CheckedSource,
): { storage: string; runId: string | undefined } {
  const parsed = checked.parsed;
  const runId = checked.runId;
  if (parsed.kind === 'logged-model') {
    const row = db.get<{ artifact_location: string; source_run_id: string | null }>(
      `SELECT artifact_location, source_run_id FROM logged_models WHERE model_id = ?`,
      parsed.modelId,
    );
    if (!row) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.loggedModelNotFound(parsed.modelId, source));
    return { storage: row.artifact_location, runId: runId ?? row.source_run_id ?? undefined };
  }
  if (parsed.kind === 'version' || parsed.kind === 'alias' || parsed.kind === 'latest' || parsed.kind === 'stage') {
    const mu = parseModelUri(source);
    if (mu.kind !== 'version') throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badSource(source, msg.sourceRegistryForm()));
    const v = versionRow(mu.name, mu.version);
    return { storage: v.storage_location ?? v.source ?? source, runId };
  }
  if (parsed.kind === 'artifact' && parsed.location === 'local') {
    // MLflow's _validate_source_run: both sides `Path.resolve()`d, so a symlink inside the run's
    // artifact directory that points elsewhere does not make its target a valid source.
    const local = localPathOf(source);
    const roots: string[] = [];
    if (runId) {
      const run = db.get<{ artifact_uri: string | null }>(`SELECT artifact_uri FROM runs WHERE run_uuid = ?`, runId);
      if (run?.artifact_uri) roots.push(run.artifact_uri);
    }
    if (checked.modelId) {
      const lm = db.get<{ artifact_location: string }>(`SELECT artifact_location FROM logged_models WHERE model_id = ?`, checked.modelId);
      if (lm) roots.push(lm.artifact_location);
    }
    const inside = roots.some((root) => {
      try {
        return layer.isInsideRoot(localPathOf(root), local);
      } catch {
        return false; // a remote or unusable root holds no local source
      }
    });
    if (!inside) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badSource(source, msg.sourceLocalOutside()));
    }
  }
  return { storage: source, runId };
}

/** MLflow 3's `mlflow.modelVersions` tag: a JSON list of {name, version} on the logged model. */
export function linkLoggedModel(db: RegistryDatabase, modelId: string, name: string, version: number): void {
  const row = db.get<{ experiment_id: number }>(`SELECT experiment_id FROM logged_models WHERE model_id = ?`, modelId);
  if (!row) return;
  const existing = db.get<{ tag_value: string }>(
    `SELECT tag_value FROM logged_model_tags WHERE model_id = ? AND tag_key = ?`,
    modelId,
    MLFLOW_MODEL_VERSIONS_TAG,
  );
  let list: Array<{ name: string; version: number | string }> = [];
  try {
    list = existing ? (JSON.parse(existing.tag_value) as typeof list) : [];
  } catch {
    list = [];
  }
  if (!list.some((e) => e.name === name && String(e.version) === String(version))) list.push({ name, version });
  db.run(
    `INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?) ON CONFLICT (model_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
    modelId,
    row.experiment_id,
    MLFLOW_MODEL_VERSIONS_TAG,
    pythonJson(list),
  );
}
