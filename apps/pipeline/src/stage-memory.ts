import { Worker } from 'node:worker_threads';

/** How often the sampler reads the process's resident set (ms): peaks that last less may be missed. */
const SAMPLE_MS = 20;

// The sampler runs on its own small thread because the stages block the main thread for seconds
// (a fit, a replay): it keeps the largest RSS (kB, the whole process) seen since the last reset.
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData);
const read = () => Atomics.max(peak, 0, Math.round(process.memoryUsage.rss() / 1024));
read();
setInterval(read, ${SAMPLE_MS});
`;

/**
 * Peak resident memory of each stage (issue 18's "peak RSS per stage"): `start()` before a stage,
 * `end()` after it gives the largest RSS in MB the process reached meanwhile, main thread and
 * workers together. The operating system's own peak (getrusage) is exact but counts the whole run,
 * so a stage that set a new high gets that figure; below the run's high, a sampler thread's
 * largest reading stands in. Undefined when no sampler thread could start.
 */
export class StageMemory {
  readonly #peak = new Int32Array(new SharedArrayBuffer(4));
  readonly #worker: Worker | undefined;
  #runPeakKb = 0;

  constructor() {
    try {
      this.#worker = new Worker(SAMPLER, { eval: true, workerData: this.#peak.buffer });
      // The sampler never keeps the process alive, and an error in it only costs the figure.
      this.#worker.unref();
      this.#worker.on('error', () => {});
    } catch {
      this.#worker = undefined;
    }
  }

  start(): void {
    this.#runPeakKb = process.resourceUsage().maxRSS;
    Atomics.store(this.#peak, 0, Math.round(process.memoryUsage.rss() / 1024));
  }

  /** The stage's peak RSS in MB (whole process), or undefined without a sampler. */
  end(): number | undefined {
    if (this.#worker === undefined) return undefined;
    const sampled = Math.max(Atomics.load(this.#peak, 0), Math.round(process.memoryUsage.rss() / 1024));
    const runPeak = process.resourceUsage().maxRSS;
    const kb = runPeak > this.#runPeakKb ? runPeak : sampled;
    return Math.round(kb / 1024);
  }

  close(): Promise<number> | undefined {
    return this.#worker?.terminate();
  }
}
