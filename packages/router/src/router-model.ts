import { type Assigner, AssignmentSource, createAssigner } from './assign';
import { ConfigError, RouterError } from './errors';
import { createExperiment, type Experiment, type ExperimentConfig } from './experiment';
import type { ExposureSink } from './exposure-log';
import { messages } from './messages';
import { takeRequestRows } from '@abt/features';
import type { UserId } from './hash';
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
  /** 1 when the row's user is in the experiment, 0 when served the default arm (outside coverage). */
  readonly inExperiment: Uint8Array;
};

/** What /health shows about a router. */
export type RouterDescription = {
  experiment: {
    key: string;
    seed: string;
    hashVersion: Experiment['hashVersion'];
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
  /** Feedback history passed to every policy, so features include feedback. */
  history?: HistoryStore;
};

export type RouterModelOptions = {
  experiment: Experiment | ExperimentConfig;
  /** Arm name → policy; one per arm. */
  policies: Readonly<Record<string, Policy>>;
  /** Arm name → model URI, for /health (default `inline:<arm>`). */
  uris?: Readonly<Record<string, string>>;
  stickyStore?: StickyStore;
};

const isCompiled = (e: Experiment | ExperimentConfig): e is Experiment => 'ranges' in e;

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
    options: { stickyStore?: StickyStore; resolved?: Readonly<Record<string, string>> } = {},
  ): Promise<RouterModel> {
    const { config: cfg, experiment } = parseRouterConfig(config);
    const uris = experiment.arms.map((arm) => cfg.models[arm] as string);
    const policies = await Promise.all(
      uris.map(async (uri) => loader.load(uri, options.resolved?.[uri] ?? (await loader.resolve(uri)))),
    );
    return new RouterModel(experiment, policies, uris, options.stickyStore);
  }

  /** The policy behind `arm`. */
  policy(arm: string): Policy {
    const i = this.experiment.arms.indexOf(arm);
    if (i < 0) throw new RouterError('INVALID_INPUT', messages.unknownArm('arm', arm, this.experiment.arms));
    return this.#policies[i] as Policy;
  }

  /** Experiment and loaded policies, for /health. */
  describe(): RouterDescription {
    const e = this.experiment;
    return {
      experiment: {
        key: e.key,
        seed: e.seed,
        hashVersion: e.hashVersion,
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
    const p = this.predictColumns(rows, options);
    const out = new Array<RouterPrediction>(p.length);
    for (let i = 0; i < p.length; i++)
      out[i] = { assigned: p.assigned[i] as string, score: p.score[i] as number, modelVersion: p.modelVersion[i] as string };
    return out;
  }

  /** Routes rows, column by column. Throws InvalidInputError naming the bad field. */
  predictColumns(rows: RequestRows, options: PredictOptions = {}): RouterPredictions {
    // Validated once here (a no-op for columns the server already validated), then trusted.
    const cols = toColumns(rows, options.at ?? 'rows', 'RouterModel.predictColumns');
    const n = cols.length;
    const arms = this.experiment.arms;
    const sources = new Uint8Array(n);
    const armIndex = this.assigner.assignMany(cols.userId, new Int32Array(n), sources);
    const inExperiment = new Uint8Array(n);
    const counts = new Int32Array(arms.length);
    for (let i = 0; i < n; i++) {
      inExperiment[i] = sources[i] === AssignmentSource.coverage ? 0 : 1;
      const a = armIndex[i] as number;
      counts[a] = (counts[a] as number) + 1;
    }
    const context = options.history ? { history: options.history } : undefined;
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
    if (options.exposure) {
      const time = options.now ?? Date.now();
      const key = this.experiment.key;
      for (let i = 0; i < n; i++)
        options.exposure.append({
          time,
          experiment: key,
          userId: cols.userId[i] as UserId,
          arm: assigned[i] as string,
          modelVersion: modelVersion[i] as string,
          inExperiment: inExperiment[i] === 1,
        });
    }
    return { length: n, assigned, armIndex, score, modelVersion, inExperiment };
  }
}

function checked(policy: Policy, scores: Float64Array, want: number): Float64Array {
  if (!scores || scores.length !== want)
    throw new RouterError('POLICY_OUTPUT', messages.policyOutputLength(policy.name, scores?.length ?? 0, want));
  return scores;
}
