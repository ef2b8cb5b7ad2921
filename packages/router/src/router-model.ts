import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type EntityId, takeRequestRows, withDefaultTimestamp } from '@abt/features';
import { type Assigner, AssignmentSource, type AssignmentSourceName, createAssigner } from './assign';
import { checkArity, checkOptions } from './check-args';
import { ConfigError, InvalidArgumentError, RouterError } from './errors';
import { createExperiment, type Experiment, type ExperimentConfig, type GrowthBookExperimentConfig } from './experiment';
import type { ExposureEvent, ExposureSink } from './exposure-log';
import { messages } from './messages';
import type { HistoryStore } from './history/history-store';
import { type Policy, type PolicyLoader, type RequestRows, toColumns } from './policy';
import { parseRouterConfig, type RouterConfig } from './router-config';
import type { StickyStore } from './sticky-store';

/** One routed row: the arm, its policy's score and the model version that produced it. */
export type RouterPrediction = { assigned: string; score: number; modelVersion: string };

/** Routed rows column by column (what `predictColumns` returns). */
export type RouterPredictions = {
  readonly length: number;
  /** Arm name per row. */
  readonly assigned: string[];
  /** Arm index per row (into `experiment.arms`). */
  readonly armIndex: Int32Array;
  readonly score: Float64Array;
  readonly modelVersion: string[];
  /** 1 when the row's user is in the experiment, 0 when served the default arm. */
  readonly inExperiment: Uint8Array;
  /** `AssignmentSource` value per row. */
  readonly source: Uint8Array;
  /** Propensity per row (see `Assignment.propensity`). */
  readonly propensity: Float64Array;
  /** The request id written to the exposures. */
  readonly requestId: string;
  /** The validated ids, as received. */
  readonly userId: readonly EntityId[];
  readonly itemId: readonly EntityId[];
};

/** What /health shows about a router. */
export type RouterDescription = {
  experiment: {
    format: Experiment['format'];
    key: string;
    seed: string;
    hashVersion: Experiment['hashVersion'];
    hashAttribute: string;
    namespace: [string, number, number] | null;
    /** How many GrowthBook filters gate the experiment. */
    filters: number;
    weights: number[];
    coverage: number;
    arms: string[];
    defaultArm: string;
  };
  policies: { arm: string; uri: string; name: string; modelVersion: string }[];
};

export type PredictOptions = {
  /** Receives one exposure per row. */
  exposure?: ExposureSink;
  /** Assignment time for exposures, epoch ms; default `Date.now()`. */
  now?: number;
  /** Name of the input in error paths (default `rows`, e.g. `dataframe_records`). */
  at?: string;
  /**
   * Feedback history passed to every policy, so features include feedback. Rows without a
   * timestamp are then featurized at `now` (without it, at the feature spec's default time).
   */
  history?: HistoryStore;
  /** Request id written to exposures; default a random UUID. */
  requestId?: string;
  /**
   * One request id per row, for rows of several requests scored together (a server's batch):
   * exposures are then one per request and user. Overrides `requestId`.
   */
  requestIds?: readonly string[];
  /** Serving instance written to exposures; default `host:pid`. */
  instance?: string;
};

const PREDICT_OPTIONS = ['exposure', 'now', 'at', 'history', 'requestId', 'requestIds', 'instance'];
const SOURCE_NAMES = Object.keys(AssignmentSource) as AssignmentSourceName[];

export type RouterModelOptions = {
  experiment: Experiment | ExperimentConfig | GrowthBookExperimentConfig;
  /** Arm name → policy; one per arm. */
  policies: Readonly<Record<string, Policy>>;
  /** Arm name → model URI, for /health (default `inline:<arm>`). */
  uris?: Readonly<Record<string, string>>;
  stickyStore?: StickyStore;
};

const isCompiled = (e: Experiment | ExperimentConfig | GrowthBookExperimentConfig): e is Experiment => 'armShares' in e;

/**
 * Arms → policies. `predict` assigns every row, groups rows by arm and calls each arm's policy
 * once on its rows (vectorized per arm, not per row), then puts scores back in row order.
 */
export class RouterModel {
  readonly experiment: Experiment;
  readonly assigner: Assigner;
  readonly #policies: readonly Policy[];
  readonly #uris: readonly string[];

  private constructor(experiment: Experiment, policies: Policy[], uris: string[], stickyStore?: StickyStore) {
    this.experiment = experiment;
    this.assigner = createAssigner(experiment, { stickyStore });
    this.#policies = policies;
    this.#uris = uris;
  }

