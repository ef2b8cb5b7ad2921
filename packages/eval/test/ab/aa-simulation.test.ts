// A/A simulations: both arms draw from the same distribution, so every rejection is a false positive.
// Three metric kinds (conversion 0/1, a skewed continuous NDCG-like value, clicks / impressions) at three
// designs: 1,000 experiments of 4,000 users with 20 looks (the 100,000-user version is in bench/ab.mjs);
// 2,000 small experiments of 150 users looked at every 5 users, where most users have no impression yet at
// the first looks (the regime where the plug-in mSPRT rejected 13 %); and a 90/10 split of 600 users.
// The sequential test runs through `sequentialCheckpointsFromMoments`, as every readout does.
import { describe, expect, it } from 'vitest';
import {
  createRng,
  meanTestFromMoments,
  proportionTest,
  ratioMetricTestFromMoments,
  sequentialCheckpointsFromMoments,
  sequentialTest,
  type ArmMoments,
  type TimelinePoint,
} from '../../src/index';

const ALPHA = 0.05;
type Kind = 'proportion' | 'mean' | 'ratio';
const KINDS: readonly Kind[] = ['proportion', 'mean', 'ratio'];

interface Design {
  readonly name: string;
  readonly reps: number;
  readonly users: number;
  readonly looks: number;
  /** Share of users in arm A. */
  readonly shareA: number;
  /** Probability that a user has no impression (yet): a sparse ratio metric. */
  readonly noImpression: number;
  readonly seed: number;
}

const DESIGNS: readonly Design[] = [
  { name: '1,000 × 4,000 users, 20 looks', reps: 1_000, users: 4_000, looks: 20, shareA: 0.5, noImpression: 0, seed: 20260501 },
  { name: '2,000 × 150 users, a look every 5 users, 60 % without impressions', reps: 2_000, users: 150, looks: 30, shareA: 0.5, noImpression: 0.6, seed: 7 },
  { name: '1,000 × 600 users split 90/10, 30 looks', reps: 1_000, users: 600, looks: 30, shareA: 0.9, noImpression: 0.3, seed: 9 },
];

/** Largest rejection rate consistent with a true rate of α: α + 3 binomial standard errors of `reps` experiments. */
const upperTolerance = (reps: number) => ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / reps);

interface Acc {
  n: number;
  s: number;
  ss: number;
  d: number;
  dd: number;
  sd: number;
}
const acc = (): Acc => ({ n: 0, s: 0, ss: 0, d: 0, dd: 0, sd: 0 });
function moments(a: Acc, ratio: boolean): ArmMoments {
  const mean = a.s / a.n;
  const variance = (a.ss - a.s * mean) / (a.n - 1);
  if (!ratio) return { n: a.n, mean, variance };
  const dm = a.d / a.n;
  return { n: a.n, mean, variance, den: { mean: dm, variance: (a.dd - a.d * dm) / (a.n - 1), covariance: (a.sd - a.s * dm) / (a.n - 1) } };
}
function add(a: Acc, y: number, x = 1): void {
  a.n++;
  a.s += y;
  a.ss += y * y;
  a.d += x;
  a.dd += x * x;
  a.sd += x * y;
}

