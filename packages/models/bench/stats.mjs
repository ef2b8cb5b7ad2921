// The model benchmarks' view of the shared harness (scripts/bench/harness.mjs): each figure is the
// median of REPEATS runs (the harness's --runs, default 3; BENCH_REPEATS overrides), printed with its
// min and max; ratios compare medians; `bench()` records figures for `pnpm bench --json`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBench, RUNS, summarize as summary } from '../../../scripts/bench/harness.mjs';

export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? RUNS));

const python = process.env.ABT_PYTHON ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.venv/bin/python');
/** The `models` bench of the shared harness (its header prints once: load average, runs, threads). */
export const bench = () => createBench('models', { python });

/** Median, min and max of the values (and the values, `runs`). */
export function summarize(values) {
  const s = summary(values);
  return { ...s, n: s.runs.length };
}

/** Runs `fn` REPEATS times; returns every result. */
export function repeat(fn, n = REPEATS) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(fn(i));
  return out;
}

/** `12.34 s [11.90–13.02]`: the median with min–max, `d` decimals. */
export function show(s, unit = 's', d = 2) {
  return `${s.median.toFixed(d)}${unit ? ` ${unit}` : ''} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
}

/** Starts the harness's bench (load average at start and end) and returns the line the benchmarks print under it. */
export function loadLine(os) {
  bench();
  return `cpus: ${os.cpus().length}, node ${process.version}, ${REPEATS} runs per figure (median [min–max])`;
}

/** A goal as the GBDT cases word it ('goal <= 0.7x', 'keep below 1.0x, …') as a harness goal. */
export function ratioGoal(words) {
  const m = /(<=|<|below)\s*([\d.]+)x/.exec(words);
  if (!m) return { text: words };
  const rest = words
    .replace(m[0], '')
    .replace(/^\s*(goal|keep)\s*/, '')
    .replace(/^[,\s]+|[,\s]+$/g, '');
  return { ...(rest ? { text: rest } : {}), ratio: `${m[1] === 'below' ? '<' : m[1]} ${m[2]}` };
}