  /** A router over policies you already hold (in-memory models, tests, demos). */
  static create(options: RouterModelOptions): RouterModel {
    checkArity('RouterModel.create', arguments, 1);
    checkOptions('RouterModel.create', options, ['experiment', 'policies', 'uris', 'stickyStore']);
    const experiment = isCompiled(options.experiment) ? options.experiment : createExperiment(options.experiment);
    const policies = experiment.arms.map((arm) => {
      const p = options.policies[arm];
      if (!p) throw new ConfigError('INVALID_ROUTER_CONFIG', `policies.${arm}`, messages.missingArmModel(arm));
      return p;
    });
    for (const name of Object.keys(options.policies))
      if (!experiment.arms.includes(name)) throw new ConfigError('INVALID_ROUTER_CONFIG', `policies.${name}`, messages.extraArmModel(name));
    const uris = experiment.arms.map((arm) => options.uris?.[arm] ?? `inline:${arm}`);
    return new RouterModel(experiment, policies, uris, options.stickyStore);
  }

  /**
   * Loads every arm's policy through `loader` (resolving each URI's current version first unless
   * `resolved` gives it). A missing alias or model rejects with a PolicyLoadError naming the URI.
   */
  static async load(
    config: RouterConfig | unknown,
    loader: PolicyLoader,
    options?: { stickyStore?: StickyStore; resolved?: Readonly<Record<string, string>> },
  ): Promise<RouterModel> {
    checkArity('RouterModel.load', arguments, 3);
    const o = checkOptions('RouterModel.load', options, ['stickyStore', 'resolved']);
    const { config: cfg, experiment } = parseRouterConfig(config);
    const uris = experiment.arms.map((arm) => cfg.models[arm] as string);
    const policies = await Promise.all(uris.map(async (uri) => loader.load(uri, o.resolved?.[uri] ?? (await loader.resolve(uri)))));
    return new RouterModel(experiment, policies, uris, o.stickyStore);
  }

  /** The policy behind `arm`. */
  policy(arm: string): Policy {
    checkArity('RouterModel.policy', arguments, 1);
    const i = this.experiment.arms.indexOf(arm);
    if (i < 0) throw new RouterError('INVALID_INPUT', messages.unknownArm('arm', arm, this.experiment.arms));
    return this.#policies[i] as Policy;
  }

  /** Experiment and loaded policies, for /health. */
  /** Every arm's policy, in arm order. */
  get policies(): readonly Policy[] {
    return this.#policies;
  }

