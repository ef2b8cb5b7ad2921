import { type BucketRange, type BucketRanges, flattenRanges, getBucketRanges, type Namespace } from './buckets';
import { checkArity } from './check-args';
import {
  armRanges,
  checkWeights,
  type ExperimentFilter,
  fail,
  filtersOf,
  hashVersionOf,
  isObject,
  namespaceOf,
  num,
  refuseUnknownKeys,
  str,
  userAttribute,
} from './experiment-fields';
import type { HashVersion } from './hash';
import { messages } from './messages';

export type { ExperimentFilter };

/** `1`/`2`: GrowthBook's hash versions; `'md5-parity'`: the original pipeline's rule (two arms, 50/50). */
export type AssignmentHashVersion = HashVersion | 'md5-parity';

/** One arm of an experiment, as written in config. */
export type ArmConfig = {
  /** Arm label reported in predictions and exposure logs (`A`, `B`, `PolicyC`…). */
  name: string;
  /** Share of covered traffic; weights add up to 1. Default: equal split. */
  weight?: number;
};

/** abt's experiment shape, what {@link createExperiment} validates (beside GrowthBook's). */
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
  /** Attribute hashed: the request's user id, named `userId` (default) or `id` (GrowthBook's name). */
  hashAttribute?: string;
  /** GrowthBook namespace `[id, start, end]`: only users in it take part (mutually exclusive experiments). */
  namespace?: [string, number, number];
  /** GrowthBook filters: only users inside one range of every filter take part. */
  filters?: ExperimentFilter[];
};

/**
 * GrowthBook's experiment shape (`Experiment` in sdk-js), the keys the router implements. Same
 * defaults as the SDK's `runExperiment`: `hashVersion` 1, `seed` = key, `hashAttribute` `id`,
 * equal weights, coverage 1; `ranges` (one per variation) take precedence over weights and
 * coverage, as in the SDK. Variations are the arm names. Other keys are refused.
 */
export type GrowthBookExperimentConfig = {
  key: string;
  variations: string[];
  weights?: number[];
  coverage?: number;
  hashAttribute?: string;
  hashVersion?: 1 | 2;
  seed?: string;
  namespace?: [string, number, number];
  filters?: ExperimentFilter[];
  ranges?: [number, number][];
};

/** A validated, precomputed experiment. Immutable. */
export type Experiment = {
  /** Which shape it was written in (kept for round trips). */
  readonly format: 'abt' | 'growthbook';
  readonly key: string;
  readonly seed: string;
  readonly hashVersion: AssignmentHashVersion;
  readonly hashAttribute: string;
  readonly arms: readonly string[];
  readonly weights: readonly number[];
  readonly coverage: number;
  readonly defaultArm: string;
  readonly defaultArmIndex: number;
  /** Forced arm index by string id. */
  readonly forcedByString: ReadonlyMap<string, number>;
  /** Forced arm index by numeric id, for keys that are canonical integers (`"42"`). */
  readonly forcedByNumber: ReadonlyMap<number, number>;
  /** GrowthBook bucket ranges (flat), from weights and coverage or given explicitly. */
  readonly ranges: BucketRanges;
  /** True when `ranges` were given explicitly (GrowthBook shape). */
  readonly explicitRanges: boolean;
  readonly namespace: Namespace | undefined;
  readonly filters: readonly ExperimentFilter[] | undefined;
  /** Per arm, the share of the hash space it owns: its propensity when bucketed by the hash. */
  readonly armShares: Float64Array;
  /** Share of the hash space outside every arm (coverage < 1): the default arm's propensity there. */
  readonly uncoveredShare: number;
};

/** Upper bound keeps arm indices in small typed arrays and configs reviewable. */
export const MAX_ARMS = 256;

const ABT_KEYS = ['key', 'seed', 'hashVersion', 'arms', 'coverage', 'defaultArm', 'forced', 'hashAttribute', 'namespace', 'filters'];
const GROWTHBOOK_KEYS = ['key', 'variations', 'weights', 'coverage', 'hashAttribute', 'hashVersion', 'seed', 'namespace', 'filters', 'ranges'];

