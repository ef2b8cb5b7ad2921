// `node bench/ab.mjs` (also run by bench/run.mjs): the online A/B statistics on A/A experiments.
// 1,000 seeded A/A repetitions × 100,000 users: per repetition, three full readouts (`analyzeExperiment`) —
// conversion (two-proportion z, SRM, CUPED, MDE, sample size, mSPRT over 20 looks, Beta-Binomial quadrature),
// clicks/impressions (delta method) and an NDCG-like mean (Welch). Goal: statistics < 30 s. Prints the
// false-positive rates (fixed horizon ≈ α; sequential with peeking at all 20 looks ≤ α) and, measured in the
// same run, scipy/numpy doing the fixed-horizon part of the same work (z test, chisquare, CUPED, Welch, delta).
// CPU time is printed beside wall time: on a shared machine wall time mostly measures the neighbours.
// The whole A/A run and the scipy reference are repeated the harness's runs times (scripts/bench/harness.mjs;
// same seed, same data each time): the figures are their median [min–max].
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBench, referenceEnv } from '../../../scripts/bench/harness.mjs';
import { analyzeExperiment, createRng } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const REPS = Number(process.env.ABT_BENCH_AB_REPS ?? 1000);
const USERS = Number(process.env.ABT_BENCH_AB_USERS ?? 100_000);
const LOOKS = 20;
const ALPHA = 0.05;
const s = (t) => `${(t / 1000).toFixed(2)} s`;

function armBuffers() {
  return {
    conv: new Float64Array(USERS),
    cov: new Float64Array(USERS),
    clicks: new Float64Array(USERS),
    imp: new Float64Array(USERS),
    ndcg: new Float64Array(USERS),
    n: 0,
  };
}

function moments(sum, sumSq, n) {
  const mean = sum / n;
  return { n, mean, variance: (sumSq - sum * mean) / (n - 1) };
}

/** One A/A run: every repetition generated and read out; its times and rates. */
function aaRun() {
  const rng = createRng(20261126);
  const arms = [armBuffers(), armBuffers()];
  const fp = { conversion: 0, ctr: 0, ndcg: 0, sequential: 0, srm: 0, cupedConversion: 0, cupedCtr: 0 };
  const reduction = { conversion: 0, ctr: 0 };
  let genMs = 0;
  let statMs = 0;
  let statCpuMs = 0;
  const cpu0 = process.cpuUsage();
  for (let rep = 0; rep < REPS; rep++) {
    const g0 = performance.now();
    arms[0].n = 0;
    arms[1].n = 0;
    const timeline = [];
    const run = [
      [0, 0],
      [0, 0],
    ];
    for (let u = 1; u <= USERS; u++) {
      const arm = arms[rng() < 0.5 ? 0 : 1];
      const i = arm.n++;
      // Same distribution in both arms: activity drives conversion (so CUPED has something to remove).
      const activity = Math.floor(-Math.log(1 - rng()) * 20);
      const y = rng() < 0.05 + Math.min(activity, 100) * 0.003 ? 1 : 0;
      arm.cov[i] = activity;
      arm.conv[i] = y;
      const imp = 1 + Math.floor(rng() * 10);
      let c = 0;
      const pc = 0.04 + Math.min(activity, 100) * 0.002;
      for (let k = 0; k < imp; k++) if (rng() < pc) c++;
      arm.imp[i] = imp;
      arm.clicks[i] = c;
      arm.ndcg[i] = rng() ** 2;
      const r = run[arm === arms[0] ? 0 : 1];
      r[0] += y;
      r[1] += y;
      if (u % (USERS / LOOKS) === 0)
        timeline.push({ at: u / (USERS / LOOKS), a: moments(run[0][0], run[0][1], arms[0].n), b: moments(run[1][0], run[1][1], arms[1].n) });
    }
    const [A, B] = arms;
    const g1 = performance.now();
    const c1 = process.cpuUsage();
    const conv = analyzeExperiment({
      metric: 'conversion',
      a: { values: A.conv.subarray(0, A.n), covariate: A.cov.subarray(0, A.n) },
      b: { values: B.conv.subarray(0, B.n), covariate: B.cov.subarray(0, B.n) },
      timeline,
    });
    const ctr = analyzeExperiment({
      metric: 'ctr',
      a: { values: A.clicks.subarray(0, A.n), denominators: A.imp.subarray(0, A.n), covariate: A.cov.subarray(0, A.n) },
      b: { values: B.clicks.subarray(0, B.n), denominators: B.imp.subarray(0, B.n), covariate: B.cov.subarray(0, B.n) },
    });
    const ndcg = analyzeExperiment({ metric: 'ndcg', a: { values: A.ndcg.subarray(0, A.n) }, b: { values: B.ndcg.subarray(0, B.n) } });
    const g2 = performance.now();
    const c2 = process.cpuUsage(c1);
    statCpuMs += (c2.user + c2.system) / 1000;
    genMs += g1 - g0;
    statMs += g2 - g1;
    if (conv.pValue < ALPHA) fp.conversion++;
    if (ctr.pValue < ALPHA) fp.ctr++;
    if (ndcg.pValue < ALPHA) fp.ndcg++;
    if (conv.sequential.rejected) fp.sequential++;
    if (conv.srm.mismatch) fp.srm++;
    if (conv.cuped.pValue < ALPHA) fp.cupedConversion++;
    if (ctr.cuped.pValue < ALPHA) fp.cupedCtr++;
    reduction.conversion += conv.cuped.varianceReduction / REPS;
    reduction.ctr += ctr.cuped.varianceReduction / REPS;
  }
  const cpu = process.cpuUsage(cpu0);
  return { genMs, statMs, statCpuMs, cpu, fp, reduction };
}

