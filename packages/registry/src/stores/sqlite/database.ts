/**
 * The part of `@abt/tracking`'s `MlflowDatabase` handle the registry uses. Declared here
 * as a shape so the store works with any handle over an MLflow-schema SQLite file.
 */
export interface RegistryDatabase {
  /** Absolute file path (for messages). */
  readonly path: string;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): { changes: number };
  /** One IMMEDIATE transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** MLflow's `STAGE_DELETED_INTERNAL`: soft-deleted versions keep their row and number. */
export const STAGE_DELETED_INTERNAL = 'Deleted_Internal';
/** MLflow's DEFAULT_WORKSPACE_NAME. */
export const DEFAULT_WORKSPACE = 'default';
