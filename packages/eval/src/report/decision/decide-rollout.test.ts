import { describe, expect, it } from 'vitest';
import {
  analyzeExperiment,
  compareAB,
  createRng,
  decideRollout,
  EvalError,
  messages,
  type CrossValidateResult,
  type OnlineEvidence,
  type RolloutEvidence,
} from '../../index';
import { compareCvFolds } from './compare-cv-folds';

// Per-fold ROC-AUC of the ml-100k pipeline's CV_5fold (seed 42, train split, 64,000 / 16,000 rows per fold).
const FOLDS_A = [0.7795266261445447, 0.7820857011696786, 0.7828477150721239, 0.7790535273595994, 0.7760177066935046];
const FOLDS_B = [0.7807620574627847, 0.7851461989689081, 0.7827969157056074, 0.7801880939105114, 0.7770576135390709];
const cvOf = (aucs: readonly number[]): CrossValidateResult => ({
  folds: aucs.map((auc, fold) => ({ fold, nTrain: 64_000, nTest: 16_000, metrics: { auc } })),
  mean: { auc: aucs.reduce((s, x) => s + x, 0) / aucs.length },
  std: { auc: 0 },
});

const row = (metric: string, label: string, higherIsBetter: boolean, diff: number, pValue: number, winner: 'A' | 'B' | null) => ({
  metric,
  label,
  higherIsBetter,
  a: { estimate: 0.7, ciLow: 0.69, ciHigh: 0.71 },
  b: { estimate: 0.7 + diff, ciLow: 0.69 + diff, ciHigh: 0.71 + diff },
  diff: { estimate: diff, ciLow: diff - 0.003, ciHigh: diff + 0.003 },
  pValue,
  method: 'paired-bootstrap' as const,
  verdict: { winner, text: winner ? `${winner} better` : 'no significant difference at α = 0.05' },
});

/** ml-100k today: offline A better on all four metrics, CV B ahead by 0.0013, online +14.6 % with p = 0.47. */
const offlineA = {
  alpha: 0.05,
  rows: [
    row('auc', 'ROC-AUC', true, -0.0068, 6.5e-6, 'A'),
    row('pr_auc', 'PR-AUC (AP)', true, -0.0061, 5e-5, 'A'),
    row('logloss', 'Log loss', false, 0.0052, 1e-5, 'A'),
    row('brier', 'Brier', false, 0.0021, 2e-5, 'A'),
  ],
};
const onlineMl100k: OnlineEvidence = {
  metric: 'conversion rate',
  kind: 'ratio',
  alpha: 0.05,
  usersA: 84,
  usersB: 82,
  rateA: 0.2455,
  rateB: 0.2814,
  liftRel: 0.1464,
  liftRelCi: [-0.2681, 0.5609],
  pValue: 0.4665,
  winner: null,
  srm: { mismatch: false, pValue: 0.8766, expected: [83, 83] },
  sequential: { rejected: false, pValue: 0.9354 },
  bayes: { chanceToBeatControl: 0.767 },
  mdeRel: 0.5654,
  requiredUsersPerArm: 10_488,
  plannedMdeRel: 0.05,
  cuped: { liftRel: 0.1798, liftRelCi: [-0.19, 0.55], pValue: 0.3425 },
};
const ml100k: RolloutEvidence = { names: ['Policy A', 'Policy B'], offline: offlineA, cv: { a: cvOf(FOLDS_A), b: cvOf(FOLDS_B) }, online: onlineMl100k };
const allText = (d: ReturnType<typeof decideRollout>) =>
  [d.headline, ...d.reasons, d.sources.offline?.summary, d.sources.cv?.summary, d.sources.online?.summary].join('\n');

describe('compareCvFolds', () => {
  it('gives the corrected resampled t-test of scipy on the ml-100k folds', () => {
    // Expected values: numpy 2 / scipy 1.17.1 — d = b − a; t = mean(d) / sqrt((1/5 + 16000/64000) · var(d, ddof=1)); p = 2·t.sf(|t|, 4).
    const c = compareCvFolds(cvOf(FOLDS_A), cvOf(FOLDS_B), 'auc', { higherIsBetter: true, alpha: 0.05 })!;
    expect(c.meanDiff).toBeCloseTo(0.001283920629486257, 15);
    expect(c.t).toBeCloseTo(1.7081566318708625, 12);
    expect(c.pValue).toBeCloseTo(0.16279182869621558, 12);
    expect(c.foldsBBetter).toBe(4);
    expect(c.winner).toBeNull();
  });

  it('reads a lower-is-better metric the right way round and refuses unpaired folds', () => {
    const loss = (xs: number[]): CrossValidateResult => ({
      folds: xs.map((logloss, fold) => ({ fold, nTrain: 80, nTest: 20, metrics: { logloss } })),
      mean: {},
      std: {},
    });
    const c = compareCvFolds(loss([0.5, 0.52, 0.51]), loss([0.4, 0.43, 0.4]), 'logloss', { higherIsBetter: false, alpha: 0.05 })!;
    expect(c.foldsBBetter).toBe(3);
    expect(c.winner).toBe('B');
    expect(compareCvFolds(loss([0.5, 0.52]), loss([0.4, 0.43, 0.4]), 'logloss', { higherIsBetter: false, alpha: 0.05 })).toBeUndefined();
  });
});