function simulate(design: Design) {
  const rng = createRng(design.seed);
  const fixed = { proportion: 0, mean: 0, ratio: 0 };
  const sequential = { proportion: 0, mean: 0, ratio: 0 };
  let naivePeeking = 0;
  const every = design.users / design.looks;
  for (let rep = 0; rep < design.reps; rep++) {
    const arms = { proportion: [acc(), acc()], mean: [acc(), acc()], ratio: [acc(), acc()] };
    const timelines: Record<Kind, TimelinePoint[]> = { proportion: [], mean: [], ratio: [] };
    let naive = false;
    for (let u = 1; u <= design.users; u++) {
      const arm = rng() < design.shareA ? 0 : 1;
      add(arms.proportion[arm]!, rng() < 0.12 ? 1 : 0);
      add(arms.mean[arm]!, rng() ** 3);
      const imp = rng() < design.noImpression ? 0 : 1 + Math.floor(rng() * 10);
      let clicks = 0;
      for (let k = 0; k < imp; k++) if (rng() < 0.08) clicks++;
      add(arms.ratio[arm]!, clicks, imp);
      if (u % every !== 0) continue;
      for (const kind of KINDS) {
        const [a, b] = arms[kind];
        if (a!.n >= 2 && b!.n >= 2) timelines[kind].push({ at: u, a: moments(a!, kind === 'ratio'), b: moments(b!, kind === 'ratio') });
      }
      const [ca, cb] = arms.proportion;
      if (ca!.n > 0 && cb!.n > 0 && proportionTest({ successesA: ca!.s, nA: ca!.n, successesB: cb!.s, nB: cb!.n }).pValue < ALPHA) naive = true;
    }
    const [ca, cb] = arms.proportion;
    if (proportionTest({ successesA: ca!.s, nA: ca!.n, successesB: cb!.s, nB: cb!.n }).pValue < ALPHA) fixed.proportion++;
    if (meanTestFromMoments(moments(arms.mean[0]!, false), moments(arms.mean[1]!, false)).pValue < ALPHA) fixed.mean++;
    const [ra, rb] = arms.ratio;
    if (ra!.d > 0 && rb!.d > 0 && ratioMetricTestFromMoments(moments(ra!, true), moments(rb!, true)).pValue < ALPHA) fixed.ratio++;
    for (const kind of KINDS) {
      const checkpoints = sequentialCheckpointsFromMoments(timelines[kind]);
      if (checkpoints.length > 0 && sequentialTest(checkpoints, { alpha: ALPHA, tuningN: design.users }).rejected) sequential[kind]++;
    }
    if (naive) naivePeeking++;
  }
  const rate = (r: Record<Kind, number>) => Object.fromEntries(KINDS.map((k) => [k, r[k] / design.reps])) as Record<Kind, number>;
  return { fixed: rate(fixed), sequential: rate(sequential), naivePeeking: naivePeeking / design.reps };
}

for (const design of DESIGNS) {
  describe(`A/A: ${design.name}`, () => {
    const rates = simulate(design);
    if (process.env.ABT_AB_VERBOSE) console.log(design.name, JSON.stringify(rates));
    it(`the sequential test peeked at every look rejects at most α (+ 3 binomial SEs = ${upperTolerance(design.reps).toFixed(3)}) on every metric kind`, () => {
      for (const kind of KINDS) expect(rates.sequential[kind], kind).toBeLessThanOrEqual(upperTolerance(design.reps));
    });
    if (design.users >= 4_000) {
      it('fixed-horizon tests reject at about α (within [0.03, 0.07])', () => {
        for (const kind of KINDS) {
          expect(rates.fixed[kind], kind).toBeGreaterThanOrEqual(0.03);
          expect(rates.fixed[kind], kind).toBeLessThanOrEqual(0.07);
        }
      });
    }
    it('while peeking with the fixed-horizon test at every look inflates it (why the sequential test exists)', () => {
      expect(rates.naivePeeking).toBeGreaterThan(0.1);
    });
  });
}

it('the designs would catch the plug-in mSPRT: without the null variance and burn-in the small design over-rejects', () => {
  // The same small design with each checkpoint's null variance dropped and no burn-in (the test before the fix).
  const design = DESIGNS[1]!;
  const rng = createRng(design.seed);
  let rejected = 0;
  for (let rep = 0; rep < 500; rep++) {
    const arms = [acc(), acc()];
    const timeline: TimelinePoint[] = [];
    for (let u = 1; u <= design.users; u++) {
      const imp = rng() < design.noImpression ? 0 : 1 + Math.floor(rng() * 10);
      let clicks = 0;
      for (let k = 0; k < imp; k++) if (rng() < 0.08) clicks++;
      add(arms[rng() < 0.5 ? 0 : 1]!, clicks, imp);
      if (u % 5 === 0 && arms[0]!.n >= 2 && arms[1]!.n >= 2) timeline.push({ at: u, a: moments(arms[0]!, true), b: moments(arms[1]!, true) });
    }
    const plugIn = sequentialCheckpointsFromMoments(timeline).flatMap(({ nullVariance: _, ...c }) => (c.variance > 0 ? [c] : []));
    if (plugIn.length > 0 && sequentialTest(plugIn, { alpha: ALPHA, tuningN: design.users, burnInPerArm: 0 }).rejected) rejected++;
  }
  expect(rejected / 500).toBeGreaterThan(upperTolerance(500));
});
