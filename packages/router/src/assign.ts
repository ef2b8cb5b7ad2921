import { chooseArm } from './buckets';
import type { Experiment } from './experiment';
import { createHasher, type Hasher, type UserId } from './hash';
import { md5Parity } from './md5-parity';
import type { StickyStore } from './sticky-store';

/** Why a user got their arm. Stored as small integers in batch outputs. */
export const AssignmentSource = {
  /** Outside coverage: served the default arm, not in the experiment. */
  coverage: 0,
  /** Bucketed by the hash. */
  hash: 1,
  /** QA allow-list. */
  forced: 2,
  /** Read from the sticky store. */
  sticky: 3,
} as const;
export type AssignmentSourceName = keyof typeof AssignmentSource;
const SOURCE_NAMES: readonly AssignmentSourceName[] = ['coverage', 'hash', 'forced', 'sticky'];

/** One user's assignment, with the reason. */
export type Assignment = {
  readonly arm: string;
  readonly armIndex: number;
  /** False only for traffic outside coverage (served the default arm). */
  readonly inExperiment: boolean;
  /** The user's hash bucket in [0, 1) (for md5-parity: 0 for even digests, 0.5 for odd). */
  readonly bucket: number;
  readonly source: AssignmentSourceName;
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
  /** Arm index and source (`AssignmentSource` value) for one user, packed as `index * 4 + source`. */
  assignPacked(userId: UserId): number;
  /** Full assignment for one user (allocates the result object). */
  assign(userId: UserId): Assignment;
  /** Arm indices for many users into `out` (and sources into `sources` when given). */
  assignMany(userIds: ArrayLike<UserId>, out?: Int32Array, sources?: Uint8Array): Int32Array;
};

/** md5-parity as a bucket: 0 → the first half of the unit interval (arm 0), 1 → the second. */
const md5Bucket: Hasher = (userId) => md5Parity(userId) * 0.5;

/**
 * Builds an {@link Assigner}. Precedence, as in GrowthBook: forced (QA) → sticky → hash bucket;
 * a bucket outside every arm's range (coverage) gets the default arm and is not in the experiment.
 */
export function createAssigner(experiment: Experiment, options: AssignerOptions = {}): Assigner {
  const { ranges, forcedByNumber, forcedByString, defaultArmIndex, arms, key } = experiment;
  const bucket = experiment.hashVersion === 'md5-parity' ? md5Bucket : createHasher(experiment.seed, experiment.hashVersion);
  const hasForced = forcedByString.size > 0;
  const sticky = options.stickyStore;
  const stickyIndex = sticky ? new Map(arms.map((a, i) => [a, i])) : undefined;

  const assignPacked = (userId: UserId): number => {
    if (hasForced) {
      const f = typeof userId === 'number' ? forcedByNumber.get(userId) : forcedByString.get(userId);
      if (f !== undefined) return f * 4 + AssignmentSource.forced;
    }
    let id: string | undefined;
    if (sticky) {
      id = String(userId);
      const stored = sticky.get(key, id);
      const idx = stored === undefined ? undefined : stickyIndex?.get(stored);
      if (idx !== undefined) return idx * 4 + AssignmentSource.sticky;
    }
    const arm = chooseArm(bucket(userId), ranges);
    if (arm < 0) return defaultArmIndex * 4 + AssignmentSource.coverage;
    if (sticky && id !== undefined) sticky.set(key, id, arms[arm] as string);
    return arm * 4 + AssignmentSource.hash;
  };

  // Hot path without forced or sticky users: hash, range lookup, done.
  const plainIndex = (userId: UserId): number => {
    const arm = chooseArm(bucket(userId), ranges);
    return arm < 0 ? defaultArmIndex : arm;
  };

  return {
    experiment,
    bucket,
    assignPacked,
    assignIndex: hasForced || sticky ? (userId) => assignPacked(userId) >> 2 : plainIndex,
    assign(userId) {
      const packed = assignPacked(userId);
      const armIndex = packed >> 2;
      const source = SOURCE_NAMES[packed & 3] as AssignmentSourceName;
      return { arm: arms[armIndex] as string, armIndex, inExperiment: source !== 'coverage', bucket: bucket(userId), source };
    },
    assignMany(userIds, out = new Int32Array(userIds.length), sources) {
      for (let i = 0; i < userIds.length; i++) {
        const packed = assignPacked(userIds[i] as UserId);
        out[i] = packed >> 2;
        if (sources) sources[i] = packed & 3;
      }
      return out;
    },
  };
}