/**
 * Validates an experiment config, in abt's shape (`arms`) or GrowthBook's (`variations`), and
 * precomputes its bucket ranges. Throws {@link ConfigError} with the offending field's path
 * (prefixed by `at`, e.g. `experiment.arms[1].weight`). Unlike GrowthBook, which silently repairs
 * bad weights and coverage, they are errors here; unknown keys are refused in both shapes.
 */
export function createExperiment(config: unknown, at = 'experiment'): Experiment {
  checkArity('createExperiment', arguments, 2);
  if (!isObject(config)) return fail(at, messages.notAnObject(at));
  if ('arms' in config && 'variations' in config) fail(at, messages.twoShapes(at));
  return 'variations' in config ? fromGrowthBook(config, at) : fromAbt(config, at);
}

function fromAbt(config: Record<string, unknown>, at: string): Experiment {
  refuseUnknownKeys(config, ABT_KEYS, at, 'abt (arms)');
  const key = str(config.key, `${at}.key`);
  const seed = config.seed === undefined ? key : str(config.seed, `${at}.seed`);
  const hv = config.hashVersion ?? 2;
  if (hv !== 1 && hv !== 2 && hv !== 'md5-parity') fail(`${at}.hashVersion`, messages.unknownHashVersion(`${at}.hashVersion`, hv, true));
  if (!Array.isArray(config.arms)) fail(`${at}.arms`, messages.missingField(`${at}.arms`));
  const armList = config.arms as unknown[];
  const n = checkArmCount(armList.length, `${at}.arms`);
  const arms: string[] = [];
  const given: (number | undefined)[] = [];
  armList.forEach((arm, i) => {
    const p = `${at}.arms[${i}]`;
    if (!isObject(arm)) fail(p, messages.notAnObject(p));
    const a = arm as Record<string, unknown>;
    refuseUnknownKeys(a, ['name', 'weight'], p, 'arm');
    const name = str(a.name, `${p}.name`);
    if (arms.includes(name)) fail(`${p}.name`, messages.duplicateArm(`${p}.name`, name));
    arms.push(name);
    given.push(a.weight === undefined ? undefined : num(a.weight, `${p}.weight`, 0, 1));
  });
  // GrowthBook's getEqualWeights: 1/n each, when no weights are given.
  const weights = given.every((w) => w === undefined) ? arms.map(() => 1 / n) : given.map((w, i) => w ?? missingWeight(at, i));
  checkWeights(weights, `${at}.arms`);
  const coverage = config.coverage === undefined ? 1 : num(config.coverage, `${at}.coverage`, 0, 1);
  const namespace = config.namespace === undefined ? undefined : namespaceOf(config.namespace, `${at}.namespace`);
  const filters = config.filters === undefined ? undefined : filtersOf(config.filters, `${at}.filters`);
  if (namespace && filters) fail(`${at}.namespace`, messages.namespaceAndFilters(`${at}.namespace`));
  if (hv === 'md5-parity') {
    if (n !== 2) fail(`${at}.arms`, messages.md5ParityArms(`${at}.arms`, n));
    if (weights[0] !== weights[1] || coverage !== 1 || namespace || filters) fail(`${at}.hashVersion`, messages.md5ParityWeights(`${at}.hashVersion`));
  }
  const defaultArm = config.defaultArm === undefined ? (arms[0] as string) : str(config.defaultArm, `${at}.defaultArm`);
  const defaultArmIndex = arms.indexOf(defaultArm);
  if (defaultArmIndex < 0) fail(`${at}.defaultArm`, messages.unknownArm(`${at}.defaultArm`, defaultArm, arms));
  return build({
    format: 'abt',
    key,
    seed,
    hashVersion: hv as AssignmentHashVersion,
    hashAttribute: config.hashAttribute === undefined ? 'userId' : userAttribute(config.hashAttribute, `${at}.hashAttribute`),
    arms,
    weights,
    coverage,
    defaultArmIndex,
    forced: forcedOf(config.forced, arms, at),
    ranges: getBucketRanges(n, coverage, weights),
    explicitRanges: false,
    namespace,
    filters,
  });
}

