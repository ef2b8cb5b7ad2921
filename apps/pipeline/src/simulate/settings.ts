import { PipelineError } from '../errors';
import { OPTION_TABLE } from '../options';
import { messages } from '../messages';

/** How a request is turned into outcomes. */
type SimulationMode = 'topk' | 'impression';

/** Every knob of the replay, with its default in {@link DEFAULT_SIMULATION}. */
export type SimulationSettings = {
  /**
   * `topk`: each session ranks the user's candidates and shows the top K (conversion = a shown movie the
   * user rated ≥ 4 at or after the session). `impression`: each rated pair is shown when its score clears
   * `threshold` (conversion = shown and label 1).
   */
  readonly mode: SimulationMode;
  /** Recommendations shown per session (topk). */
  readonly k: number;
  /** Unseen movies sampled per user into the candidate set (topk). */
  readonly negatives: number;
  /** Seed of the negative sampling. */
  readonly seed: number;
  /** Score a pair must reach to be shown (impression). */
  readonly threshold: number;
  /** Length of a session window in seconds: a user's first interaction in each window opens one session. */
  readonly sessionSeconds: number;
  /** Checkpoints for the sequential test: at the end of every session window (`'day'`) or every N events. */
  readonly checkpointEvery: 'day' | number;
  /** Rows per `RouterModel.predictColumns` call (bounds memory, drives the progress bar). */
  readonly batchRows: number;
};

/** Defaults: the CLI's (the options table is their one source) plus the knobs that have no flag. */
const DEFAULT_SIMULATION: SimulationSettings = {
  mode: OPTION_TABLE.simMode.default,
  k: OPTION_TABLE.simK.default,
  negatives: OPTION_TABLE.simCandidates.default,
  seed: OPTION_TABLE.seed.default,
  threshold: OPTION_TABLE.simThreshold.default,
  sessionSeconds: 86_400,
  checkpointEvery: 'day',
  batchRows: 16_384,
};

const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Defaults filled in and every field checked (for programmatic callers); a bad value throws a usage error naming it. */
export function resolveSimulationSettings(partial: Partial<SimulationSettings> = {}): SimulationSettings {
  const s: SimulationSettings = { ...DEFAULT_SIMULATION, ...stripUndefined(partial) };
  const bad = (name: string, value: unknown, allowed: string) => new PipelineError('usage', messages.simulate.badSetting(name, value, allowed));
  if (s.mode !== 'topk' && s.mode !== 'impression') throw bad('mode', s.mode, "'topk' or 'impression'");
  if (!isInt(s.k, 1)) throw bad('k', s.k, 'an integer ≥ 1');
  if (!isInt(s.negatives, 0)) throw bad('negatives', s.negatives, 'an integer ≥ 0');
  if (!isInt(s.seed, 0)) throw bad('seed', s.seed, 'an integer ≥ 0');
  if (typeof s.threshold !== 'number' || !(s.threshold >= 0 && s.threshold <= 1)) throw bad('threshold', s.threshold, 'a number in [0, 1]');
  if (!isInt(s.sessionSeconds, 1)) throw bad('sessionSeconds', s.sessionSeconds, 'an integer ≥ 1');
  if (s.checkpointEvery !== 'day' && !isInt(s.checkpointEvery, 1)) throw bad('checkpointEvery', s.checkpointEvery, "'day' or an integer ≥ 1");
  if (!isInt(s.batchRows, 1)) throw bad('batchRows', s.batchRows, 'an integer ≥ 1');
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
