import { describe, expect, it } from 'vitest';
import {
  messages,
  analyzeExperiment,
  createRng,
  meanTest,
  onlineAbSection,
  proportionTest,
  ratioMetricTest,
  renderSvg,
  summarizeArm,
  type TimelinePoint,
} from '../index';

/** Synthetic experiment: per-user conversion, impressions/clicks, NDCG-like score and a pre-period covariate. */
function synth(seed: number, nA: number, nB: number, liftB = 0) {
  const rng = createRng(seed);
  const arm = (n: number, lift: number) => {
    const activity = new Float64Array(n);
    const conv = new Float64Array(n);
    const imp = new Float64Array(n);
    const clicks = new Float64Array(n);
    const ndcg = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      activity[i] = Math.floor(rng() * 40);
      const p = Math.min(0.95, 0.05 + activity[i]! * 0.01) * (1 + lift);
      conv[i] = rng() < p ? 1 : 0;
      imp[i] = 1 + Math.floor(rng() * 10);
      for (let k = 0; k < imp[i]!; k++) if (rng() < 0.1 * (1 + lift)) clicks[i]!++;
      ndcg[i] = Math.min(1, rng() * 0.6 + activity[i]! * 0.005) * (1 + lift);
    }
    return { activity, conv, imp, clicks, ndcg };
  };
  return { a: arm(nA, 0), b: arm(nB, liftB) };
}

function timelineOf(a: ArrayLike<number>, b: ArrayLike<number>, looks: number): TimelinePoint[] {
  const out: TimelinePoint[] = [];
  for (let k = 1; k <= looks; k++) {
    const ca = Math.round((a.length * k) / looks);
    const cb = Math.round((b.length * k) / looks);
    out.push({ at: k, a: summarizeArm(Array.prototype.slice.call(a, 0, ca)), b: summarizeArm(Array.prototype.slice.call(b, 0, cb)) });
  }
  return out;
}