function fromGrowthBook(config: Record<string, unknown>, at: string): Experiment {
  refuseUnknownKeys(config, GROWTHBOOK_KEYS, at, 'GrowthBook (variations)');
  const key = str(config.key, `${at}.key`);
  // The SDK hashes with `experiment.seed || key`.
  const seed = config.seed === undefined || config.seed === '' ? key : str(config.seed, `${at}.seed`);
  // The SDK's default hash version for experiments is 1 (`experiment.hashVersion || 1`).
  const hashVersion = config.hashVersion === undefined ? 1 : hashVersionOf(config.hashVersion, `${at}.hashVersion`);
  if (!Array.isArray(config.variations)) fail(`${at}.variations`, messages.notAnArray(`${at}.variations`));
  const variations = config.variations as unknown[];
  const n = checkArmCount(variations.length, `${at}.variations`);
  const arms = variations.map((v, i) => {
    const p = `${at}.variations[${i}]`;
    if (typeof v !== 'string' || v.length === 0) fail(p, messages.variationNotArm(p, v));
    return v as string;
  });
  arms.forEach((name, i) => {
    if (arms.indexOf(name) !== i) fail(`${at}.variations[${i}]`, messages.duplicateArm(`${at}.variations[${i}]`, name));
  });
  let weights = arms.map(() => 1 / n);
  if (config.weights !== undefined) {
    if (!Array.isArray(config.weights)) fail(`${at}.weights`, messages.notAnArray(`${at}.weights`));
    const w = config.weights as unknown[];
    if (w.length !== n) fail(`${at}.weights`, messages.weightsPerArm(`${at}.weights`, w.length, n));
    weights = w.map((x, i) => num(x, `${at}.weights[${i}]`, 0, 1));
    checkWeights(weights, `${at}.weights`);
  }
  const coverage = config.coverage === undefined ? 1 : num(config.coverage, `${at}.coverage`, 0, 1);
  const namespace = config.namespace === undefined ? undefined : namespaceOf(config.namespace, `${at}.namespace`);
  const filters = config.filters === undefined ? undefined : filtersOf(config.filters, `${at}.filters`);
  // The SDK ignores the namespace when filters are given: refuse the pair instead of ignoring one.
  if (namespace && filters) fail(`${at}.namespace`, messages.namespaceAndFilters(`${at}.namespace`));
  const explicit = config.ranges !== undefined;
  const ranges = explicit ? armRanges(config.ranges, n, `${at}.ranges`) : getBucketRanges(n, coverage, weights);
  if (explicit) {
    // The SDK buckets by the ranges alone: report the split they make (shares of the covered space).
    const widths = ranges.map(([s, t]) => t - s);
    const covered = widths.reduce((a, b) => a + b, 0);
    weights = covered > 0 ? widths.map((w) => w / covered) : arms.map(() => 1 / n);
  }
  return build({
    format: 'growthbook',
    key,
    seed,
    hashVersion,
    hashAttribute: config.hashAttribute === undefined ? 'id' : userAttribute(config.hashAttribute, `${at}.hashAttribute`),
    arms,
    weights,
    coverage: explicit
      ? Math.min(
          1,
          ranges.reduce((a, [s, t]) => a + t - s, 0),
        )
      : coverage,
    defaultArmIndex: 0,
    forced: undefined,
    ranges,
    explicitRanges: explicit,
    namespace,
    filters,
  });
}

function checkArmCount(n: number, path: string): number {
  if (n < 2) fail(path, messages.tooFewArms(path, n));
  if (n > MAX_ARMS) fail(path, messages.tooManyArms(path, n, MAX_ARMS));
  return n;
}

function missingWeight(at: string, i: number): never {
  const p = `${at}.arms[${i}].weight`;
  return fail(p, messages.missingField(p));
}

