#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT, exitKindOf } from '../errors';
import { messages } from '../messages';
import { createReporter } from '../progress';
import { parseAnalyzeArgs, type AnalyzeOptions } from './options';
import { runAnalyze } from './run-analyze';

/** `abt-analyze`: exit code 0 ok, 2 usage/metrics file, 3 data/database, 4 tracking, 1 other, 130 interrupted. */
export async function analyzeMain(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  let options: AnalyzeOptions;
  try {
    options = parseAnalyzeArgs(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : fail(e, false);
    }
    return fail(e, false);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const reporter = createReporter({ quiet: options.quiet || options.json });
    const result = await runAnalyze(options, { reporter, signal: controller.signal });
    if (result.kind === 'sql') {
      out(`${result.sql}\n`);
      if (options.engine === 'spark' && !options.showSql && !options.quiet) {
        process.stderr.write(messages.analyze.sparkNext());
      }
    } else if (options.json) out(`${JSON.stringify(result.json, null, 2)}\n`);
    else if (!options.quiet) out(`${result.lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (e) {
    return fail(e, options.verbose, controller.signal.aborted);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function fail(e: unknown, verbose: boolean, interrupted = false): number {
  const kind = interrupted ? 'interrupted' : exitKindOf(e);
  const label = { usage: 'usage error', data: 'data error', tracking: 'tracking error', interrupted: 'interrupted', other: 'error' }[kind];
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`abt-analyze: ${label}: ${message}\n`);
  if (verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else if (kind === 'other') process.stderr.write('(run with --verbose for the stack trace)\n');
  return EXIT[kind];
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/analyze.js');
if (isMain) {
  analyzeMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