describe('analyzeExperiment', () => {
  const { a, b } = synth(5, 20_000, 20_000, 0.08);

  it('a 0/1 metric is a proportion readout that agrees with proportionTest and logs the pipeline keys', () => {
    const r = analyzeExperiment({
      metric: 'conversion',
      a: { values: a.conv, covariate: a.activity },
      b: { values: b.conv, covariate: b.activity },
      timeline: timelineOf(a.conv, b.conv, 10),
    });
    const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    const t = proportionTest({ successesA: sum(a.conv), nA: a.conv.length, successesB: sum(b.conv), nB: b.conv.length });
    expect(r.kind).toBe('proportion');
    expect(r.pValue).toBe(t.pValue);
    expect(r.liftRelCi).toEqual(t.liftRelCi);
    for (const k of [
      'users_a',
      'users_b',
      'rate_a',
      'rate_b',
      'lift_abs',
      'lift_rel',
      'lift_rel_ci_low',
      'lift_rel_ci_high',
      'p_value',
      'srm_p_value',
      'cuped_variance_reduction',
      'mde_rel',
      'required_users_per_arm',
      'sequential_p_value',
      'chance_to_beat_control',
      'expected_loss_a',
      'expected_loss_b',
    ]) {
      expect(Number.isFinite(r.metrics[k]), k).toBe(true);
    }
    expect(r.winner).toBe('B');
    expect(r.verdict).toMatch(/^B wins on conversion/);
    expect(r.sequential.points).toHaveLength(10);
    expect(r.sequential.rejected).toBe(true);
    // The covariate drives conversion: CUPED removes about ρ² of the variance, and a clear share of it.
    expect(r.cuped!.varianceReduction).toBeGreaterThan(0.05);
    expect(Math.abs(r.cuped!.varianceReduction - r.cuped!.correlation ** 2)).toBeLessThan(0.01);
    expect(r.cuped!.pValue).toBeLessThan(r.pValue);
    expect(r.bayes.chanceToBeatControl).toBeGreaterThan(0.99);
  });

  it('picks Welch for continuous metrics and the delta method for ratios', () => {
    const m = analyzeExperiment({ metric: 'ndcg@10', a: { values: a.ndcg }, b: { values: b.ndcg } });
    expect(m.kind).toBe('mean');
    expect(m.pValue).toBe(meanTest(a.ndcg, b.ndcg).pValue);
    const r = analyzeExperiment({ metric: 'ctr', a: { values: a.clicks, denominators: a.imp }, b: { values: b.clicks, denominators: b.imp } });
    expect(r.kind).toBe('ratio');
    expect(r.pValue).toBe(ratioMetricTest({ numeratorA: a.clicks, denominatorA: a.imp, numeratorB: b.clicks, denominatorB: b.imp }).pValue);
    expect(r.cuped).toBeUndefined();
  });

  it('applies CUPED to ratio metrics through the delta-method linearization', () => {
    // Clicks follow the covariate, so the linearized ratio correlates with it.
    const rng = createRng(44);
    const mk = (n: number, lift: number) => {
      const cov = new Float64Array(n);
      const imp = new Float64Array(n);
      const clicks = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        cov[i] = rng() * 30;
        imp[i] = 1 + Math.floor(rng() * 10);
        for (let k = 0; k < imp[i]!; k++) if (rng() < (0.02 + cov[i]! * 0.006) * (1 + lift)) clicks[i]!++;
      }
      return { values: clicks, denominators: imp, covariate: cov };
    };
    const a = mk(15_000, 0);
    const b = mk(15_000, 0.03);
    const r = analyzeExperiment({ metric: 'ctr', a, b });
    expect(r.kind).toBe('ratio');
    const c = r.cuped!;
    expect(c.varianceReduction).toBeGreaterThan(0.08);
    expect(Math.abs(c.varianceReduction - c.correlation ** 2)).toBeLessThan(0.01);
    // The adjusted CI is narrower by about sqrt(1 − reduction) and the estimate stays close to the raw one.
    const width = (ci: readonly [number, number]) => ci[1] - ci[0];
    expect(Math.abs(width(c.liftAbsCi) / width(r.liftAbsCi) - Math.sqrt(1 - c.varianceReduction))).toBeLessThan(0.01);
    expect(Math.abs(c.liftAbs - r.liftAbs)).toBeLessThan(width(r.liftAbsCi) / 4);
    expect(r.metrics.cuped_variance_reduction).toBe(c.varianceReduction);
  });

  it('an SRM overrides the verdict; no effect gives "no significant difference" with the MDE', () => {
    const s = synth(9, 52_000, 48_000, 0);
    const srm = analyzeExperiment({ a: { values: s.a.conv }, b: { values: s.b.conv } });
    expect(srm.srm.mismatch).toBe(true);
    expect(srm.winner).toBeNull();
    expect(srm.verdict).toMatch(/^Sample ratio mismatch/);
    const aa = synth(10, 10_000, 10_000, 0);
    const none = analyzeExperiment({ a: { values: aa.a.conv }, b: { values: aa.b.conv } });
    expect(none.srm.mismatch).toBe(false);
    expect(none.significant).toBe(none.pValue < 0.05);
    if (!none.significant) expect(none.verdict).toMatch(/^No significant difference/);
    expect(none.mdeRel).toBeGreaterThan(0);
    expect(none.requiredUsersPerArm).toBeGreaterThan(0);
  });
});

describe('analyzeExperiment input checks', () => {
  it('names the problem: too few users, unusable timeline, misaligned covariate', () => {
    expect(() => analyzeExperiment({ a: { values: [1] }, b: { values: [0, 1] } })).toThrowError(messages.ab.tooFewUsers('analyzeExperiment', 'A', 1, 2));
    const one = summarizeArm([1]);
    expect(() => analyzeExperiment({ a: { values: [0, 1, 1] }, b: { values: [0, 1, 0] }, timeline: [{ at: 1, a: one, b: one }] })).toThrowError(
      messages.ab.noUsableLook('analyzeExperiment', 1),
    );
    expect(() => analyzeExperiment({ a: { values: [0, 1, 1], covariate: [1, 2] }, b: { values: [0, 1, 0], covariate: [1, 2, 3] } })).toThrow(
      /a\.values has 3 rows but a\.covariate has 2/,
    );
  });
});

