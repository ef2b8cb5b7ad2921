import { type BucketRanges, flattenRanges, getBucketRanges } from './buckets';
import { ConfigError } from './errors';
import type { HashVersion } from './hash';
import { messages } from './messages';

/** `1`/`2`: GrowthBook's hash versions; `'md5-parity'`: the original pipeline's rule (two arms, 50/50). */
export type AssignmentHashVersion = HashVersion | 'md5-parity';

/** One arm of an experiment, as written in config. */
export type ArmConfig = {
  /** Arm label reported in predictions and exposure logs (`A`, `B`, `PolicyC`…). */
  name: string;
  /** Share of covered traffic; weights add up to 1. Default: equal split. */
  weight?: number;
};

/** Experiment config as JSON: what {@link createExperiment} validates. */
export type ExperimentConfig = {
  /** Experiment key, written to every exposure. */
  key: string;
  /** Hash seed; defaults to `key` (GrowthBook: `experiment.seed || key`). */
  seed?: string;
  /** Default 2 (GrowthBook's unbiased hash). */
  hashVersion?: AssignmentHashVersion;
  /** Two or more arms. */
  arms: ArmConfig[];
  /** Share of users in the experiment, in [0, 1]; default 1. Users outside get `defaultArm`. */
  coverage?: number;
  /** Arm served to users outside coverage (not counted as in the experiment); default the first arm. */
  defaultArm?: string;
  /** QA allow-list: user id (as a string) → arm name; always wins. */
  forced?: Record<string, string>;
};

/** A validated, precomputed experiment. Immutable. */
export type Experiment = {
  readonly key: string;
  readonly seed: string;
  readonly hashVersion: AssignmentHashVersion;
  readonly arms: readonly string[];
  readonly weights: readonly number[];
  readonly coverage: number;
  readonly defaultArm: string;
  readonly defaultArmIndex: number;
  /** Forced arm index by string id. */
  readonly forcedByString: ReadonlyMap<string, number>;
  /** Forced arm index by numeric id, for keys that are canonical integers (`"42"`). */
  readonly forcedByNumber: ReadonlyMap<number, number>;
  /** GrowthBook bucket ranges from weights and coverage. */
  readonly ranges: BucketRanges;
};

/** Upper bound keeps arm indices in small typed arrays and configs reviewable. */
export const MAX_ARMS = 256;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new ConfigError('INVALID_EXPERIMENT', path, messages.notAString(path));
  return v;
}

function num(v: unknown, path: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigError('INVALID_EXPERIMENT', path, messages.notAFiniteNumber(path, v));
  if (v < lo || v > hi) throw new ConfigError('INVALID_EXPERIMENT', path, messages.outOfRange(path, v, `[${lo}, ${hi}]`));
  return v;
}

/**
 * Validates an experiment config and precomputes its bucket ranges. Throws {@link ConfigError}
 * with the offending field's path (prefixed by `at`, e.g. `experiment.arms[1].weight`).
 * Unlike GrowthBook, which silently falls back to equal weights, bad weights are an error.
 */
