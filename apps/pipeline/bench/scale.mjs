// `pnpm bench pipeline --scale 25m [--cv-sample N] [--skip-sklearn]`: every stage on synthetic ratings at
// ml-25m scale (25,000,000; also '2m', '500k' or a plain number) through the built CLI, peak RSS against
// issue 18's 12 GB goal, CV on a seeded random subsample of --cv-sample train rows (default 1,000,000;
// the CLI's --cv-sample), and the train stage's two fits beside LightGBM and scikit-learn fitting the
// same matrices in the same run (scale-matrices.mjs rebuilds them from the run's prepared tables;
// scale_reference.py fits them). Files go to $ABT_BENCH_DIR or the temp dir and are removed after.
// A 25M run takes hours on 2 cores: `pnpm bench pipeline --scale 25m --runs 1`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceEnv, THREADS } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const GOAL_RSS_MB = 12 * 1024;

/** '25m' → 25,000,000; '500k' → 500,000; '1200000' → 1,200,000. */
export function parseScale(text) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(text).trim());
  const n = m ? Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]) : NaN;
  if (!Number.isInteger(n) || n < 1000) throw new Error(`--scale ${text}: expected a rating count such as 25m, 2m, 500k (at least 1000)`);
  return n;
}

const option = (args, name) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
};

function json(cmd, argv, env) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 24, env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${path.basename(argv[0] ?? cmd)} failed with exit ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The references' `key` figure from the runs where they ran. */
const refValues = (runs, key) => runs.map((r) => r.ref?.[key]).filter((v) => v !== undefined);

/**
 * Runs the scale case `h.runs` times. `runPipeline(label, args, { keep })` runs the CLI under the RSS
 * probe and returns { wall, rssMb, cpu, stages, summary, out }.
 */
export async function runScale(h, { args, python, runPipeline }) {
  const ratings = parseScale(option(args, '--scale'));
  const cvSample = Number(option(args, '--cv-sample') ?? 1_000_000);
  const skipSklearn = args.includes('--skip-sklearn');
  const base = process.env.ABT_BENCH_DIR ?? os.tmpdir();
  const label = `synthetic ${ratings.toLocaleString('en-US')} ratings`;
  console.log(
    `${label}, all stages, CV on ${cvSample.toLocaleString('en-US')} train rows; references: LightGBM${skipSklearn ? '' : ' and scikit-learn'} on the train stage's matrices, ${THREADS} threads`,
  );
  const runs = await h.repeat(async () => {
    const abt = runPipeline(`abt, ${label}`, ['--dataset', 'synthetic', '--synthetic-ratings', String(ratings), '--cv-sample', String(cvSample)], {
      keep: true,
    });
    if (!abt) return undefined;
    const work = mkdtempSync(path.join(base, 'abt-bench-scale-'));
    // a failed reference leaves abt's own figures (an hour and more of the run) in the results
    try {
      const mats = json(process.execPath, [path.join(here, 'scale-matrices.mjs'), abt.out, work]);
      console.log(
        `  matrices for the references: train ${mats.train} x ${mats.cols}, valid ${mats.valid} (rebuilt in ${(mats.maxRssMB / 1024).toFixed(1)} GB peak RSS)`,
      );
      rmSync(abt.out, { recursive: true, force: true });
      const ref = json(
        python,
        [path.join(here, 'scale_reference.py'), work, String(THREADS), '42', ...(skipSklearn ? ['skip-sklearn'] : [])],
        referenceEnv({ OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' }),
      );
      const { A, B } = abt.summary.stages.train;
      console.log(
        `  train stage fits: Policy A ${A.seconds.toFixed(1)} s, Policy B ${B.seconds.toFixed(1)} s (valid log loss ${A.metrics.valid_logloss.toFixed(5)}, ${B.metrics.valid_logloss.toFixed(5)});` +
          ` LightGBM ${ref.lgbm_seconds.toFixed(1)} s (best iteration ${ref.lgbm_best_iteration}, valid log loss ${ref.lgbm_valid_logloss.toFixed(5)})` +
          (ref.sklearn_seconds === undefined
            ? ''
            : `, scikit-learn ${ref.sklearn_seconds.toFixed(1)} s (${ref.sklearn_n_iter} epochs, valid log loss ${ref.sklearn_valid_logloss.toFixed(5)})`) +
          `; references' peak RSS ${(ref.maxRssMB / 1024).toFixed(1)} GB`,
      );
      return { abt, ref };
    } catch (e) {
      console.log(`  references: FAILED (${e instanceof Error ? e.message : String(e)}); abt's figures are kept`);
      return { abt, ref: undefined };
    } finally {
      rmSync(abt.out, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  });
  const ok = runs.filter(Boolean);
  h.figure({ name: `${label}, all stages, peak RSS`, unit: 'MB', abt: ok.map((r) => r.abt.rssMb), goal: { abt: `<= ${GOAL_RSS_MB}` } });
  h.figure({
    name: `${label}, all stages, wall`,
    unit: 's',
    abt: ok.map((r) => r.abt.wall),
    goal: { text: 'completes (issue 18: prepare, train, eval, register, router, simulate)' },
  });
  h.figure({
    name: `${label}, train, Policy A fit`,
    unit: 's',
    abt: ok.map((r) => r.abt.summary.stages.train.A.seconds),
    ...(skipSklearn
      ? {}
      : { ref: { name: 'scikit-learn saga (make_pipeline(StandardScaler, LogisticRegression))', values: refValues(ok, 'sklearn_seconds') } }),
    goal: { text: 'recorded beside scikit-learn' },
  });
  h.figure({
    name: `${label}, train, Policy B fit`,
    unit: 's',
    abt: ok.map((r) => r.abt.summary.stages.train.B.seconds),
    ref: { name: 'LightGBM, same params and early stopping', values: refValues(ok, 'lgbm_seconds') },
    goal: { text: 'recorded beside LightGBM' },
  });
  for (const stage of Object.keys(ok[0]?.abt.stages ?? {}))
    h.figure({ name: `${label}, ${stage}, wall`, unit: 's', abt: ok.map((r) => r.abt.stages[stage]), goal: 'none' });
  // Which stage holds the peak, and how each grows with the rating count (README: Benchmarks).
  for (const stage of Object.keys(ok[0]?.abt.stageRss ?? {}))
    h.figure({ name: `${label}, ${stage}, peak RSS`, unit: 'MB', abt: ok.map((r) => r.abt.stageRss[stage]), goal: 'none' });
}