  describe(): RouterDescription {
    checkArity('RouterModel.describe', arguments, 0);
    const e = this.experiment;
    return {
      experiment: {
        format: e.format,
        key: e.key,
        seed: e.seed,
        hashVersion: e.hashVersion,
        hashAttribute: e.hashAttribute,
        namespace: e.namespace ? [...e.namespace] : null,
        filters: e.filters ? e.filters.length : 0,
        weights: [...e.weights],
        coverage: e.coverage,
        arms: [...e.arms],
        defaultArm: e.defaultArm,
      },
      policies: e.arms.map((arm, i) => {
        const p = this.#policies[i] as Policy;
        return { arm, uri: this.#uris[i] as string, name: p.name, modelVersion: p.modelVersion };
      }),
    };
  }

  /** Routes rows; per-row objects. See {@link predictColumns} for the columnar form. */
  predict(rows: RequestRows, options?: PredictOptions): RouterPrediction[] {
    checkArity('RouterModel.predict', arguments, 2);
    const p = this.predictColumns(rows, options);
    const out = new Array<RouterPrediction>(p.length);
    for (let i = 0; i < p.length; i++) out[i] = { assigned: p.assigned[i] as string, score: p.score[i] as number, modelVersion: p.modelVersion[i] as string };
    return out;
  }

  /**
   * Routes rows, column by column: assigns every row (`assignMany`), calls each arm's policy once
   * on its rows, puts scores back in row order, and appends one exposure per user of the request.
   * Throws InvalidInputError naming the bad field.
   */
  predictColumns(rows: RequestRows, options?: PredictOptions): RouterPredictions {
    checkArity('RouterModel.predictColumns', arguments, 2);
    const o = checkOptions('RouterModel.predictColumns', options, PREDICT_OPTIONS);
    const now = o.now ?? Date.now();
    // Validated once here (a no-op for columns the server already validated), then trusted.
    let cols = toColumns(rows, o.at ?? 'rows', 'RouterModel.predictColumns');
    // With feedback, a request without a time is a request now: it sees all feedback so far.
    if (o.history) cols = withDefaultTimestamp(cols, now / 1000);
    const n = cols.length;
    const arms = this.experiment.arms;
    const source = new Uint8Array(n);
    const propensity = new Float64Array(n);
    const armIndex = this.assigner.assignMany(cols.userId, new Int32Array(n), source, propensity);
    const inExperiment = new Uint8Array(n);
    const counts = new Int32Array(arms.length);
    for (let i = 0; i < n; i++) {
      inExperiment[i] = source[i] === AssignmentSource.default ? 0 : 1;
      const a = armIndex[i] as number;
      counts[a] = (counts[a] as number) + 1;
    }
    const context = o.history ? { history: o.history } : undefined;
    const score = new Float64Array(n);
    for (let a = 0; a < arms.length; a++) {
      const count = counts[a] as number;
      if (count === 0) continue;
      const policy = this.#policies[a] as Policy;
      if (count === n) {
        score.set(checked(policy, policy.predict(cols, context), n));
        continue;
      }
      const idx = new Int32Array(count);
      for (let i = 0, k = 0; i < n; i++) if (armIndex[i] === a) idx[k++] = i;
      const s = checked(policy, policy.predict(takeRequestRows(cols, idx), context), count);
      for (let k = 0; k < count; k++) score[idx[k] as number] = s[k] as number;
    }
    const assigned = new Array<string>(n);
    const modelVersion = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const a = armIndex[i] as number;
      assigned[i] = arms[a] as string;
      modelVersion[i] = (this.#policies[a] as Policy).modelVersion;
    }
    if (o.requestIds !== undefined && (!Array.isArray(o.requestIds) || o.requestIds.length !== n))
      throw new InvalidArgumentError(
        'RouterModel.predictColumns',
        'options.requestIds',
        messages.badArgument('RouterModel.predictColumns', 'options.requestIds', `an array of ${n} request ids`, o.requestIds),
      );
    const requestId = o.requestId ?? randomUUID();
    const out = { length: n, requestId, assigned, armIndex, score, modelVersion, inExperiment, source, propensity, userId: cols.userId, itemId: cols.movieId };
    if (o.exposure) this.#expose(o.exposure, out, now, o.instance ?? defaultInstance(), o.requestIds);
    return out;
  }

  /** One exposure per user of the request (rows of one user are one arm), items in row order. */
  #expose(sink: ExposureSink, p: RouterPredictions, time: number, instance: string, requestIds: readonly string[] | undefined): void {
    // A server's batch of single-row requests (every request id distinct, the usual case) is one
    // exposure per row, in row order: what the grouping below gives, without a key per row.
    if (requestIds !== undefined && new Set(requestIds).size === p.length) {
      for (let i = 0; i < p.length; i++)
        sink.append(this.#event(p, i, requestIds[i] as string, [{ itemId: p.itemId[i] as EntityId, score: p.score[i] as number }], time, instance));
      return;
    }
    // Rows of one user in one request make one exposure (a user's rows share an arm).
    const groups = new Map<EntityId | string, number[]>();
    for (let i = 0; i < p.length; i++) {
      const u = p.userId[i] as EntityId;
      const key = requestIds ? `${requestIds[i]}\u0000${typeof u}:${u}` : u;
      const rows = groups.get(key);
      if (rows) rows.push(i);
      else groups.set(key, [i]);
    }
    for (const rows of groups.values()) {
      const i = rows[0] as number;
      const items = rows.map((r) => ({ itemId: p.itemId[r] as EntityId, score: p.score[r] as number }));
      sink.append(this.#event(p, i, requestIds ? (requestIds[i] as string) : p.requestId, items, time, instance));
    }
  }

  /** The exposure of row `i`'s user (its request's rows of that user are `items`). */
  #event(p: RouterPredictions, i: number, requestId: string, items: ExposureEvent['items'], time: number, instance: string): ExposureEvent {
    const e = this.experiment;
    const a = p.armIndex[i] as number;
    return {
      time,
      requestId,
      experiment: e.key,
      hashAttribute: e.hashAttribute,
      hashVersion: e.hashVersion,
      seed: e.seed,
      userId: p.userId[i] as EntityId,
      arm: e.arms[a] as string,
      variation: a,
      source: SOURCE_NAMES[p.source[i] as number] as AssignmentSourceName,
      propensity: p.propensity[i] as number,
      inExperiment: p.inExperiment[i] === 1,
      items,
      modelUri: this.#uris[a] as string,
      modelVersion: p.modelVersion[i] as string,
      instance,
    };
  }
}

let instanceName: string | undefined;
/** `host:pid`, the default serving instance in exposures. */
export function defaultInstance(): string {
  checkArity('defaultInstance', arguments, 0);
  instanceName ??= `${hostname()}:${process.pid}`;
  return instanceName;
}

function checked(policy: Policy, scores: Float64Array, want: number): Float64Array {
  if (!scores || scores.length !== want) throw new RouterError('POLICY_OUTPUT', messages.policyOutputLength(policy.name, scores?.length ?? 0, want));
  return scores;
}