export function createExperiment(config: unknown, at = 'experiment'): Experiment {
  if (!isObject(config)) throw new ConfigError('INVALID_EXPERIMENT', at, messages.notAnObject(at));
  const key = str(config.key, `${at}.key`);
  const seed = config.seed === undefined ? key : str(config.seed, `${at}.seed`);
  const hv = config.hashVersion ?? 2;
  if (hv !== 1 && hv !== 2 && hv !== 'md5-parity')
    throw new ConfigError('INVALID_EXPERIMENT', `${at}.hashVersion`, messages.unknownHashVersion(`${at}.hashVersion`, hv));
  if (!Array.isArray(config.arms)) throw new ConfigError('INVALID_EXPERIMENT', `${at}.arms`, messages.missingField(`${at}.arms`));
  const n = config.arms.length;
  if (n < 2) throw new ConfigError('INVALID_EXPERIMENT', `${at}.arms`, messages.tooFewArms(`${at}.arms`, n));
  if (n > MAX_ARMS) throw new ConfigError('INVALID_EXPERIMENT', `${at}.arms`, messages.tooManyArms(`${at}.arms`, n, MAX_ARMS));
  const arms: string[] = [];
  const given: (number | undefined)[] = [];
  config.arms.forEach((arm: unknown, i: number) => {
    const p = `${at}.arms[${i}]`;
    if (!isObject(arm)) throw new ConfigError('INVALID_EXPERIMENT', p, messages.notAnObject(p));
    const name = str(arm.name, `${p}.name`);
    if (arms.includes(name)) throw new ConfigError('INVALID_EXPERIMENT', `${p}.name`, messages.duplicateArm(`${p}.name`, name));
    arms.push(name);
    given.push(arm.weight === undefined ? undefined : num(arm.weight, `${p}.weight`, 0, 1));
  });
  // GrowthBook's getEqualWeights: 1/n each, when no weights are given.
  const weights = given.every((w) => w === undefined) ? arms.map(() => 1 / n) : given.map((w, i) => w ?? missingWeight(at, i));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum < 0.99 || sum > 1.01) throw new ConfigError('INVALID_EXPERIMENT', `${at}.arms`, messages.weightsSum(`${at}.arms`, sum));
  const coverage = config.coverage === undefined ? 1 : num(config.coverage, `${at}.coverage`, 0, 1);
  if (hv === 'md5-parity') {
    if (n !== 2) throw new ConfigError('INVALID_EXPERIMENT', `${at}.arms`, messages.md5ParityArms(`${at}.arms`, n));
    if (weights[0] !== weights[1] || coverage !== 1)
      throw new ConfigError('INVALID_EXPERIMENT', `${at}.hashVersion`, messages.md5ParityWeights(`${at}.hashVersion`));
  }
  const defaultArm = config.defaultArm === undefined ? (arms[0] as string) : str(config.defaultArm, `${at}.defaultArm`);
  const defaultArmIndex = arms.indexOf(defaultArm);
  if (defaultArmIndex < 0)
    throw new ConfigError('INVALID_EXPERIMENT', `${at}.defaultArm`, messages.unknownArm(`${at}.defaultArm`, defaultArm, arms));
  const forcedByString = new Map<string, number>();
  const forcedByNumber = new Map<number, number>();
  if (config.forced !== undefined) {
    if (!isObject(config.forced)) throw new ConfigError('INVALID_EXPERIMENT', `${at}.forced`, messages.notAnObject(`${at}.forced`));
    for (const [id, arm] of Object.entries(config.forced)) {
      const p = `${at}.forced[${JSON.stringify(id)}]`;
      const idx = arms.indexOf(str(arm, p));
      if (idx < 0) throw new ConfigError('INVALID_EXPERIMENT', p, messages.unknownArm(p, arm as string, arms));
      forcedByString.set(id, idx);
      const asNumber = Number(id);
      if (Number.isSafeInteger(asNumber) && String(asNumber) === id) forcedByNumber.set(asNumber, idx);
    }
  }
  return Object.freeze({
    key,
    seed,
    hashVersion: hv,
    arms: Object.freeze(arms),
    weights: Object.freeze(weights),
    coverage,
    defaultArm,
    defaultArmIndex,
    forcedByString,
    forcedByNumber,
    // Validated above, so GrowthBook's fallbacks (clamping, equal weights) never apply here.
    ranges: flattenRanges(getBucketRanges(n, coverage, weights)),
  });
}

function missingWeight(at: string, i: number): never {
  const p = `${at}.arms[${i}].weight`;
  throw new ConfigError('INVALID_EXPERIMENT', p, messages.missingField(p));
}

/** The config that recreates `experiment` (round-trips through {@link createExperiment}). */
export function experimentToJSON(experiment: Experiment): ExperimentConfig {
  const out: ExperimentConfig = {
    key: experiment.key,
    seed: experiment.seed,
    hashVersion: experiment.hashVersion,
    arms: experiment.arms.map((name, i) => ({ name, weight: experiment.weights[i] as number })),
    coverage: experiment.coverage,
    defaultArm: experiment.defaultArm,
  };
  if (experiment.forcedByString.size > 0)
    out.forced = Object.fromEntries([...experiment.forcedByString].map(([id, i]) => [id, experiment.arms[i] as string]));
  return out;
}