// scipy/numpy doing the fixed-horizon part of the same work, as the reference.
const py = `
import json, sys, time
import numpy as np
from scipy import stats
reps, users = ${REPS}, ${USERS}
rng = np.random.default_rng(20261126)
stat = 0.0
cpu = 0.0
for _ in range(reps):
    arm = rng.random(users) < 0.5
    act = np.floor(-np.log(1 - rng.random(users)) * 20)
    y = (rng.random(users) < 0.05 + np.minimum(act, 100) * 0.003).astype(float)
    imp = 1 + np.floor(rng.random(users) * 10)
    clicks = rng.binomial(imp.astype(int), 0.04 + np.minimum(act, 100) * 0.002).astype(float)
    nd = rng.random(users) ** 2
    t0 = time.perf_counter()
    c0 = time.process_time()
    a, b = ~arm, arm
    na, nb = a.sum(), b.sum()
    stats.chisquare([na, nb])
    pa, pb = y[a].mean(), y[b].mean(); p = y.mean()
    z = (pb - pa) / np.sqrt(p * (1 - p) * (1 / na + 1 / nb)); 2 * stats.norm.sf(abs(z))
    c = np.cov(act, y); theta = c[0, 1] / c[0, 0]; adj = y - theta * (act - act.mean())
    stats.ttest_ind(adj[b], adj[a], equal_var=False)
    def ratio_var(num, den):
        mx, my = den.mean(), num.mean(); cv = np.cov(num, den)
        return (cv[0, 0] / mx**2 - 2 * my * cv[0, 1] / mx**3 + my**2 * cv[1, 1] / mx**4) / len(num)
    ra, rb = clicks[a].sum() / imp[a].sum(), clicks[b].sum() / imp[b].sum()
    zr = (rb - ra) / np.sqrt(ratio_var(clicks[a], imp[a]) + ratio_var(clicks[b], imp[b])); 2 * stats.norm.sf(abs(zr))
    la = (clicks[a] - ra * imp[a]) / imp[a].mean(); lb = (clicks[b] - rb * imp[b]) / imp[b].mean()
    l = np.concatenate([la, lb]); cc = np.concatenate([act[a], act[b]]); c2 = np.cov(cc, l); th = c2[0, 1] / c2[0, 0]
    adj_l = l - th * (cc - cc.mean()); na_ = len(la)
    stats.norm.sf(abs((adj_l[na_:].mean() - adj_l[:na_].mean()) / np.sqrt(adj_l[:na_].var(ddof=1) / na_ + adj_l[na_:].var(ddof=1) / (len(l) - na_))))
    stats.ttest_ind(nd[b], nd[a], equal_var=False)
    stat += time.perf_counter() - t0
    cpu += time.process_time() - c0
print(json.dumps({"stat": stat, "cpu": cpu}))
`;

const h = createBench('eval', { python });
const pyRun = () => {
  const r = spawnSync(python, ['-c', py], { encoding: 'utf8', maxBuffer: 1 << 24, env: referenceEnv() });
  if (r.status !== 0) throw new Error(`scipy reference failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout);
};
const runs = existsSync(python) ? await h.pair(aaRun, pyRun) : { abt: await h.repeat(aaRun), ref: [] };
const { genMs, statMs, statCpuMs, cpu, fp, reduction } = runs.abt.at(-1);
const rate = (k) => (fp[k] / REPS).toFixed(3);
h.figure({
  name: `A/A ${REPS} reps × ${USERS} users, 3 readouts each, statistics`,
  unit: 's',
  abt: runs.abt.map((r) => r.statMs / 1000),
  ...(runs.ref.length ? { ref: { name: 'scipy/numpy (fixed-horizon part only)', values: runs.ref.map((r) => r.stat) } } : {}),
  goal: { abt: '< 30' },
});
console.log(`  last run: statistics ${s(statMs)} wall, ${s(statCpuMs)} CPU, data generation ${s(genMs)}, ${s((cpu.user + cpu.system) / 1000)} CPU in all`);
console.log(
  `  false-positive rate at α = ${ALPHA}: conversion ${rate('conversion')}, ctr (delta) ${rate('ctr')}, ndcg (Welch) ${rate('ndcg')}; ` +
    `sequential, peeking at all ${LOOKS} looks ${rate('sequential')} (must be ≤ ${ALPHA}); SRM alarms ${rate('srm')} (threshold 0.001)`,
);
console.log(
  `  CUPED: false-positive rate conversion ${rate('cupedConversion')}, ctr ${rate('cupedCtr')}; mean variance reduction conversion ` +
    `${(reduction.conversion * 100).toFixed(1)} %, ctr ${(reduction.ctr * 100).toFixed(1)} %`,
);

if (runs.ref.length) {
  {
    const out = runs.ref.at(-1);
    const ref = out.stat * 1000;
    const refCpu = out.cpu * 1000;
    console.log(
      `  scipy/numpy, fixed-horizon part of the same work (z, χ², CUPED ×2, Welch, delta; no sequential, no Bayesian): ${s(ref)} wall, ${s(refCpu)} CPU ` +
        `→ @abt/eval (all of it) / scipy = ${(statMs / ref).toFixed(2)}× wall, ${(statCpuMs / refCpu).toFixed(2)}× CPU`,
    );
  }
} else console.log(`  scipy reference skipped: no Python at ${python}`);
