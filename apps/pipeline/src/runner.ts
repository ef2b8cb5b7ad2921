import { performance } from 'node:perf_hooks';
import { STAGES, type StageName } from './options';
import type { RunPlan } from './plan';
import type { Reporter } from './progress';
import { PipelineState, hashInputs } from './state';
import { upstream, type RunProgress, type Stage, type StageContext } from './stage';
import { PipelineError } from './errors';
import { messages } from './messages';
import { lockOut } from './out-lock';
import { closeTracking, openTracking } from './tracking';
import { releaseFeatures } from './features';
import { StageMemory } from './stage-memory';

/**
 * Wall seconds, and for stages that ran the CPU seconds and the peak resident memory (MB) of the
 * whole process (all threads).
 */
type StageTiming = { stage: StageName; seconds: number; cpuSeconds?: number; peakRssMb?: number; skipped: boolean };

export type RunOutcome = {
  readonly state: PipelineState;
  readonly timings: readonly StageTiming[];
};

/**
 * Runs the selected stages in pipeline order. A stage whose inputs (its options plus the
 * records of the stages it needs) hash to what it last ran with, and whose outputs all exist,
 * is skipped unless `force`. State is written after each stage, so an interrupted run resumes.
 * The output directory is locked for the whole run; the MLflow parent run ends with its outcome.
 */
export async function runStages(
  plan: RunPlan,
  stages: ReadonlyMap<StageName, Stage>,
  env: { out: string; report: Reporter; signal: AbortSignal; progress?: RunProgress; argv?: readonly string[] },
): Promise<RunOutcome> {
  const { options } = plan;
  const invocation = lockOut(env.out, env.argv ?? []);
  if (invocation.tookOver) env.report.warn(messages.staleLock(invocation.tookOver.pid, invocation.tookOver.startedAt));
  const progress: RunProgress = env.progress ?? { finished: [] };
  const state = new PipelineState(env.out);
  const ctx: StageContext = { options, plan, out: env.out, report: env.report, state, signal: env.signal, memo: new Map(), invocation, progress };
  const timings: StageTiming[] = [];
  let status: 'FINISHED' | 'FAILED' = 'FAILED';
  const memory = new StageMemory();
  try {
    // Opened up front: runs a killed invocation left RUNNING are closed even when every stage is current,
    // and a tracking store that cannot be reached fails before minutes of work.
    await openTracking(ctx);
    const selected = STAGES.filter((s) => options.steps.includes(s));
    for (const [at, name] of selected.entries()) {
      releaseFeatures(ctx, selected.slice(at));
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
      progress.current = { name, title: stage.title, startedAt: Date.now() };
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      memory.start();
      const result = await stage.run(ctx);
      const seconds = (performance.now() - t0) / 1000;
      // Whole-process CPU (every thread): on a shared machine it tells load from work.
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const peakRssMb = memory.end();
      if (env.signal.aborted) throw new PipelineError('interrupted', messages.interruptedDuring(name));
      state.set(name, { inputsHash, outputs: result.outputs, finishedAt: new Date().toISOString(), seconds, summary: result.summary });
      progress.current = undefined;
      progress.finished.push(name);
      env.report.stageEnd(stage.title, seconds, false);
      timings.push({ stage: name, seconds, cpuSeconds, ...(peakRssMb === undefined ? {} : { peakRssMb }), skipped: false });
    }
    if (env.signal.aborted) throw new PipelineError('interrupted', 'interrupted between stages; rerun to resume');
    status = 'FINISHED';
    return { state, timings };
  } finally {
    await memory.close();
    await closeTracking(ctx, status).catch(() => {});
    invocation.release();
  }
}
