#!/usr/bin/env node
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Command, CommanderError, Option } from 'commander';
import { OPTION_GROUPS, OPTION_TABLE, STAGES, type OptionGroup, type OptionKey, type OptionSpec, type PipelineOptions } from './options';
import { mergeOptions, parseFlags, readConfigFile, type RawOptions } from './config';
import { planRun, type RunPlan } from './plan';
import { EXIT, PipelineError, exitKindOf } from './errors';
import { createReporter } from './progress';
import { runPipeline } from './pipeline';
import { printSummary } from './summary';
import { runFitJobIfWorker } from './parallel/fit-worker';
import { scoreBatchesIfWorker } from './simulate/score-worker';
import { cliVersion } from './version';
import { runRegisterCommand } from './register-command';
import { messages } from './messages';
import { describeFsError } from './fs-errors';
import type { RunProgress } from './stage';

const GROUP_TITLES: Record<OptionGroup, string> = {
  data: 'Data:',
  features: 'Features:',
  models: 'Models:',
  evaluation: 'Evaluation:',
  experiment: 'Experiment (router and online replay):',
  output: 'Output, tracking and stages:',
};

/** `(default: 5)` for the help text; commander's own default would hide a config file's value. */
function describeDefault(spec: OptionSpec<unknown>): string {
  const d = spec.default;
  if (spec.defaultText !== undefined) return ` (default: ${spec.defaultText})`;
  if (d === undefined) return '';
  if (Array.isArray(d)) return ` (default: ${d.join(',')})`;
  if (typeof d === 'object' && d !== null) return Object.keys(d).length === 0 ? ' (default: none)' : ` (default: ${JSON.stringify(d)})`;
  return ` (default: ${String(d)})`;
}

function program(): Command {
  const cmd = new Command('abt-pipeline')
    .description('From raw MovieLens ratings to a registered A/B router and a report.')
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .version(cliVersion(), '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help');
  for (const group of OPTION_GROUPS) {
    for (const [, spec] of Object.entries(OPTION_TABLE) as [OptionKey, OptionSpec<unknown>][]) {
      if (spec.group === group) cmd.addOption(new Option(spec.flag, spec.doc + describeDefault(spec)).helpGroup(GROUP_TITLES[group]));
    }
  }
  cmd.addOption(
    new Option('--config <file>', 'YAML or JSON file with any of the options above, named like the flags (cv-folds or cvFolds); flags win').helpGroup(
      GROUP_TITLES.output,
    ),
  );
  cmd.addHelpText(
    'after',
    `\nStages, in order: ${STAGES.join(', ')}.\nExit codes: 0 ok, 2 usage/config, 3 data, 4 tracking/registry, 1 other, 130 interrupted.\n\nabt-pipeline register --policy B --lightgbm model.txt [--feature-spec spec.json] [--out dir]\n  registers a LightGBM model trained elsewhere on the --export features as Policy B (see register --help).`,
  );
  return cmd;
}

/** Parses argv into options (defaults < --config file < flags). Throws PipelineError('usage'). */
export function parseArgs(argv: readonly string[]): PipelineOptions {
  const cmd = program();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') throw e;
      throw new PipelineError('usage', e.message.replace(/^error: /, ''), { cause: e });
    }
    throw e;
  }
  const { config, ...raw } = cmd.opts<RawOptions & { config?: string }>();
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const cli = parseFlags(raw, cwd);
  const fromFile = typeof config === 'string' ? readConfigFile(path.resolve(cwd, config)) : {};
  return mergeOptions(fromFile, cli);
}

/** Parses and plans: every option validated (router config, replay, hyperparameters) before any stage runs. */
export function parsePlan(argv: readonly string[]): RunPlan {
  return planRun(parseArgs(argv));
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'register') return registerMain(argv.slice(1));
  let plan: RunPlan;
  try {
    plan = parsePlan(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return fail(e, argv.includes('--verbose'));
  }
  const { options } = plan;
  const controller = new AbortController();
  const progress: RunProgress = { finished: [] };
  // First Ctrl-C: say what is being stopped and what is kept, then stop at the next check (the open
  // runs are marked FAILED, the lock released). A second one quits at once.
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    const doing = progress.current ? `'${progress.current.title}'` : 'between stages';
    process.stderr.write(messages.interrupting(doing, progress.finished, path.resolve(options.out)));
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const reporter = createReporter({ quiet: options.quiet || options.json });
    const result = await runPipeline(plan, { reporter, signal: controller.signal, progress, argv });
    printSummary(result, options);
    return EXIT.ok;
  } catch (e) {
    return fail(e, options.verbose);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `abt-pipeline register …`: a model trained elsewhere becomes a policy. */
async function registerMain(argv: readonly string[]): Promise<number> {
  try {
    const lines = await runRegisterCommand(argv, process.env.INIT_CWD ?? process.cwd());
    for (const line of lines) process.stdout.write(`${line}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return fail(e, argv.includes('--verbose'));
  }
}

/** One readable paragraph on stderr (stack only with --verbose); returns the exit code. */
function fail(e: unknown, verbose: boolean): number {
  const kind = exitKindOf(e);
  const label = { usage: 'usage error', data: 'data error', tracking: 'tracking/registry error', interrupted: 'interrupted', other: 'error' }[kind];
  const fsError = describeFsError(e) !== undefined;
  const message = describeFsError(e) ?? (e instanceof Error ? e.message : String(e));
  process.stderr.write(`abt-pipeline: ${label}: ${message}\n`);
  if (verbose && e instanceof Error && e.stack) {
    process.stderr.write(`${e.stack}\n`);
    // the error's causes too: a fit worker's failure carries the worker's own stack there
    for (let c = e.cause; c instanceof Error; c = c.cause) process.stderr.write(`caused by: ${c.stack ?? c.message}\n`);
  } else if (kind === 'other' && !fsError) process.stderr.write('(run with --verbose for the stack trace)\n');
  return EXIT[kind];
}

// A worker thread started from this bundle (parallel/fit-worker.ts, simulate/score-worker.ts) runs its jobs, never the CLI.
const isMain = isMainThread && (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.js'));
if (!runFitJobIfWorker() && !scoreBatchesIfWorker() && isMain) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
