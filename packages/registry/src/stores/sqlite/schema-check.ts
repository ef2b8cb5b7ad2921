import { RegistryError } from '../../errors.js';
import { messages as msg } from '../../messages.js';
import type { RegistryDatabase } from './database.js';

/** The registry columns abt reads and writes (MLflow 3.17 schema, workspace-scoped). */
const REGISTRY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  registered_models: ['workspace', 'name', 'creation_time', 'last_updated_time', 'description'],
  model_versions: [
    'workspace',
    'name',
    'version',
    'creation_time',
    'last_updated_time',
    'description',
    'user_id',
    'current_stage',
    'source',
    'storage_location',
    'run_id',
    'run_link',
    'status',
    'status_message',
  ],
  registered_model_tags: ['workspace', 'name', 'key', 'value'],
  model_version_tags: ['workspace', 'name', 'version', 'key', 'value'],
  registered_model_aliases: ['workspace', 'name', 'alias', 'version'],
  logged_models: ['model_id', 'experiment_id', 'artifact_location', 'source_run_id'],
  logged_model_tags: ['model_id', 'experiment_id', 'tag_key', 'tag_value'],
};

/** Fails fast (naming table/column) on a database from an older MLflow schema. */
export function checkRegistrySchema(db: RegistryDatabase): void {
  for (const [table, columns] of Object.entries(REGISTRY_COLUMNS)) {
    const have = new Set(db.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, table).map((r) => r.name));
    if (have.size === 0) throw new RegistryError('INVALID_STATE', msg.schemaMissing(db.path, `table '${table}'`));
    for (const c of columns) if (!have.has(c)) throw new RegistryError('INVALID_STATE', msg.schemaMissing(db.path, `column '${table}.${c}'`));
  }
}
