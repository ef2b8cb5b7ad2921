import { describe, expect, it } from 'vitest';
import {
  analyzeExperiment,
  analyzeExperimentFromSums,
  createRng,
  cuped,
  cupedFromSums,
  messages,
  momentsFromSums,
  sumArm,
  summarizeArm,
  type AbReadout,
  type ArmInput,
  type TimelinePoint,
} from '../index';

/** Every number in `b` equals the one at the same path in `a` to `tol` (relative above 1, absolute below). */
function expectClose(a: unknown, b: unknown, tol: number, path = 'readout'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || !Number.isFinite(a)) return void expect(b, path).toBe(a);
    expect(Math.abs(a - b) / Math.max(1, Math.abs(a)), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (ArrayBuffer.isView(a)) return;
  if (a && typeof a === 'object') {
    expect(b && typeof b === 'object', path).toBeTruthy();
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}

function arms(seed: number, kind: 'proportion' | 'mean' | 'ratio', covariate: boolean, nA: number, nB: number) {
  const rng = createRng(seed);
  const arm = (n: number, lift: number): ArmInput => {
    const values = new Float64Array(n);
    const den = new Float64Array(n);
    const cov = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      cov[i] = Math.floor(rng() * 30);
      den[i] = 1 + Math.floor(rng() * 8);
      const p = (0.05 + cov[i]! * 0.01) * (1 + lift);
      if (kind === 'proportion') values[i] = rng() < p ? 1 : 0;
      else if (kind === 'mean') values[i] = rng() * 3 + cov[i]! * 0.1 * (1 + lift) + (rng() < 0.1 ? 20 * rng() : 0);
      else for (let k = 0; k < den[i]!; k++) values[i]! += rng() < p ? 1 : 0;
    }
    return { values, ...(kind === 'ratio' ? { denominators: den } : {}), ...(covariate ? { covariate: cov } : {}) };
  };
  return { a: arm(nA, 0), b: arm(nB, 0.06) };
}

const sums = (x: ArmInput) =>
  sumArm(x.values, { ...(x.denominators ? { denominators: x.denominators } : {}), ...(x.covariate ? { covariate: x.covariate } : {}) });

describe('analyzeExperimentFromSums equals analyzeExperiment on the same units', () => {
  for (const kind of ['proportion', 'mean', 'ratio'] as const) {
    for (const covariate of [false, true]) {
      it(`${kind}${covariate ? ' with CUPED' : ''}, with a timeline of 6 looks (1e-9)`, () => {
        const { a, b } = arms(kind.length * 7 + (covariate ? 1 : 0), kind, covariate, 3_001, 2_950);
        const looks = 6;
        const cut = (x: ArmInput, k: number) => {
          const n = Math.round((x.values.length * k) / looks);
          const sl = (v: ArrayLike<number> | undefined) => (v ? Array.prototype.slice.call(v, 0, n) : undefined);
          return {
            values: sl(x.values)!,
            ...(x.denominators ? { denominators: sl(x.denominators) } : {}),
            ...(x.covariate ? { covariate: sl(x.covariate) } : {}),
          } as ArmInput;
        };
        const timeline: TimelinePoint[] = [];
        const sumsTimeline = [];
        for (let k = 1; k <= looks; k++) {
          const ca = cut(a, k);
          const cb = cut(b, k);
          timeline.push({ at: `day ${k}`, a: summarizeArm(ca.values, ca.denominators), b: summarizeArm(cb.values, cb.denominators) });
          sumsTimeline.push({ at: `day ${k}`, a: sums(ca), b: sums(cb) });
        }
        const options = { alpha: 0.05, tuningN: 6000, mdeRel: 0.04 };
        const perUnit = analyzeExperiment({ metric: 'm', a, b, weights: [0.5, 0.5], timeline }, options);
        const fromSums = analyzeExperimentFromSums({ metric: 'm', a: sums(a), b: sums(b), weights: [0.5, 0.5], timeline: sumsTimeline }, options);
        expect(fromSums.kind).toBe(kind);
        expect(fromSums.cuped !== undefined).toBe(covariate);
        expectClose(perUnit, fromSums, 1e-9);
        // The texts carry rounded figures: identical.
        expect(fromSums.verdict).toBe(perUnit.verdict);
        expect(fromSums.notes).toEqual(perUnit.notes);
      });
    }
  }

  it('cupedFromSums gives cuped()’s θ, correlation, variance reduction and adjusted moments', () => {
    const { a, b } = arms(3, 'mean', true, 800, 900);
    const perUnit = cuped(a.values, a.covariate!, b.values, b.covariate!);
    const s = cupedFromSums(sums(a), sums(b));
    expectClose(
      { theta: perUnit.theta, covariateMean: perUnit.covariateMean, correlation: perUnit.correlation, varianceReduction: perUnit.varianceReduction },
      { theta: s.theta, covariateMean: s.covariateMean, correlation: s.correlation, varianceReduction: s.varianceReduction },
      1e-9,
    );
    expectClose(summarizeArm(perUnit.adjustedA), s.adjustedA, 1e-9);
    expectClose(summarizeArm(perUnit.adjustedB), s.adjustedB, 1e-9);
  });

  it('momentsFromSums equals summarizeArm', () => {
    const { a } = arms(4, 'ratio', false, 500, 10);
    expectClose(summarizeArm(a.values, a.denominators), momentsFromSums(sums(a)), 1e-12);
  });

  it('a mean metric whose values happen to be 0/1 is a proportion in both (binary flag from the sums)', () => {
    const { a, b } = arms(5, 'proportion', false, 400, 400);
    const r: AbReadout = analyzeExperimentFromSums({ a: sums(a), b: sums(b) });
    expect(r.kind).toBe('proportion');
    expectClose(analyzeExperiment({ a, b }), r, 1e-9);
  });
});

