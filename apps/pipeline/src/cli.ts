#!/usr/bin/env node
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Command, CommanderError, Option } from 'commander';
import { OPTION_TABLE, STAGES, type PipelineOptions } from './options';
import { checkOptions, mergeOptions, readConfigFile } from './config';
import { EXIT, PipelineError, exitKindOf } from './errors';
import { messages } from './messages';
import { createReporter } from './progress';
import { runPipeline } from './pipeline';
import { printSummary } from './summary';
import { runFitJobIfWorker } from './parallel/fit-worker';

/** Parses argv into options (defaults < --config file < flags). Throws PipelineError('usage'). */
export function parseArgs(argv: readonly string[]): PipelineOptions {
  const program = new Command('abt-pipeline')
    .description('From raw MovieLens ratings to a registered A/B router and a report.')
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .addOption(new Option('--config <file>', 'JSON file with any of the options below (unknown keys are rejected)'));
  for (const spec of Object.values(OPTION_TABLE)) {
    program.addOption(new Option(spec.flag, spec.doc));
  }
  program.addHelpText(
    'after',
    `\nStages, in order: ${STAGES.join(', ')}.\nExit codes: 0 ok, 2 usage/config, 3 data, 4 tracking/registry, 1 other, 130 interrupted.`,
  );
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') throw e;
      throw new PipelineError('usage', e.message.replace(/^error: /, ''), { cause: e });
    }
    throw e;
  }
  const raw = program.opts<Record<string, unknown>>();
  const cli: Record<string, unknown> = {};
  const base = process.env.INIT_CWD ?? process.cwd();
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'config' || value === undefined) continue;
    cli[key] = coerce(key as keyof typeof OPTION_TABLE, value);
    if ((key === 'data' || key === 'out' || key === 'dataDir') && typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      cli[key] = path.resolve(base, value);
    }
  }
  checkOptions('command line', cli);
  const config = typeof raw.config === 'string' ? readConfigFile(path.resolve(base, raw.config)) : {};
  return mergeOptions(config, cli as Partial<PipelineOptions>);
}

function coerce(key: keyof typeof OPTION_TABLE, value: unknown): unknown {
  const schema = OPTION_TABLE[key].schema as { type?: string };
  if (key === 'weights' && typeof value === 'string') return value.split(',').map((w) => Number(w.trim()));
  if (key === 'steps' && typeof value === 'string') {
    const steps = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = steps.filter((s) => !(STAGES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new PipelineError('usage', messages.unknownStages(unknown, STAGES));
    return steps;
  }
  if ((schema.type === 'integer' || schema.type === 'number') && typeof value === 'string') {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new PipelineError('usage', messages.notANumber(OPTION_TABLE[key].flag.split(' ')[0] ?? key, value));
    return n;
  }
  return value;
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: PipelineOptions | undefined;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return fail(e, false);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const reporter = createReporter({ quiet: options.quiet || options.json });
    const result = await runPipeline(options, { reporter, signal: controller.signal });
    printSummary(result, options);
    return EXIT.ok;
  } catch (e) {
    return fail(e, options.verbose);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** One readable paragraph on stderr (stack only with --verbose); returns the exit code. */
function fail(e: unknown, verbose: boolean): number {
  const kind = exitKindOf(e);
  const label = { usage: 'usage error', data: 'data error', tracking: 'tracking/registry error', interrupted: 'interrupted', other: 'error' }[kind];
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`abt-pipeline: ${label}: ${message}\n`);
  if (verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else if (kind === 'other') process.stderr.write('(run with --verbose for the stack trace)\n');
  return EXIT[kind];
}

// A worker thread started from this bundle (parallel/fit-worker.ts) runs its fit job, never the CLI.
const isMain = isMainThread && (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.js'));
if (!runFitJobIfWorker() && isMain) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
