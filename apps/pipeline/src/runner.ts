import { performance } from 'node:perf_hooks';
import { STAGES, type StageName } from './options';
import type { RunPlan } from './plan';
import type { Reporter } from './progress';
import { PipelineState, hashInputs } from './state';
import { upstream, type Stage, type StageContext } from './stage';
import { PipelineError } from './errors';
import { messages } from './messages';

/** Wall seconds, and CPU seconds of the whole process (all threads) for stages that ran. */
export type StageTiming = { stage: StageName; seconds: number; cpuSeconds?: number; skipped: boolean };

export type RunOutcome = {
  readonly state: PipelineState;
  readonly timings: readonly StageTiming[];
};

/**
 * Runs the selected stages in pipeline order. A stage whose inputs (its options plus the
 * records of the stages it needs) hash to what it last ran with, and whose outputs all exist,
 * is skipped unless `force`. State is written after each stage, so an interrupted run resumes.
 */
export async function runStages(
  plan: RunPlan,
  stages: ReadonlyMap<StageName, Stage>,
  env: { out: string; report: Reporter; signal: AbortSignal },
): Promise<RunOutcome> {
  const { options } = plan;
  const state = new PipelineState(env.out);
  const ctx: StageContext = { options, plan, out: env.out, report: env.report, state, signal: env.signal, memo: new Map() };
  const timings: StageTiming[] = [];
  for (const name of STAGES.filter((s) => options.steps.includes(s))) {
    const stage = stages.get(name);
    if (!stage) throw new PipelineError('usage', messages.stageUnavailable(name));
    if (env.signal.aborted) break;
    const deps = stage.needs.map((n) => {
      const rec = upstream(ctx, n, name);
      return { stage: n, inputsHash: rec.inputsHash, finishedAt: rec.finishedAt };
    });
    const inputsHash = hashInputs({ stage: name, deps, inputs: stage.inputs(ctx) });
    if (!options.force && state.isCurrent(name, inputsHash)) {
      env.report.stageEnd(stage.title, 0, true);
      timings.push({ stage: name, seconds: 0, skipped: true });
      continue;
    }
    env.report.stageStart(stage.title);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await stage.run(ctx);
    const seconds = (performance.now() - t0) / 1000;
    // Whole-process CPU (every thread): on a shared machine it tells load from work.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (env.signal.aborted) throw new PipelineError('interrupted', messages.interruptedDuring(name));
    state.set(name, { inputsHash, outputs: result.outputs, finishedAt: new Date().toISOString(), seconds, summary: result.summary });
    env.report.stageEnd(stage.title, seconds, false);
    timings.push({ stage: name, seconds, cpuSeconds, skipped: false });
  }
  return { state, timings };
}