describe('analyzeExperimentFromSums input checks', () => {
  const ok = { n: 10, sum: 4, sumSq: 4, binary: true };
  it('names bad sums, unknown keys and surplus arguments', () => {
    expect(() => analyzeExperimentFromSums({ a: { ...ok, n: 2.5 }, b: ok })).toThrowError(messages.ab.badSums('analyzeExperimentFromSums', 'a', 'n', 2.5));
    expect(() => analyzeExperimentFromSums({ a: ok, b: { ...ok, sumSq: Number.NaN } })).toThrowError(
      messages.ab.badSums('analyzeExperimentFromSums', 'b', 'sumSq', Number.NaN),
    );
    expect(() => analyzeExperimentFromSums({ a: { ...ok, sum: 11 }, b: ok })).toThrowError(
      messages.ab.badSums('analyzeExperimentFromSums', 'a', 'sum (binary)', 11),
    );
    expect(() => analyzeExperimentFromSums({ a: { ...ok, mean: 3 } as never, b: ok })).toThrowError(
      messages.unknownKey('analyzeExperimentFromSums', 'input.a', 'mean', ['n', 'sum', 'sumSq', 'binary', 'den', 'cov']),
    );
    expect(() => analyzeExperimentFromSums({ a: ok, b: ok }, { alpah: 0.1 } as never)).toThrowError(/options.*unknown key "alpah"/);
    expect(() => analyzeExperimentFromSums({ a: ok, b: ok, extra: 1 } as never)).toThrowError(/input.*unknown key "extra"/);
    expect(() => (analyzeExperimentFromSums as (...x: unknown[]) => unknown)({ a: ok, b: ok }, {}, 3)).toThrowError(
      messages.surplusArgument('analyzeExperimentFromSums', 3, ['input', 'options']),
    );
    expect(() => analyzeExperimentFromSums({ a: { ...ok, n: 1, sum: 1, sumSq: 1 }, b: ok })).toThrowError(
      messages.ab.tooFewUsers('analyzeExperimentFromSums', 'A', 1, 2),
    );
    expect(() => sumArm([1, 2], { weights: [1, 1] } as never)).toThrowError(messages.unknownKey('sumArm', 'extra', 'weights', ['denominators', 'covariate']));
  });
});
