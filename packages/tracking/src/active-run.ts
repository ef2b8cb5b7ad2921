import { basename } from 'node:path';
import type { DatasetInput, ModelOutput, Run, RunInfo, RunStatus } from './entities';
import { TrackingError } from './errors';
import { messages } from './messages';
import type { ArtifactRepository } from './artifacts/artifact-repository';
import { checkArtifactPath } from './mlflow-layer';
import { logBatchChunked } from './helpers';
import type { TrackingStore } from './store';
import { checkCall } from './arguments';
import { METRIC_OPTION_KEYS } from './call-specs';

/** What `logParam` takes; stored as Python's `str()` spells it (`True`, `False`, `None` for null and undefined), as MLflow would. */
export type ParamValue = string | number | boolean | bigint | null | undefined;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A run being written: convenience methods over the store, refusing writes once ended. */
export class ActiveRun {
  readonly store: TrackingStore;
  #info: RunInfo;
  #ended = false;
  readonly #clock: () => number;
  #repo: ArtifactRepository | undefined;

  constructor(store: TrackingStore, run: Run, clock: () => number = Date.now) {
    checkCall('ActiveRun', arguments, 3);
    this.store = store;
    this.#info = run.info;
    this.#clock = clock;
  }

  get info(): RunInfo {
    return { ...this.#info };
  }
  get runId(): string {
    return this.#info.runId;
  }
  get experimentId(): string {
    return this.#info.experimentId;
  }
  get artifactUri(): string {
    return this.#info.artifactUri;
  }
  get ended(): boolean {
    return this.#ended;
  }

  #open(): void {
    if (this.#ended) throw new TrackingError('INVALID_STATE', messages.runClosed(this.#info.runId, this.#info.status));
  }

  /** The run's artifact repository (local directory or mlflow-artifacts proxy). */
  artifacts(): ArtifactRepository {
    checkCall('ActiveRun.artifacts', arguments, 0);
    this.#repo ??= this.store.artifactRepository(this.#info.artifactUri);
    return this.#repo;
  }

  /** Logs params; values are stringified as MLflow does (`str(value)`), immutable once logged. */
  async logParams(params: Record<string, ParamValue>): Promise<void> {
    checkCall('ActiveRun.logParams', arguments, 1);
    this.#open();
    const list = Object.entries(params).map(([key, value]) => ({ key, value: stringifyParam(value) }));
    await logBatchChunked(this.store, this.runId, { params: list });
  }

  async logParam(key: string, value: ParamValue): Promise<void> {
    checkCall('ActiveRun.logParam', arguments, 2);
    await this.logParams({ [key]: value });
  }

  /** Logs several metrics at one step and timestamp (defaults: step 0, now). */
  async logMetrics(metrics: Record<string, number>, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    checkCall('ActiveRun.logMetrics', arguments, 2, { 1: METRIC_OPTION_KEYS });
    this.#open();
    const timestamp = options.timestamp ?? this.#clock();
    const step = options.step ?? 0;
    await logBatchChunked(this.store, this.runId, { metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp })) });
  }

  async logMetric(key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    checkCall('ActiveRun.logMetric', arguments, 3, { 2: METRIC_OPTION_KEYS });
    await this.logMetrics({ [key]: value }, options);
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    checkCall('ActiveRun.setTags', arguments, 1);
    this.#open();
    await logBatchChunked(this.store, this.runId, { tags: Object.entries(tags).map(([key, value]) => ({ key, value: String(value) })) });
    if (tags['mlflow.runName'] !== undefined) this.#info = { ...this.#info, runName: tags['mlflow.runName'] };
  }

  async setTag(key: string, value: string): Promise<void> {
    checkCall('ActiveRun.setTag', arguments, 2);
    await this.setTags({ [key]: value });
  }

  /** Uploads a local file to `<artifactPath>/<basename>`. */
  async logArtifact(localPath: string, artifactPath?: string): Promise<void> {
    checkCall('ActiveRun.logArtifact', arguments, 2);
    this.#open();
    await this.artifacts().logArtifact(localPath, artifactPath);
  }

  /** Uploads a directory's files recursively under `artifactPath`. */
  async logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
    checkCall('ActiveRun.logArtifacts', arguments, 2);
    this.#open();
    await this.artifacts().logArtifacts(localDir, artifactPath);
  }

  /** Writes UTF-8 text to `artifactFile` (MLflow's `log_text`). */
  async logText(text: string, artifactFile: string): Promise<void> {
    checkCall('ActiveRun.logText', arguments, 2);
    this.#open();
    await this.artifacts().logBytes(text, artifactFile);
  }

  /**
   * Writes JSON (indent 2, as MLflow's `log_dict` for .json) to `artifactFile`. Typed arrays are
   * written as JSON arrays (plain JSON.stringify would write them as objects keyed by index).
   */
  async logJson(value: unknown, artifactFile: string): Promise<void> {
    checkCall('ActiveRun.logJson', arguments, 2);
    this.#open();
    await this.artifacts().logBytes(JSON.stringify(value, typedArraysAsLists, 2), artifactFile);
  }

  /** Writes PNG bytes to `artifactFile` (checked for the PNG signature). */
  async logImage(png: Uint8Array, artifactFile: string): Promise<void> {
    checkCall('ActiveRun.logImage', arguments, 2);
    this.#open();
    if (png.length < 8 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
      throw new TrackingError(
        'INVALID_PARAMETER_VALUE',
        messages.invalidValue('image for', basename(checkArtifactPath(artifactFile)), 'is not PNG data (bad signature)'),
      );
    }
    await this.artifacts().logBytes(png, artifactFile);
  }

  /** Links datasets to the run as its inputs (MLflow's `log_input`): the runs table's Dataset column. */
  async logInputs(datasets: readonly DatasetInput[]): Promise<void> {
    this.#open();
    await this.store.logInputs(this.runId, datasets);
  }

  /** Links logged models to the run as its outputs (MLflow's `log_outputs`). */
  async logOutputs(models: readonly ModelOutput[]): Promise<void> {
    this.#open();
    await this.store.logOutputs(this.runId, models);
  }

  /** Ends the run (FINISHED by default). Ending twice is a no-op. */
  async end(status: RunStatus = 'FINISHED'): Promise<RunInfo> {
    checkCall('ActiveRun.end', arguments, 1);
    if (this.#ended) return this.info;
    this.#ended = true;
    this.#info = await this.store.updateRunInfo(this.runId, { status, endTime: this.#clock() });
    return this.info;
  }
}

function stringifyParam(value: ParamValue): string {
  // Python's str(): True/False/None spellings, so the UI shows what MLflow would.
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}
