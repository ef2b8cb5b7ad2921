import os from 'node:os';

/**
 * The file the pipeline's worker threads start from: this bundle itself (dist/cli.js), which serves
 * fit jobs (parallel/fit-worker.ts) or scores replay batches (simulate/score-worker.ts) when loaded as
 * a worker. Undefined when running untranspiled sources (tests), or when ABT_PIPELINE_THREADS=1: the
 * work then runs on the main thread, with the same result.
 */
export function workerBundleUrl(): URL | undefined {
  if (process.env.ABT_PIPELINE_THREADS === '1') return undefined;
  const here = import.meta.url;
  return here.startsWith('file:') && /\.m?js$/.test(here) ? new URL(here) : undefined;
}

/** Cores the pipeline's threads share: ABT_PIPELINE_THREADS when set (a whole number ≥ 1), else every core. */
export function workerCores(): number {
  const env = Number(process.env.ABT_PIPELINE_THREADS);
  return Number.isInteger(env) && env >= 1 ? env : Math.max(1, os.availableParallelism());
}
