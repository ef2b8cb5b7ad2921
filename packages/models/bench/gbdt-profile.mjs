// GBDT training profile runs (not part of `pnpm bench`): one fit in this process on the built
// `dist/`, printing wall, CPU (main + workers, from process.cpuUsage), peak RSS, trees and a hash of
// the model text (to check that a speed change left the trees alone).
//   node bench/gbdt-profile.mjs synth      1,000,000 x 30 dense Float32, 100 rounds, 64 leaves (bench case b)
//   node bench/gbdt-profile.mjs policy-b   800,000 x 66 dense Float64 + 200,000 valid rows, Policy B's
//                                          params: early stopping 50 on binary_logloss, up to 500 rounds
// Options: --rounds N (cap), --rows N, --threads N; env GBDT_DIST = a dist/ directory to load instead. Profile with `node --cpu-prof --cpu-prof-dir=DIR`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyB, POLICY_B_PARAMS, synth30 } from './gbdt-data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// GBDT_DIST: another build to compare with (e.g. a copy of dist/ from before a change)
const { GBDT } = await import(pathToFileURL(path.join(process.env.GBDT_DIST ?? path.join(here, '../dist'), 'index.js')).href);

const args = process.argv.slice(2);
const task = args[0] ?? 'synth';
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const ORIGINAL = { num_leaves: 64, learning_rate: 0.05, feature_fraction: 0.8, bagging_fraction: 0.8, bagging_freq: 1, min_data_in_leaf: 50 };

const threads = opt('threads', 0);
let params;
let fitArgs;
if (task === 'synth') {
  const d = synth30(opt('rows', 1_000_000));
  params = { ...ORIGINAL, num_iterations: opt('rounds', 100), num_threads: threads };
  fitArgs = [d.X, d.y, {}];
} else if (task === 'policy-b') {
  const rows = opt('rows', 800_000);
  const d = policyB(rows, 7);
  const v = policyB(Math.round(rows / 4), 8);
  params = { ...POLICY_B_PARAMS, num_iterations: opt('rounds', 500), num_threads: threads };
  fitArgs = [d.X, d.y, { valid: { X: v.X, y: v.y } }];
} else {
  throw new Error(`unknown task '${task}' (synth | policy-b)`);
}

/**
 * CPU seconds of the main thread alone (Linux: /proc/self/task/<pid>/stat, fields utime + stime in
 * clock ticks, assumed 100/s): the serial part, which bounds the wall time on a quiet machine.
 */
function mainThreadCpu() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

const t0 = performance.now();
const c0 = process.cpuUsage();
const m0 = mainThreadCpu();
const m = new GBDT(params).fit(...fitArgs);
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const text = m.toLightGBMText();
console.log(
  JSON.stringify({
    task,
    wall: +wall.toFixed(2),
    cpu: +((c.user + c.system) / 1e6).toFixed(2),
    mainCpu: +(mainThreadCpu() - m0).toFixed(2),
    threads: m.numThreadsUsed,
    trees: m.numTrees,
    bestIteration: m.bestIteration,
    lastValid: m.validHistory.at(-1),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    modelHash: createHash('sha256')
      .update(text.replace(/\[num_threads: \d+\]\n/, ''))
      .digest('hex')
      .slice(0, 16),
  }),
);
