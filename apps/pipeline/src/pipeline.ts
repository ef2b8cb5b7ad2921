import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PipelineOptions } from './options';
import type { RunPlan } from './plan';
import type { Reporter } from './progress';
import type { RunProgress } from './stage';
import { runStages, type RunOutcome } from './runner';
import { allStages } from './stages/index';

export type PipelineResult = RunOutcome & { readonly out: string; readonly options: PipelineOptions };

/** Runs the pipeline with a validated plan (`planRun`); the CLI and tests both call this. */
export async function runPipeline(
  plan: RunPlan,
  env: { reporter: Reporter; signal: AbortSignal; progress?: RunProgress; argv?: readonly string[] },
): Promise<PipelineResult> {
  const out = path.resolve(plan.options.out);
  mkdirSync(out, { recursive: true });
  const outcome = await runStages(plan, allStages(), {
    out,
    report: env.reporter,
    signal: env.signal,
    ...(env.progress ? { progress: env.progress } : {}),
    ...(env.argv ? { argv: env.argv } : {}),
  });
  return { ...outcome, out, options: plan.options };
}
