import cliProgress from 'cli-progress';

/** A progress bar for one long step; `tick` advances it, `done` removes it. */
export type Bar = {
  tick(n?: number, payload?: Record<string, string | number>): void;
  setTotal(total: number): void;
  done(): void;
};

/** Where the pipeline tells the user what is happening. Quiet and JSON modes print nothing to stdout. */
export type Reporter = {
  stageStart(title: string): void;
  stageEnd(title: string, seconds: number, skipped: boolean): void;
  bar(label: string, total: number): Bar;
  info(line: string): void;
  warn(line: string): void;
};

const NO_BAR: Bar = { tick() {}, setTotal() {}, done() {} };

/** Progress bars with ETA on a TTY (stderr), plain stage lines otherwise, nothing at all with `quiet`. */
export function createReporter({ quiet, stream = process.stderr }: { quiet: boolean; stream?: NodeJS.WriteStream }): Reporter {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const write = (s: string) => {
    if (!quiet) stream.write(s + '\n');
  };
  return {
    stageStart: (title) => write(`▶ ${title}`),
    stageEnd: (title, seconds, skipped) => write(skipped ? `  ${title}: up to date, skipped` : `  ${title}: done in ${seconds.toFixed(1)} s`),
    info: (line) => write(`  ${line}`),
    warn: (line) => stream.write(`  warning: ${line}\n`),
    bar(label, total) {
      if (quiet || !tty) return NO_BAR;
      const bar = new cliProgress.SingleBar(
        { format: `  ${label.padEnd(22)} [{bar}] {percentage}% | ETA {eta_formatted} | {value}/{total} {note}`, hideCursor: true, clearOnComplete: true, stream, fps: 10 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { note: '' });
      return {
        tick: (n = 1, payload) => bar.increment(n, payload),
        setTotal: (t) => bar.setTotal(t),
        done: () => bar.stop(),
      };
    },
  };
}
