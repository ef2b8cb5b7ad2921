import type { PipelineOptions, StageName } from './options';
import type { RunPlan } from './plan';
import type { Invocation } from './out-lock';
import type { Reporter } from './progress';
import type { PipelineState, StageRecord } from './state';
import { PipelineError } from './errors';
import { messages } from './messages';

/** What every stage gets. */
export type StageContext = {
  readonly options: PipelineOptions;
  /** What the options imply (router config, replay settings, hyperparameters), validated before any stage ran. */
  readonly plan: RunPlan;
  /** Absolute output directory. */
  readonly out: string;
  readonly report: Reporter;
  readonly state: PipelineState;
  /** Aborted on Ctrl-C: long loops check it and stop. */
  readonly signal: AbortSignal;
  /** In-process values stages share within one invocation (loaded tables, models), keyed by producer. */
  readonly memo: Map<string, unknown>;
  /** This invocation (its id tags every MLflow run; it holds the lock on `out`). */
  readonly invocation: Invocation;
  /** Where the run is: the stage running now and the stages finished (Ctrl-C says both). */
  readonly progress: RunProgress;
};

export type RunProgress = {
  current?: { readonly name: StageName; readonly title: string; readonly startedAt: number };
  readonly finished: StageName[];
};

type StageResult = {
  /** Files the stage wrote, relative to `out`: the stage is current only while they all exist. */
  readonly outputs: readonly string[];
  readonly summary: Record<string, unknown>;
};

/** One pipeline stage: the upstream stages it reads, what decides freshness, and the work. */
export type Stage = {
  readonly name: StageName;
  readonly title: string;
  readonly needs: readonly StageName[];
  /** Inputs besides the upstream stages (options, file fingerprints) that decide whether outputs are current. */
  inputs(ctx: StageContext): unknown;
  run(ctx: StageContext): Promise<StageResult>;
};

/** The record of an upstream stage, or a clear error saying which step to run first. */
export function upstream(ctx: StageContext, stage: StageName, by: StageName): StageRecord {
  const rec = ctx.state.get(stage);
  if (!rec) {
    throw new PipelineError('usage', messages.upstreamMissing(stage, by, ctx.out));
  }
  return rec;
}

/** Memoizes a value for the rest of this invocation (e.g. the loaded split). */
export async function memo<T>(ctx: StageContext, key: string, make: () => T | Promise<T>): Promise<T> {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = await make();
  ctx.memo.set(key, value);
  return value;
}
