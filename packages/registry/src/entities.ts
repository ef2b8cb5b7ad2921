/** Stages MLflow still stores; `None` is the only one abt writes (aliases replace stages). */
export type ModelVersionStage = 'None' | 'Staging' | 'Production' | 'Archived';

/** MLflow's ModelVersionStatus strings. */
export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

/** A registered model, as MLflow's REST API and entities describe it. */
export interface RegisteredModel {
  name: string;
  /** Milliseconds since the epoch. */
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  tags: Record<string, string>;
  /** alias → version (string, as on the wire). */
  aliases: Record<string, string>;
  /** Latest version per stage (MLflow's `latest_versions`). */
  latestVersions: ModelVersion[];
}

/** One version of a registered model. Versions are strings, as MLflow's JSON has them. */
export interface ModelVersion {
  name: string;
  version: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  userId: string;
  currentStage: ModelVersionStage;
  /** Where the model came from: `models:/m-<id>`, `runs:/<run>/<path>` or an artifact URI. */
  source: string;
  runId: string;
  runLink: string;
  status: ModelVersionStatus;
  statusMessage: string;
  tags: Record<string, string>;
  aliases: string[];
  /** The MLflow 3 logged model id (`m-…`), when the version was registered from one. */
  modelId?: string;
}

export type { PagedList } from '@abt/tracking/mlflow';
