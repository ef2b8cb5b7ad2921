// A/A simulations: both arms draw from the same distribution, so every rejection is a false positive.
// 1,000 seeded repetitions of 4,000 users with 20 looks each; the 100,000-user version is in bench/ab.mjs.
import { describe, expect, it } from 'vitest';
import { createRng, meanTestFromMoments, proportionTest, ratioMetricTestFromMoments, sequentialTest, type ArmMoments, type SequentialCheckpoint } from '../../src/index';

const REPS = 1_000;
const USERS = 4_000;
const LOOKS = 20;
const ALPHA = 0.05;

interface Acc { n: number; s: number; ss: number; d: number; dd: number; sd: number }
const acc = (): Acc => ({ n: 0, s: 0, ss: 0, d: 0, dd: 0, sd: 0 });
function moments(a: Acc, ratio: boolean): ArmMoments {
  const mean = a.s / a.n;
  const variance = (a.ss - a.s * mean) / (a.n - 1);
  if (!ratio) return { n: a.n, mean, variance };
  const dm = a.d / a.n;
  return { n: a.n, mean, variance, den: { mean: dm, variance: (a.dd - a.d * dm) / (a.n - 1), covariance: (a.sd - a.s * dm) / (a.n - 1) } };
}

function simulate() {
  const rng = createRng(20260501);
  const rejections = { proportion: 0, mean: 0, ratio: 0, sequential: 0, sequentialMean: 0, naivePeeking: 0 };
  for (let rep = 0; rep < REPS; rep++) {
    // conversion (0/1), a skewed continuous metric (NDCG-like), clicks / impressions.
    const conv = [acc(), acc()];
    const cont = [acc(), acc()];
    const ctr = [acc(), acc()];
    const seqConv: SequentialCheckpoint[] = [];
    const seqCont: SequentialCheckpoint[] = [];
    let naive = false;
    for (let u = 1; u <= USERS; u++) {
      const arm = rng() < 0.5 ? 0 : 1;
      const y = rng() < 0.12 ? 1 : 0;
      const c = conv[arm]!;
      c.n++;
      c.s += y;
      c.ss += y;
      const v = rng() ** 3;
      const m = cont[arm]!;
      m.n++;
      m.s += v;
      m.ss += v * v;
      const imp = 1 + Math.floor(rng() * 10);
      let clicks = 0;
      for (let k = 0; k < imp; k++) if (rng() < 0.08) clicks++;
      const r = ctr[arm]!;
      r.n++;
      r.s += clicks;
      r.ss += clicks * clicks;
      r.d += imp;
      r.dd += imp * imp;
      r.sd += clicks * imp;
      if (u % (USERS / LOOKS) === 0) {
        const a = moments(conv[0]!, false);
        const b = moments(conv[1]!, false);
        seqConv.push({ estimate: b.mean - a.mean, variance: a.variance / a.n + b.variance / b.n, users: u });
        const ma = moments(cont[0]!, false);
        const mb = moments(cont[1]!, false);
        seqCont.push({ estimate: mb.mean - ma.mean, variance: ma.variance / ma.n + mb.variance / mb.n, users: u });
        if (proportionTest({ successesA: conv[0]!.s, nA: conv[0]!.n, successesB: conv[1]!.s, nB: conv[1]!.n }).pValue < ALPHA) naive = true;
      }
    }
    if (proportionTest({ successesA: conv[0]!.s, nA: conv[0]!.n, successesB: conv[1]!.s, nB: conv[1]!.n }).pValue < ALPHA) rejections.proportion++;
    if (meanTestFromMoments(moments(cont[0]!, false), moments(cont[1]!, false)).pValue < ALPHA) rejections.mean++;
    if (ratioMetricTestFromMoments(moments(ctr[0]!, true), moments(ctr[1]!, true)).pValue < ALPHA) rejections.ratio++;
    if (sequentialTest(seqConv, { alpha: ALPHA }).rejected) rejections.sequential++;
    if (sequentialTest(seqCont, { alpha: ALPHA }).rejected) rejections.sequentialMean++;
    if (naive) rejections.naivePeeking++;
  }
  return Object.fromEntries(Object.entries(rejections).map(([k, v]) => [k, v / REPS])) as Record<keyof typeof rejections, number>;
}

describe(`A/A: ${REPS} seeded repetitions × ${USERS} users × ${LOOKS} looks`, () => {
  const rates = simulate();
  if (process.env.ABT_AB_VERBOSE) console.log(JSON.stringify(rates));
  it('fixed-horizon tests reject at about α (within [0.03, 0.07])', () => {
    for (const k of ['proportion', 'mean', 'ratio'] as const) {
      expect(rates[k], k).toBeGreaterThanOrEqual(0.03);
      expect(rates[k], k).toBeLessThanOrEqual(0.07);
    }
  });
  it('the sequential test peeked at every look keeps the false-positive rate ≤ α', () => {
    expect(rates.sequential).toBeLessThanOrEqual(ALPHA);
    expect(rates.sequentialMean).toBeLessThanOrEqual(ALPHA);
  });
  it('while peeking with the fixed-horizon test at every look inflates it (why the sequential test exists)', () => {
    expect(rates.naivePeeking).toBeGreaterThan(0.1);
  });
});
