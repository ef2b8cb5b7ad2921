import type { SrmResult } from '../ab/srm-test';

const n = (v: number) => v.toLocaleString('en-US');
const p4 = (p: number) => (p < 1e-4 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`);
const list = (m: ReadonlyMap<string, number>) => [...m].map(([k, v]) => `${n(v)} '${k}'`).join(', ');

/** Every message of the health checks, as functions (tests assert on these). */
export const healthMessages = {
  srm: (arms: readonly string[], s: SrmResult) =>
    `sample ratio: ${arms.map((a, i) => `${a} ${n(s.observed[i]!)}`).join(' / ')} units (expected ${s.expected.map((e) => n(Math.round(e))).join(' / ')}), χ² ${p4(s.pValue)}${s.mismatch ? ' — MISMATCH: the assignment is broken, do not trust the lift' : ' — ok'}`,
  multipleArms: (c: number) => `${n(c)} units were exposed to both arms: left out of the analysis`,
  invalidExposures: (c: number) => `${n(c)} exposure lines without a unit, time or arm: left out`,
  unknownArm: (m: ReadonlyMap<string, number>, arms: readonly string[]) =>
    m.size === 0
      ? `no exposures of arms other than ${arms.join(' and ')}`
      : `exposures of arms not in the metrics file (${list(m)} lines): left out; the file's arms are ${arms.join(' and ')}`,
  notInExperiment: (lines: number, units: number) => `${n(lines)} exposure lines of ${n(units)} units outside the experiment (inExperiment false): left out`,
  beforeRange: (c: number) => `${n(c)} exposure lines before the analysis range: left out`,
  afterRange: (c: number) => `${n(c)} exposure lines after the end of the analysis (range end or --as-of): left out`,
  eventsBeforeExposure: (m: ReadonlyMap<string, number>) =>
    m.size === 0
      ? 'no outcome events before a unit’s first exposure'
      : `outcome events before the unit's first exposure (${list(m)}): not counted (covariates use them)`,
  eventsUnexposed: (m: ReadonlyMap<string, number>) =>
    m.size === 0 ? 'every event belongs to an analysed unit' : `events of units not in the analysis (${list(m)}): ignored`,
  eventsAfterEnd: (c: number) => `${n(c)} events after the end of the analysis: not counted`,
  invalidEvents: (c: number) => `${n(c)} event lines without a unit or time: left out`,
} as const;
