// One measured task per process, so peak RSS belongs to that task alone.
// Usage: node child.mjs <task> <path>; prints one JSON line {ms, rows, maxRssMB}.
import { labelRatings, loadMovieLens, splitByTime } from '../dist/index.js';

const [task, file] = process.argv.slice(2);

async function abt() {
  const t0 = performance.now();
  const ds = await loadMovieLens(file, { checkDuplicates: task !== 'abt-load-nodup' });
  const loadMs = performance.now() - t0;
  const split = splitByTime(labelRatings(ds.ratings));
  const ms = performance.now() - t0;
  return { ms, loadMs, rows: ds.ratings.length, parts: [split.train.length, split.valid.length, split.test.length] };
}

async function danfo() {
  const { createRequire } = await import('node:module');
  const dfd = createRequire(import.meta.url)('danfojs-node');
  // Stage markers on stderr tell the parent where a capped run was stopped.
  const stage = (name) => process.stderr.write(`stage:${name}\n`);
  const t0 = performance.now();
  stage('readCSV');
  const df = await dfd.readCSV(file);
  const loadMs = performance.now() - t0;
  stage(`label (readCSV took ${(loadMs / 1000).toFixed(1)} s)`);
  df.addColumn(
    'label',
    df
      .column('rating')
      .ge(4)
      .values.map((b) => (b ? 1 : 0)),
    { inplace: true },
  );
  stage(`sortValues (${((performance.now() - t0) / 1000).toFixed(1)} s in)`);
  const sorted = df.sortValues('timestamp', { ascending: true });
  const n = sorted.shape[0];
  const a = Math.floor(n * 0.8);
  const b = Math.floor(n * 0.9);
  stage('split');
  const parts = [sorted.iloc({ rows: [`0:${a}`] }), sorted.iloc({ rows: [`${a}:${b}`] }), sorted.iloc({ rows: [`${b}:`] })];
  return { ms: performance.now() - t0, loadMs, rows: n, parts: parts.map((p) => p.shape[0]) };
}

const result = task === 'danfo' ? await danfo() : await abt();
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ...result, maxRssMB }));
