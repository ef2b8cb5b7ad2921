import { STAGES } from './options';
import type { PipelineOptions } from './options';
import type { PipelineResult } from './pipeline';

/** Lines a stage wants in the final summary live in its record's `summary.lines`. */
function headlines(result: PipelineResult): string[] {
  return STAGES.flatMap((s) => {
    const lines = result.state.get(s)?.summary.lines;
    return Array.isArray(lines) ? lines.map(String) : [];
  });
}

function timingTable(result: PipelineResult): string {
  const rows = result.timings.map((t) => [
    t.stage,
    t.skipped ? 'skipped (current)' : `${t.seconds.toFixed(2)} s${t.peakRssMb === undefined ? '' : `, peak RSS ${t.peakRssMb} MB`}`,
  ]);
  const total = result.timings.reduce((a, t) => a + t.seconds, 0);
  rows.push(['total', `${total.toFixed(2)} s`]);
  const w = Math.max(...rows.map((r) => r[0]!.length));
  return rows.map(([a, b]) => `  ${a!.padEnd(w)}  ${b}`).join('\n');
}

/** The machine-readable summary `--json` prints. */
function jsonSummary(result: PipelineResult): Record<string, unknown> {
  return {
    out: result.out,
    timings: result.timings,
    stages: Object.fromEntries(STAGES.map((s) => [s, result.state.get(s)?.summary]).filter(([, v]) => v !== undefined)),
  };
}

export function printSummary(result: PipelineResult, options: PipelineOptions): void {
  const out = process.stdout;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(result), null, 2)}\n`);
    return;
  }
  if (options.quiet) {
    // Quiet still says where the result is.
    const report = options.steps.includes('report') ? result.state.get('report')?.summary.file : undefined;
    if (typeof report === 'string') out.write(`${report}\n`);
    return;
  }
  out.write(`\nStage timings\n${timingTable(result)}\n`);
  const lines = headlines(result);
  if (lines.length > 0) out.write(`\nSummary\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  out.write(`\nOutputs in ${result.out}\n`);
}
