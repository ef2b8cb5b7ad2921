/**
 * A gradient job's rows, on whichever thread takes them: through the WebAssembly training kernel
 * when the objective has one and the scores, labels, gradients and hessians are all in the
 * kernel's memory, else the objective's JS loop. Both give the same floats.
 */
import type { Objective } from '../objective';
import { kernelOf } from './histogram-kernel';
import type { TrainingMemory } from './training-memory';

/** grad / hess of rows [from, to) from `scores` (one of `mem.scores`). */
export function gradientRange(mem: TrainingMemory, objective: Objective, scores: Float64Array, from: number, to: number): void {
  const k = mem.scoresInWasm && objective.kernelGradients ? kernelOf(mem) : null;
  if (k) objective.kernelGradients!(k, scores, mem.labels, mem.grad, mem.hess, from, to);
  else objective.gradients(scores, mem.labels, mem.grad, mem.hess, from, to);
}
