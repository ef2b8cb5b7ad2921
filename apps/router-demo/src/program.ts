import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MODEL_URI } from './defaults';
import { runDemo } from './demo-command';
import { EXIT_CODES, exitCodeOf } from './errors';
import { type CliIO, processIO } from './io';
import { messages } from './messages';
import { runServe } from './serve-command';

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string) => {
    const v = Number(value);
    if (!/^[-+]?\d+$/.test(value.trim()) || v < min || v > max) throw new InvalidArgumentError(messages.expectedInteger(min, max));
    return v;
  };
const seconds = (value: string) => {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < 0) throw new InvalidArgumentError(messages.expectedSeconds());
  return v;
};

const trackingHelp = 'tracking/registry URI (default: MLFLOW_TRACKING_URI, else sqlite:///<repo>/abt-out/mlflow.db)';

/** `abt-router-demo 0.1.0 (node v20.x)`: the version of the nearest @abt/router-demo package.json above this file. */
function version(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@abt/router-demo') return `abt-router-demo ${pkg.version} (node ${process.version})`;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return `abt-router-demo (version unknown; node ${process.version})`;
  }
}

/**
 * The `abt-router-demo` commander program. A `serve` action leaves the running server's `closed`
 * promise in `result.pending`, so `main` can wait for the shutdown.
 */
export function createProgram(io: CliIO = processIO, result: { pending?: Promise<void> } = {}): Command {
  const program = new Command('abt-router-demo')
    .description('Load the registered A/B router by alias: serve it over HTTP, or route MovieLens test rows and report per arm.')
    .exitOverride()
    .version(version(), '-V, --version', 'print the version and exit')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });

  program
    .command('serve')
    .description('serve the registered router (health, ping, version, predict, bulk_predict, invocations, feedback, admin/reload) with hot reload')
    .addOption(new Option('--port <port>', 'port to listen on (0 = any free port)').default(8080).argParser(integer(0, 65535)))
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--tracking-uri <uri>', trackingHelp)
    .option('--model-uri <uri>', 'registered router to serve', DEFAULT_MODEL_URI)
    .option('--exposure-log <path>', 'append every assignment to this NDJSON file (exposure log v2, rotated at 64 MiB)')
    .option('--history <store>', 'feedback history: memory (in-process, rebuilt from --events-log), redis://host:port (shared by replicas), or off', 'memory')
    .option('--events-log <path>', 'append accepted feedback to this NDJSON file (events log v1; fdatasync before each answer)')
    .option('--redis-key <key>', 'Redis stream key of the shared history', 'abt:events')
    .option('--admin-token <token>', 'bearer token for /admin/* (default ABT_ADMIN_TOKEN; without one the admin routes are off)')
    .option('--instance-id <id>', 'name of this replica in the exposure log (default host:pid)')
    .addOption(new Option('--poll-seconds <n>', 'poll the registry for moved aliases every N seconds (0 = off)').default(30).argParser(seconds))
    .action(
      async (o: {
        port: number;
        host: string;
        trackingUri?: string;
        modelUri: string;
        exposureLog?: string;
        history: string;
        eventsLog?: string;
        redisKey: string;
        adminToken?: string;
        instanceId?: string;
        pollSeconds: number;
      }) => {
        const handle = await runServe(o, io);
        result.pending = handle.closed;
      },
    );

  program
    .command('demo')
    .description('route seeded MovieLens test rows through the registered router; print shares, scores and per-arm ROC/PR; log Router_Demo')
    .addOption(new Option('--n <n>', 'rows shown in the assignment table').default(20).argParser(integer(0)))
    .addOption(new Option('--seed <seed>', 'seed of the row sample').default(42).argParser(integer(-(2 ** 31), 2 ** 31 - 1)))
    .option('--data <path>', 'MovieLens zip or directory (default: ABT_ML100K, else ../shared/data/movielens/ml-100k.zip)')
    .option('--tracking-uri <uri>', trackingHelp)
    .option('--model-uri <uri>', 'registered router to load', DEFAULT_MODEL_URI)
    .option('--out <dir>', 'where charts (PNG + SVG), demo.html, summary.json and assignments.csv go', './abt-out/router-demo')
    .option('--no-log', 'do not log the Router_Demo run')
    .action(async (o: { n: number; seed: number; data?: string; trackingUri?: string; modelUri: string; out: string; log: boolean }) => {
      await runDemo({ ...o, noLog: !o.log }, io);
    });
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code once the
 * command finished — for `serve`, once the server stopped. Errors become one readable line.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const result: { pending?: Promise<void> } = {};
  try {
    await createProgram(io, result).parseAsync([...argv], { from: 'user' });
    if (result.pending) await result.pending;
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    // Help and version print and exit 0; usage errors were already printed by commander.
    return e.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
  }
  const code = exitCodeOf(e);
  if (code !== EXIT_CODES.UNEXPECTED) {
    io.err(`error: ${(e as Error).message}`);
    return code;
  }
  io.err(`error: ${messages.unexpected(e instanceof Error ? e.message : String(e))}`);
  if (io.env.ABT_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
  return EXIT_CODES.UNEXPECTED;
}