describe('decideRollout', () => {
  it('on ml-100k today: continue the test, with the users it needs, and says why offline does not decide', () => {
    const d = decideRollout(ml100k);
    expect(d.action).toBe('continue');
    expect(d.rule).toBe('underpowered');
    expect(d.policy).toBe('B');
    expect(d.headline).toBe(messages.decision.headlineContinue());
    // 10,488 per arm at the planned 50 / 50 shares: 82 → 10,488 in the smaller arm, 2 · 10,488 − 166 in all.
    expect(d.moreUsers).toEqual({ total: 20_810, perArm: 10_406, requiredPerArm: 10_488, forMdeRel: 0.05 });
    expect(d.sources.offline).toMatchObject({ favors: 'A', summary: 'Policy A better on all 4 metrics (p < 0.0001)' });
    expect(d.sources.cv?.favors).toBeNull();
    expect(d.sources.cv?.summary).toMatch(/^Policy B ahead by 0\.0013 in mean ROC-AUC \(better in 4 of 5 folds; corrected resampled t-test p = 0\.1628\)$/);
    expect(d.sources.online?.summary).toBe(
      'conversion rate +14.6 % (B vs A) [-26.8 %, +56.1 %], p = 0.4665; always-valid p = 0.9354; 77 % chance Policy B is better',
    );
    expect(d.reasons[0]).toBe(messages.decision.underpowered(d.sources.online!.summary, 0.5654));
    expect(d.reasons).toContain(messages.decision.moreUsers(20_810, 10_406, 10_488, 0.05));
    expect(d.reasons).toContain(messages.decision.disagree('Policy A', 'Policy B'));
    expect(allText(d)).not.toMatch(/NaN|undefined|null/);
  });

  it('says "not enough data", never NaN, with 5 users per arm (a real readout, and after a JSON round trip)', () => {
    // No conversion in A: the relative lift, the MDE and the plan are undefined (they printed "NaN %").
    const readout = analyzeExperiment({ metric: 'conversion', a: { values: [0, 0, 0, 0, 0] }, b: { values: [0, 1, 0, 0, 1] } });
    expect(readout.mdeRel).toBeNaN();
    for (const online of [readout, JSON.parse(JSON.stringify(readout)) as OnlineEvidence]) {
      const d = decideRollout({ offline: offlineA, online });
      expect(d.rule).toBe('not-enough-data');
      expect(d.action).toBe('continue');
      expect(allText(d)).toContain('not enough data');
      expect(allText(d)).not.toMatch(/NaN/);
    }
    // The readout's own texts, shown in the online section, say it too.
    expect([readout.verdict, ...readout.notes].join('\n')).not.toMatch(/NaN/);
    expect(readout.verdict).toContain('relative lift: not enough data');
  });

  it('refuses to decide on a sample ratio mismatch, even with a significant winner', () => {
    const d = decideRollout({
      ...ml100k,
      online: { ...onlineMl100k, winner: 'B', pValue: 1e-6, srm: { mismatch: true, pValue: 1e-9 }, sequential: { rejected: true, pValue: 1e-5 } },
    });
    expect(d).toMatchObject({ action: 'fix-assignment', rule: 'srm', policy: null });
  });

  it('ships the online winner once the always-valid test rejects, whatever offline says', () => {
    const d = decideRollout({ ...ml100k, online: { ...onlineMl100k, sequential: { rejected: true, pValue: 0.01 }, pValue: 0.004 } });
    expect(d).toMatchObject({ action: 'ship', rule: 'sequential', policy: 'B', headline: 'Ship Policy B', moreUsers: null });
    expect(d.reasons).toContain(messages.decision.disagree('Policy A', 'Policy B'));
  });

  it('at the planned sample: ships a fixed-horizon winner; without one, offline and CV break the tie only together', () => {
    const reached = { ...onlineMl100k, usersA: 11_000, usersB: 10_990 };
    expect(decideRollout({ ...ml100k, online: { ...reached, winner: 'A', liftRel: -0.06, pValue: 0.01 } })).toMatchObject({
      action: 'ship',
      rule: 'fixed-horizon',
      policy: 'A',
    });
    const keep = decideRollout({ ...ml100k, online: reached });
    expect(keep).toMatchObject({ action: 'ship', rule: 'no-difference-at-plan', policy: 'A', headline: 'Keep Policy A: no online difference' });
    const offlineB = { alpha: 0.05, rows: offlineA.rows.map((r) => ({ ...r, verdict: { winner: 'B' as const, text: 'B better' } })) };
    // Offline B but CV not significant: keep A.
    expect(decideRollout({ ...ml100k, offline: offlineB, online: reached }).policy).toBe('A');
    const cvB = { a: cvOf(FOLDS_A), b: cvOf(FOLDS_A.map((x, i) => x + 0.003 + 0.0001 * i)) };
    expect(decideRollout({ ...ml100k, offline: offlineB, cv: cvB, online: reached })).toMatchObject({
      action: 'ship',
      policy: 'B',
      rule: 'no-difference-at-plan',
    });
  });

  it('does not stop on a fixed-horizon p at an unplanned look (peeking)', () => {
    const d = decideRollout({ ...ml100k, online: { ...onlineMl100k, pValue: 0.03, liftRel: 0.3, liftRelCi: [0.03, 0.57] } });
    expect(d).toMatchObject({ action: 'continue', rule: 'peeking', policy: 'B' });
    expect(d.moreUsers?.perArm).toBe(10_406);
  });

  it('without an online readout: start the test, leaning to the offline winner', () => {
    expect(decideRollout({ names: ['Policy A', 'Policy B'], offline: offlineA })).toMatchObject({ action: 'start-test', rule: 'no-online-test', policy: 'A' });
    expect(decideRollout({}).sources).toEqual({ offline: null, cv: null, online: null });
  });

  it('flags CUPED as secondary where its verdict differs from the primary test', () => {
    const d = decideRollout({ ...ml100k, online: { ...onlineMl100k, cuped: { liftRel: 0.3, liftRelCi: [0.01, 0.6], pValue: 0.04 } } });
    expect(d.rule).toBe('underpowered');
    expect(d.reasons).toContain(messages.decision.cupedDiffers(0.3, 0.04, true));
    expect(decideRollout(ml100k).reasons.some((r) => r.includes('CUPED'))).toBe(false);
  });

  it('takes a real compareAB result and AbReadout as they are', () => {
    const rng = createRng(1);
    const labels = Array.from({ length: 400 }, () => (rng() < 0.5 ? 1 : 0));
    const a = labels.map((y) => 0.5 + (y - 0.5) * 0.4 * rng());
    const b = labels.map(() => rng());
    const offline = compareAB(labels, a, b, { nResamples: 50 });
    const online = analyzeExperiment({ a: { values: labels.slice(0, 200) }, b: { values: labels.slice(200) } });
    const d = decideRollout({ offline, online });
    expect(d.sources.offline?.favors).toBe('A');
    expect(['continue', 'ship']).toContain(d.action);
  });

  it('refuses keys and arguments it does not read, naming them', () => {
    expect(() => decideRollout({ offline: offlineA, onlne: onlineMl100k } as never)).toThrow(
      messages.unknownKey('decideRollout', 'evidence', 'onlne', ['names', 'offline', 'cv', 'online']),
    );
    expect(() => decideRollout({ ...ml100k, cv: { ...ml100k.cv!, metrc: 'auc' } } as never)).toThrow(
      messages.unknownKey('decideRollout', 'evidence.cv', 'metrc', ['a', 'b', 'metric']),
    );
    expect(() => decideRollout(ml100k, { minUsers: 3 } as never)).toThrow(messages.unknownKey('decideRollout', 'options', 'minUsers', ['minUsersPerArm']));
    expect(() => (decideRollout as (...a: unknown[]) => unknown)(ml100k, {}, 'x')).toThrow(
      messages.surplusArgument('decideRollout', 3, ['evidence', 'options']),
    );
    expect(() => decideRollout(ml100k, { minUsersPerArm: 1 })).toThrow(/minUsersPerArm/);
    let thrown: unknown;
    try {
      decideRollout(null as never);
    } catch (e) {
      thrown = e;
    }
    expect(EvalError.isInstance(thrown) && thrown.code).toBe('INVALID_OPTION');
  });

  it('is deterministic: the same evidence gives the same decision', () => {
    expect(JSON.stringify(decideRollout(ml100k))).toBe(JSON.stringify(decideRollout(JSON.parse(JSON.stringify(ml100k)) as RolloutEvidence)));
  });
});