function forcedOf(forced: unknown, arms: readonly string[], at: string): Map<string, number> | undefined {
  if (forced === undefined) return undefined;
  if (!isObject(forced)) fail(`${at}.forced`, messages.notAnObject(`${at}.forced`));
  const out = new Map<string, number>();
  for (const [id, arm] of Object.entries(forced as Record<string, unknown>)) {
    const p = `${at}.forced[${JSON.stringify(id)}]`;
    const idx = arms.indexOf(str(arm, p));
    if (idx < 0) fail(p, messages.unknownArm(p, arm as string, arms));
    out.set(id, idx);
  }
  return out;
}

function build(e: {
  format: Experiment['format'];
  key: string;
  seed: string;
  hashVersion: AssignmentHashVersion;
  hashAttribute: string;
  arms: string[];
  weights: number[];
  coverage: number;
  defaultArmIndex: number;
  forced: Map<string, number> | undefined;
  ranges: BucketRange[];
  explicitRanges: boolean;
  namespace: Namespace | undefined;
  filters: ExperimentFilter[] | undefined;
}): Experiment {
  const forcedByString = e.forced ?? new Map<string, number>();
  const forcedByNumber = new Map<number, number>();
  for (const [id, idx] of forcedByString) {
    const asNumber = Number(id);
    if (Number.isSafeInteger(asNumber) && String(asNumber) === id) forcedByNumber.set(asNumber, idx);
  }
  const armShares = Float64Array.from(e.ranges, ([s, t]) => t - s);
  return Object.freeze({
    format: e.format,
    key: e.key,
    seed: e.seed,
    hashVersion: e.hashVersion,
    hashAttribute: e.hashAttribute,
    arms: Object.freeze(e.arms),
    weights: Object.freeze(e.weights),
    coverage: e.coverage,
    defaultArm: e.arms[e.defaultArmIndex] as string,
    defaultArmIndex: e.defaultArmIndex,
    forcedByString,
    forcedByNumber,
    // Validated above, so GrowthBook's fallbacks (clamping, equal weights) never apply here.
    ranges: flattenRanges(e.ranges),
    explicitRanges: e.explicitRanges,
    namespace: e.namespace,
    filters: e.filters ? Object.freeze(e.filters) : undefined,
    armShares,
    uncoveredShare: Math.max(0, 1 - armShares.reduce((a, b) => a + b, 0)),
  });
}

/** The config that recreates `experiment`, in the shape it was written in (round-trips through {@link createExperiment}). */
export function experimentToJSON(experiment: Experiment): ExperimentConfig | GrowthBookExperimentConfig {
  checkArity('experimentToJSON', arguments, 1);
  const e = experiment;
  const extras = {
    ...(e.namespace ? { namespace: [...e.namespace] as [string, number, number] } : {}),
    ...(e.filters ? { filters: e.filters.map((f) => ({ ...f, ranges: f.ranges.map((r) => [...r] as [number, number]) })) } : {}),
  };
  if (e.format === 'growthbook') {
    const ranges: [number, number][] = [];
    for (let i = 0; i < e.arms.length; i++) ranges.push([e.ranges[2 * i] as number, e.ranges[2 * i + 1] as number]);
    return {
      key: e.key,
      variations: [...e.arms],
      seed: e.seed,
      hashVersion: e.hashVersion as 1 | 2,
      hashAttribute: e.hashAttribute,
      ...(e.explicitRanges ? { ranges } : { weights: [...e.weights], coverage: e.coverage }),
      ...extras,
    };
  }
  const out: ExperimentConfig = {
    key: e.key,
    seed: e.seed,
    hashVersion: e.hashVersion,
    arms: e.arms.map((name, i) => ({ name, weight: e.weights[i] as number })),
    coverage: e.coverage,
    defaultArm: e.defaultArm,
    ...(e.hashAttribute === 'userId' ? {} : { hashAttribute: e.hashAttribute }),
    ...extras,
  };
  if (e.forcedByString.size > 0) out.forced = Object.fromEntries([...e.forcedByString].map(([id, i]) => [id, e.arms[i] as string]));
  return out;
}
