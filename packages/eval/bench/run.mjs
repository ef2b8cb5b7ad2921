// `pnpm bench eval`: @abt/eval's metrics against scikit-learn on the same data, measured in the same run.
// 1. ROC-AUC + average precision + log loss on 10,000,000 scores (goal < 3 s), sklearn's time beside it.
// 2. The whole offline evaluation (DeLong + bootstrap table, curves, segments, charts, HTML report) on
//    ml-100k's test rows with baseline scores (goal < 5 s).
// Each figure is the median [min–max] of the harness's runs, the reference's alike (scripts/bench/harness.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeSegments,
  averagePrecision,
  compareAB,
  createRng,
  evaluationCharts,
  logLoss,
  policyCurves,
  renderCharts,
  renderReport,
  rocAuc,
} from '../dist/index.js';
import { createBench, referenceEnv } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const ml100k = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
const N = Number(process.env.ABT_BENCH_N ?? 10_000_000);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'abt-eval-bench-'));
const ms = (t) => `${(t / 1000).toFixed(2)} s`;
const h = createBench('eval', { python });

try {
  // --- 1. 10M scores -------------------------------------------------------------------------
  const rng = createRng(2026);
  const labels = new Uint8Array(N);
  const scores = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const y = rng() < 0.55 ? 1 : 0;
    labels[i] = y;
    // Rounded to 1e-4 so there are many ties, as real model outputs have.
    scores[i] = Math.round(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.3 + (rng() - 0.5) * 0.8)) * 1e4) / 1e4;
  }
  // CPU time is printed beside wall time: on a shared, oversubscribed machine wall time mostly measures the neighbours.
  const abtRun = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const auc = rocAuc(labels, scores);
    const t1 = performance.now();
    const ap = averagePrecision(labels, scores);
    const t2 = performance.now();
    const ll = logLoss(labels, scores);
    const t3 = performance.now();
    const cpu = process.cpuUsage(c0);
    const abtTotal = t3 - t0;
    const abtCpu = (cpu.user + cpu.system) / 1000;
    console.log(
      `@abt/eval  ${N.toLocaleString('en-US')} scores: rocAuc ${ms(t1 - t0)}, averagePrecision ${ms(t2 - t1)}, logLoss ${ms(t3 - t2)} → total ${ms(abtTotal)} wall, ${ms(abtCpu)} CPU`,
    );
    return { auc, ap, ll, abtTotal, abtCpu };
  };

  writeFileSync(path.join(tmp, 'y.bin'), labels);
  writeFileSync(path.join(tmp, 's.bin'), new Uint8Array(scores.buffer));
  const py = `
import json, sys, time, numpy as np
from sklearn.metrics import roc_auc_score, average_precision_score, log_loss
y = np.fromfile(sys.argv[1], dtype=np.uint8).astype(np.float64)
s = np.fromfile(sys.argv[2], dtype=np.float64)
c0 = time.process_time()
t0 = time.perf_counter(); auc = roc_auc_score(y, s); t1 = time.perf_counter()
ap = average_precision_score(y, s); t2 = time.perf_counter()
ll = log_loss(y, s); t3 = time.perf_counter()
cpu = time.process_time() - c0
print(json.dumps({"auc": auc, "ap": ap, "ll": ll, "t_auc": t1 - t0, "t_ap": t2 - t1, "t_ll": t3 - t2, "cpu": cpu}))
`;
  const skRun = () => {
    const r = spawnSync(python, ['-c', py, path.join(tmp, 'y.bin'), path.join(tmp, 's.bin')], { encoding: 'utf8', maxBuffer: 1 << 26, env: referenceEnv() });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  };
  const m = existsSync(python) ? await h.pair(abtRun, skRun) : { abt: await h.repeat(abtRun), ref: [] };
  const skTotals = m.ref.map((sk) => (sk.t_auc + sk.t_ap + sk.t_ll) * 1000);
  h.figure({
    name: `rocAuc + averagePrecision + logLoss, ${N} scores`,
    unit: 's',
    abt: m.abt.map((r) => r.abtTotal / 1000),
    ...(m.ref.length ? { ref: { name: 'scikit-learn', values: skTotals.map((t) => t / 1000) } } : {}),
    goal: { abt: '< 3' },
  });
  const { auc, ap, ll, abtTotal, abtCpu } = m.abt.at(-1);
  if (m.ref.length) {
    const sk = m.ref.at(-1);
    const skTotal = (sk.t_auc + sk.t_ap + sk.t_ll) * 1000;
    console.log(
      `scikit-learn same data: roc_auc_score ${ms(sk.t_auc * 1000)}, average_precision_score ${ms(sk.t_ap * 1000)}, log_loss ${ms(sk.t_ll * 1000)} → total ${ms(skTotal)} wall, ${ms(sk.cpu * 1000)} CPU`,
    );
    console.log(
      `ratio abt / sklearn: wall ${(abtTotal / skTotal).toFixed(2)}× (${(skTotal / abtTotal).toFixed(2)}× faster), CPU ${(abtCpu / (sk.cpu * 1000)).toFixed(2)}× (${((sk.cpu * 1000) / abtCpu).toFixed(2)}× faster)`,
    );
    console.log(
      `parity: |ΔAUC| ${Math.abs(auc - sk.auc).toExponential(2)}, |ΔAP| ${Math.abs(ap - sk.ap).toExponential(2)}, |Δlogloss| ${Math.abs(ll - sk.ll).toExponential(2)}`,
    );
  } else {
    console.log(`scikit-learn reference skipped: no python at ${python} (run scripts/venv.sh)`);
  }

  // --- 2. whole offline evaluation on ml-100k's test rows ------------------------------------
  if (existsSync(python) && existsSync(ml100k)) {
    const ref = path.join(here, '../test/interop/sklearn_reference.py');
    const r = spawnSync(python, [ref], { input: JSON.stringify({ kind: 'movielens', path: ml100k }), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr);
    const ml = JSON.parse(r.stdout);
    const n = ml.labels.length;
    const evalRuns = await h.repeat(async () => {
      const c1 = process.cpuUsage();
      const t0 = performance.now();
      const comparison = compareAB(ml.labels, ml.scores_a, ml.scores_b, { nResamples: 1000, seed: 1 });
      const curves = [policyCurves('A', ml.labels, ml.scores_a), policyCurves('B', ml.labels, ml.scores_b)];
      const segments = analyzeSegments({
        train: { userIds: ml.train_users, itemIds: ml.train_items },
        eval: {
          userIds: ml.users,
          itemIds: ml.items,
          labels: ml.labels,
          genres: { names: ml.genre_names, flags: ml.genre_flags },
          demographics: { age: ml.age, gender: ml.gender, occupation: ml.occupation },
        },
        scoresA: ml.scores_a,
        scoresB: ml.scores_b,
      });
      const t1 = performance.now();
      const charts = await renderCharts(evaluationCharts({ comparison, curves, segments }));
      const t2 = performance.now();
      const html = renderReport({ policies: [{ name: 'A' }, { name: 'B' }], comparison, curves, segments });
      const t3 = performance.now();
      const cpuEval = process.cpuUsage(c1);
      console.log(
        `ml-100k test rows (${n.toLocaleString('en-US')}), ${segments.length} segments: comparison+curves+segments ${ms(t1 - t0)}, ${Object.keys(charts).length} charts to SVG+PNG ${ms(t2 - t1)}, report ${ms(t3 - t2)} (${(html.length / 1e6).toFixed(1)} MB) → total ${ms(t3 - t0)} wall, ${ms((cpuEval.user + cpuEval.system) / 1000)} CPU`,
      );
      return (t3 - t0) / 1000;
    });
    h.figure({
      name: 'offline evaluation of ml-100k test rows (comparison, curves, segments, charts, report)',
      unit: 's',
      abt: evalRuns,
      goal: { abt: '< 5' },
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// online A/B statistics: 1,000 A/A repetitions × 100,000 users (bench/ab.mjs)
await import('./ab.mjs');
