/** Where the commands write: injected so tests run them in-process and read what they printed. */
export type CliIO = {
  /** One line of normal output (no trailing newline). */
  out(line: string): void;
  /** One line of diagnostics. */
  err(line: string): void;
  /** Environment (MLFLOW_TRACKING_URI, ABT_ML100K). */
  env: Record<string, string | undefined>;
};

export const processIO: CliIO = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  env: process.env,
};