describe('onlineAbSection', () => {
  it('produces the report section with three charts that compile and render with their titles', async () => {
    const { a, b } = synth(21, 6_000, 6_000, 0.05);
    const timeline = timelineOf(a.conv, b.conv, 8);
    const primary = analyzeExperiment({ metric: 'conversion', a: { values: a.conv }, b: { values: b.conv }, timeline });
    const ndcg = analyzeExperiment({ metric: 'ndcg@10', a: { values: a.ndcg }, b: { values: b.ndcg } });
    const section = onlineAbSection([primary, ndcg], timeline, { names: ['A · LogReg', 'B · GBDT'] });
    expect(section.version).toBe(1);
    expect(section.metrics).toHaveLength(2);
    expect(section.metrics![0]!.diff).toBe(primary.liftRel);
    expect(section.summary).toBe(primary.verdict);
    expect(Object.keys(section.charts!).sort()).toEqual(['ab_assignment_share', 'ab_cumulative_lift', 'ab_metric_by_arm']);
    for (const [name, spec] of Object.entries(section.charts!)) {
      const svg = await renderSvg(spec);
      expect(svg, name).toContain('<svg');
      const title = typeof spec.title === 'string' ? spec.title : spec.title!.text;
      expect(svg, name).toContain(title.split(':')[0]!.replace(/&/g, '&amp;'));
    }
    // Each row carries its readout's checks (the report renders them as a table, not as notes).
    expect(section.metrics!.map((m) => m.readout?.metric)).toEqual(['conversion', 'ndcg@10']);
    expect(section.metrics![0]!.readout).toMatchObject({
      srm: { pValue: primary.srm.pValue },
      sequential: { pValue: primary.sequential.pValue },
      requiredUsersPerArm: primary.requiredUsersPerArm,
    });
    expect(section.names).toEqual(['A · LogReg', 'B · GBDT']);
    expect(JSON.stringify(section)).not.toContain('"points"');
  });
});

describe('tiny experiments', () => {
  it('never print NaN in the verdict or the notes (5 users per arm, no conversions in A)', () => {
    const r = analyzeExperiment({ metric: 'conversion', a: { values: [0, 0, 0, 0, 0] }, b: { values: [0, 1, 0, 0, 1] } });
    for (const text of [r.verdict, ...r.notes]) expect(text).not.toMatch(/NaN/);
  });

  it("are within the sequential test's burn-in: reported, never rejected, and said so", () => {
    const a = { values: [0, 0, 0, 0, 0, 0, 0, 0] };
    const b = { values: [1, 1, 1, 1, 1, 1, 1, 0] };
    const r = analyzeExperiment({ metric: 'conversion', a, b });
    expect(r.sequential.burnInPerArm).toBe(30);
    expect(r.sequential.points[0]).toMatchObject({ burnIn: true, pValue: 1, rejected: false, boundary: Infinity });
    expect(r.metrics.sequential_p_value).toBe(1);
    expect(r.notes).toContain(messages.ab.noteSequential(false, 1, 1, -1, 0.05, { perArm: 30, looks: 1 }));
    // Without a burn-in the same look is tested (on the variance under H0: 8 vs 1 of 8 is a real difference).
    const none = analyzeExperiment({ metric: 'conversion', a, b }, { burnInPerArm: 0 });
    expect(none.sequential.points[0]!.burnIn).toBe(false);
    expect(none.sequential.pValue).toBeLessThan(1);
    expect(() => analyzeExperiment({ a, b }, { burnInPerArm: -1 })).toThrowError(messages.invalidOption('sequentialTest', 'burnInPerArm', -1, 'a number ≥ 0'));
  });

  it('the lift chart leaves the burn-in looks without a confidence sequence and still renders', async () => {
    const { a, b } = synth(31, 400, 400, 0);
    const timeline = [10, 20, 40, 100, 200, 400].map((n) => ({ at: n, a: summarizeArm(a.conv.slice(0, n)), b: summarizeArm(b.conv.slice(0, n)) }));
    const r = analyzeExperiment({ metric: 'conversion', a: { values: a.conv }, b: { values: b.conv }, timeline });
    expect(r.sequential.points.map((p) => p.burnIn)).toEqual([true, true, false, false, false, false]);
    const section = onlineAbSection(r, timeline);
    const values = (section.charts!.ab_cumulative_lift as unknown as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values[0]).toMatchObject({ csLow: null, csHigh: null, boundUp: null, boundLow: null });
    expect(Number.isFinite(values[2]!.csLow)).toBe(true);
    expect(await renderSvg(section.charts!.ab_cumulative_lift!)).toContain('<svg');
  });
});
