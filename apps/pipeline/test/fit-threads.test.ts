import { describe, expect, it } from 'vitest';
import { createRng } from '@abt/data';
import { POLICY_A, POLICY_B, policyParams, trainPolicy, type FitData, type PolicySpec } from '../src/policies';
import { nextFit, threadsForNext } from '../src/parallel/fit-pool';

// The fit pool hands each fit a thread count; the model must not depend on it, and the parameter
// the user left at 0 (auto) must read 0 again afterwards (model JSON, LightGBM text, logged params).

function data(rows: number, cols: number, seed: number): FitData {
  const rng = createRng(seed);
  const X = new Float32Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += (X[i * cols + j] = rng() * (j + 1)) * (j % 2 ? 1 : -1);
    y[i] = s + rng() * cols > 0 ? 1 : 0;
  }
  const valid = { X: { rows: 200, cols, data: X.slice(0, 200 * cols) }, y: y.slice(0, 200) };
  return { X: { rows, cols, data: X }, y, featureNames: Array.from({ length: cols }, (_, j) => `f${j}`), valid };
}

const json = (spec: PolicySpec, params: Record<string, unknown>, fit: FitData, threads?: number) =>
  JSON.stringify(trainPolicy(spec, params, 'dense', fit, undefined, threads).model.toJSON());

describe('trainPolicy thread budget', () => {
  const fit = data(3000, 6, 7);
  for (const spec of [POLICY_A, POLICY_B]) {
    const params = policyParams(spec, spec.key === 'B' ? { num_iterations: 30, early_stopping_round: 5 } : { max_iter: 30 }, 42);
    it(`${spec.key}: the same model JSON for auto, 1 and 2 threads, num_threads still 0`, () => {
      const auto = json(spec, params, fit);
      expect(json(spec, params, fit, 1)).toBe(auto);
      expect(json(spec, params, fit, 2)).toBe(auto);
      expect(auto).toContain('"num_threads":0');
    });
    it(`${spec.key}: a num_threads the user set is kept`, () => {
      const trained = trainPolicy(spec, { ...params, num_threads: 1 }, 'dense', fit, undefined, 2).model;
      const est = ((trained as { finalEstimator?: unknown }).finalEstimator ?? trained) as { getParams(): { num_threads: number } };
      expect(est.getParams().num_threads).toBe(1);
    });
  }
});

describe('trainPolicy with overwriteX (the train stage on a large matrix)', () => {
  it('A: the same model JSON; the matrix then holds the float32 standardized design', () => {
    const fit = data(1 << 18, 64, 11); // 2^24 entries: designs the solver streams in float32
    const params = policyParams(POLICY_A, { max_iter: 3 }, 42);
    const copied = json(POLICY_A, params, fit, 1);
    const before = Float32Array.from(fit.X.data as Float32Array);
    expect(json(POLICY_A, params, { ...fit, overwriteX: true }, 1)).toBe(copied);
    expect(Buffer.from((fit.X.data as Float32Array).buffer).equals(Buffer.from(before.buffer))).toBe(false);
  });
});

describe('threadsForNext', () => {
  it('gives one thread while fits wait, and a final fit the idle cores', () => {
    expect(threadsForNext({ cores: 2, busy: 0, queued: 1, final: true })).toBe(1);
    expect(threadsForNext({ cores: 2, busy: 1, queued: 0, final: true })).toBe(1);
    expect(threadsForNext({ cores: 2, busy: 0, queued: 0, final: true })).toBe(2);
    expect(threadsForNext({ cores: 2, busy: 0, queued: 0, final: false })).toBe(1);
    expect(threadsForNext({ cores: 4, busy: 1, queued: 0, final: true })).toBe(3);
    expect(threadsForNext({ cores: 1, busy: 1, queued: 0, final: true })).toBe(1);
  });

  it('never asks for more threads than cores while fits run side by side', () => {
    // Replays a pool of `cores` workers over a queue: every start adds its threads, every end frees them.
    for (const cores of [1, 2, 3, 4]) {
      for (const jobs of [1, 2, 5, 10]) {
        const running: number[] = [];
        let queued = jobs;
        let peak = 0;
        while (queued > 0 || running.length > 0) {
          while (queued > 0 && running.length < cores) {
            queued--;
            running.push(threadsForNext({ cores, busy: running.reduce((a, b) => a + b, 0), queued, final: true }));
            peak = Math.max(
              peak,
              running.reduce((a, b) => a + b, 0),
            );
          }
          running.shift();
        }
        expect(peak, `${cores} cores, ${jobs} jobs`).toBeLessThanOrEqual(cores);
      }
    }
  });
});

describe('nextFit', () => {
  const fit = (policy: string) => ({ job: { policy } });
  it('takes the first queued fit of a policy no worker is fitting, else the first', () => {
    expect(nextFit([fit('A'), fit('B')], [])).toBe(0);
    expect(nextFit([fit('A'), fit('B')], [{ running: fit('A') }, {}])).toBe(1);
    expect(nextFit([fit('A'), fit('A'), fit('B')], [{ running: fit('A') }])).toBe(2);
    expect(nextFit([fit('A'), fit('A')], [{ running: fit('A') }])).toBe(0);
    expect(nextFit([fit('B'), fit('A')], [{ running: fit('A') }, { running: fit('B') }])).toBe(0);
  });
});
