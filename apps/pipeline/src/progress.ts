import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';

/** A progress bar for one long step: `tick` advances it, `update` sets it, `done` ends it with what happened. */
type Bar = {
  tick(n?: number, payload?: Record<string, string | number>): void;
  /** Sets the absolute position (a worker's progress read from shared memory). */
  update(value: number, total?: number): void;
  setTotal(total: number): void;
  /** Removes the bar; `outcome` ("stopped early at round 61, best 11") stays on screen as a line. */
  done(outcome?: string): void;
};

/** Where the pipeline tells the user what is happening. Quiet and JSON modes print nothing to stdout. */
export type Reporter = {
  stageStart(title: string): void;
  stageEnd(title: string, seconds: number, skipped: boolean): void;
  bar(label: string, total: number): Bar;
  info(line: string): void;
  warn(line: string): void;
};

/**
 * ETA from the average rate since the bar started, shown once 3 % or 2 s are behind it. cli-progress's
 * own ETA extrapolates the last few updates, which jumps (1m40s for an 11 s stage) when the first
 * steps are slow or come in bursts; the overall rate settles instead.
 */
export function smoothedEta(value: number, total: number, elapsedSeconds: number): string {
  if (value <= 0 || value >= total || (value / total < 0.03 && elapsedSeconds < 2)) return value >= total ? '0s' : '…';
  const s = Math.round((elapsedSeconds * (total - value)) / value);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

const NO_BAR: Bar = { tick() {}, update() {}, setTotal() {}, done() {} };

/**
 * Progress bars with a smoothed ETA on a TTY (stderr), several at once (Policy A's worker beside
 * Policy B); plain stage lines otherwise; nothing at all with `quiet`. A bar's outcome is printed as a
 * line when it ends, on a TTY or not.
 */
export function createReporter({ quiet, stream = process.stderr }: { quiet: boolean; stream?: NodeJS.WriteStream }): Reporter {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let multi: cliProgress.MultiBar | undefined;
  let open = 0;
  const write = (s: string) => {
    if (quiet) return;
    if (multi) multi.log(`${s}\n`);
    else stream.write(`${s}\n`);
  };
  return {
    stageStart: (title) => write(`▶ ${title}`),
    stageEnd: (title, seconds, skipped) => write(skipped ? `  ${title}: up to date, skipped` : `  ${title}: done in ${seconds.toFixed(1)} s`),
    info: (line) => write(`  ${line}`),
    warn: (line) => {
      if (multi) multi.log(`  warning: ${line}\n`);
      else stream.write(`  warning: ${line}\n`);
    },
    bar(label, total) {
      if (quiet) return NO_BAR;
      if (!tty) return { ...NO_BAR, done: (outcome) => outcome && write(`  ${label}: ${outcome}`) };
      multi ??= new cliProgress.MultiBar(
        {
          format: '  {label} [{bar}] {percentage}% | ETA {smoothEta} | {value}/{total} {note}',
          hideCursor: true,
          clearOnComplete: true,
          stream,
          fps: 10,
          autopadding: true,
        },
        cliProgress.Presets.shades_classic,
      );
      open++;
      const t0 = performance.now();
      let value = 0;
      let max = Math.max(1, total);
      const bar = multi.create(max, 0, { label: label.padEnd(22), note: '', smoothEta: '…' });
      const eta = () => smoothedEta(value, max, (performance.now() - t0) / 1000);
      let ended = false;
      return {
        tick(n = 1, payload) {
          value += n;
          bar.update(value, { ...payload, smoothEta: eta() });
        },
        update(v, t) {
          if (t !== undefined && t !== max) bar.setTotal((max = Math.max(1, t)));
          // Never backwards: a worker's queued reports may arrive after its shared counter was read.
          if (v <= value) return;
          value = v;
          bar.update(value, { smoothEta: eta() });
        },
        setTotal(t) {
          if (t === max) return;
          max = Math.max(1, t);
          bar.setTotal(max);
        },
        done(outcome) {
          if (ended) return;
          ended = true;
          multi!.remove(bar);
          // MultiBar.log is flushed at the next redraw: after the last bar, write the outcome directly.
          if (--open === 0) {
            multi!.stop();
            multi = undefined;
            if (outcome) stream.write(`  ${label}: ${outcome}\n`);
          } else if (outcome) multi!.log(`  ${label}: ${outcome}\n`);
        },
      };
    },
  };
}
