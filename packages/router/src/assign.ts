import { chooseArm } from './buckets';
import { checkArity, checkOptions } from './check-args';
import type { Experiment } from './experiment';
import { createHasher, type Hasher, type UserId } from './hash';
import { md5Parity } from './md5-parity';
import type { StickyStore } from './sticky-store';

/** Why a user got their arm (the exposure log's `source`). Stored as small integers in batch outputs. */
export const AssignmentSource = {
  /** Not in the experiment (outside coverage, namespace or filters, or an empty id): served the default arm. */
  default: 0,
  /** Bucketed by the hash. */
  hash: 1,
  /** QA allow-list. */
  forced: 2,
  /** Read from the sticky store. */
  sticky: 3,
} as const;
export type AssignmentSourceName = keyof typeof AssignmentSource;
const SOURCE_NAMES: readonly AssignmentSourceName[] = ['default', 'hash', 'forced', 'sticky'];
// Packed outcome: arm index * 8 + code; codes 0–3 are AssignmentSource, 4 is "default, excluded
// before hashing" (namespace, filters, empty id), whose propensity differs from coverage's.
const EXCLUDED = 4;

/** One user's assignment, with the reason. */
export type Assignment = {
  readonly arm: string;
  readonly armIndex: number;
  /** False when the user is not in the experiment (served the default arm). */
  readonly inExperiment: boolean;
  /** The user's hash bucket in [0, 1) (for md5-parity: 0 for even digests, 0.5 for odd). */
  readonly bucket: number;
  readonly source: AssignmentSourceName;
  /**
   * Probability of this outcome for a user whose hash bucket is uniform: the arm's share of the
   * hash space (weight × coverage) when bucketed by the hash, the uncovered share when outside
   * coverage, and 1 when the outcome was certain (forced, sticky, outside namespace or filters).
   */
  readonly propensity: number;
};

export type AssignerOptions = {
  /** Optional sticky assignments; costs one `String(userId)` per call when set. */
  stickyStore?: StickyStore;
};

/** Assigns users to arms. All methods are deterministic given the experiment and the sticky store. */
export type Assigner = {
  readonly experiment: Experiment;
  /** The user's bucket in [0, 1). Allocation-free for string and safe-integer ids. */
  bucket(userId: UserId): number;
  /** Arm index for one user. Allocation-free without a sticky store. */
  assignIndex(userId: UserId): number;
  /** Full assignment for one user (allocates the result object). */
  assign(userId: UserId): Assignment;
  /**
   * Arm indices for many users into `out`, and when given the source (`AssignmentSource` value)
   * and propensity of each.
   */
  assignMany(userIds: ArrayLike<UserId>, out?: Int32Array, sources?: Uint8Array, propensities?: Float64Array): Int32Array;
};

/** md5-parity as a bucket: 0 → the first half of the unit interval (arm 0), 1 → the second. */
const md5Bucket: Hasher = (userId) => md5Parity(userId) * 0.5;

/** GrowthBook's hash attribute check: an empty value (`""`, `0`) means "skip the experiment". */
const isEmptyId = (id: UserId): boolean => id === '' || id === 0;

/**
 * Builds an {@link Assigner}. Order as GrowthBook's `runExperiment`: forced (QA) → an empty id is
 * not in the experiment → sticky → filters, else namespace → hash bucket → ranges; a user outside
 * them gets the default arm and is not in the experiment.
 */
export function createAssigner(experiment: Experiment, options?: AssignerOptions): Assigner {
  checkArity('createAssigner', arguments, 2);
  const { stickyStore: sticky } = checkOptions('createAssigner', options, ['stickyStore']);
  const { ranges, forcedByNumber, forcedByString, defaultArmIndex, arms, key, namespace, filters, armShares, uncoveredShare } = experiment;
  const bucket = experiment.hashVersion === 'md5-parity' ? md5Bucket : createHasher(experiment.seed, experiment.hashVersion);
  const hasForced = forcedByString.size > 0;
  const stickyIndex = sticky ? new Map(arms.map((a, i) => [a, i])) : undefined;
  // GrowthBook's inNamespace is a v1 hash with seed "__" + id; filters hash with their own seed.
  const nsHash = namespace ? createHasher(`__${namespace[0]}`, 1) : undefined;
  const filterHashes = filters?.map((f) => ({ hash: createHasher(f.seed, f.hashVersion ?? 2), ranges: f.ranges }));
  const gated = hasForced || sticky !== undefined || namespace !== undefined || filters !== undefined;

  const excluded = (userId: UserId): boolean => {
    if (filterHashes) {
      for (const f of filterHashes) {
        const n = f.hash(userId);
        if (!f.ranges.some(([s, t]) => n >= s && n < t)) return true;
      }
      return false;
    }
    if (nsHash && namespace) {
      const n = nsHash(userId);
      return !(n >= namespace[1] && n < namespace[2]);
    }
    return false;
  };

  const assignPacked = (userId: UserId): number => {
    if (hasForced) {
      const f = typeof userId === 'number' ? forcedByNumber.get(userId) : forcedByString.get(userId);
      if (f !== undefined) return f * 8 + AssignmentSource.forced;
    }
    if (isEmptyId(userId)) return defaultArmIndex * 8 + EXCLUDED;
    let id: string | undefined;
    if (sticky) {
      id = String(userId);
      const stored = sticky.get(key, id);
      const idx = stored === undefined ? undefined : stickyIndex?.get(stored);
      if (idx !== undefined) return idx * 8 + AssignmentSource.sticky;
    }
    if (excluded(userId)) return defaultArmIndex * 8 + EXCLUDED;
    const arm = chooseArm(bucket(userId), ranges);
    if (arm < 0) return defaultArmIndex * 8 + AssignmentSource.default;
    if (sticky && id !== undefined) sticky.set(key, id, arms[arm] as string);
    return arm * 8 + AssignmentSource.hash;
  };

  const propensityOf = (packed: number): number => {
    const code = packed & 7;
    if (code === AssignmentSource.hash) return armShares[packed >> 3] as number;
    if (code === AssignmentSource.default) return uncoveredShare;
    return 1;
  };

  // Hot path without forced, sticky, namespace or filters: empty-id check, hash, range lookup.
  const plainIndex = (userId: UserId): number => {
    if (isEmptyId(userId)) return defaultArmIndex;
    const arm = chooseArm(bucket(userId), ranges);
    return arm < 0 ? defaultArmIndex : arm;
  };

  return {
    experiment,
    bucket,
    assignIndex: gated ? (userId) => assignPacked(userId) >> 3 : plainIndex,
    assign(userId) {
      if (arguments.length > 1) checkArity('Assigner.assign', arguments, 1);
      const packed = assignPacked(userId);
      const armIndex = packed >> 3;
      const source = SOURCE_NAMES[packed & 3] as AssignmentSourceName;
      return {
        arm: arms[armIndex] as string,
        armIndex,
        inExperiment: source !== 'default',
        bucket: bucket(userId),
        source,
        propensity: propensityOf(packed),
      };
    },
    assignMany(userIds, out = new Int32Array(userIds.length), sources, propensities) {
      if (arguments.length > 4) checkArity('Assigner.assignMany', arguments, 4);
      for (let i = 0; i < userIds.length; i++) {
        const packed = assignPacked(userIds[i] as UserId);
        out[i] = packed >> 3;
        if (sources) sources[i] = packed & 3;
        if (propensities) propensities[i] = propensityOf(packed);
      }
      return out;
    },
  };
}
