import { checkArity, checkKeys, keysOf } from '../../check-args';
import type { Winner } from '../../compare/verdict';
import { DEFAULT_BURN_IN_PER_ARM } from '../../ab/sequential-test';
import { EvalError } from '../../errors';
import { messages } from '../../messages';
import { compareCvFolds } from './compare-cv-folds';
import type { OnlineEvidence, RolloutDecision, RolloutEvidence, RolloutOptions, SourceStance } from './types';

const m = messages.decision;
const EVIDENCE_KEYS = keysOf<RolloutEvidence>({ names: true, offline: true, cv: true, online: true });
const CV_KEYS = keysOf<NonNullable<RolloutEvidence['cv']>>({ a: true, b: true, metric: true });
const OPTION_KEYS = keysOf<RolloutOptions>({ minUsersPerArm: true });

/** A finite number, or NaN for anything else (JSON turns NaN into null). */
const fin = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/**
 * One verdict from the offline comparison, the CV and the online readout. Pure: same evidence, same decision.
 *
 * Precedence (the first step that applies decides):
 * 1. `srm` — the online assignment does not follow its weights: fix it; no number of that test can be trusted.
 * 2. `no-online-test` — no online readout: start the test (offline metrics score held-out ratings, not
 *    what users do when served, so they rank candidates but do not ship one).
 * 3. `not-enough-data` — fewer than `minUsersPerArm` users in an arm (default: the sequential test's burn-in,
 *    {@link DEFAULT_BURN_IN_PER_ARM}), or no finite lift / p-value.
 * 4. `sequential` — the always-valid (mSPRT) test rejected: ship the online winner, whatever offline says;
 *    stopping at any look is safe for this test (it may not reject before its burn-in, so never on fewer users
 *    per arm than step 3 asks for by default).
 * 5. Planned sample reached (users per arm ≥ the readout's required users for its planned MDE):
 *    `fixed-horizon` — the fixed-horizon test is significant: ship its winner;
 *    `no-difference-at-plan` — it is not: no online difference as large as the planned MDE, so offline breaks
 *    the tie: ship B only when the offline comparison and the CV both favour B significantly, else keep A (control).
 * 6. Planned sample not reached (or not plannable):
 *    `peeking` — the fixed-horizon p is below α but the always-valid test has not crossed its boundary:
 *    continue (stopping on a fixed-horizon p at an unplanned look inflates false positives);
 *    `underpowered` — continue, with the users still needed for the planned MDE.
 * CUPED-adjusted figures are a secondary analysis: they are reported (and flagged where their verdict differs
 * from the primary test's) but never decide.
 */
export function decideRollout(evidence: RolloutEvidence, options: RolloutOptions = {}): RolloutDecision {
  checkShape(evidence, options, arguments);
  const { minUsersPerArm = DEFAULT_BURN_IN_PER_ARM } = options;
  const names = evidence.names ?? (['A', 'B'] as const);
  const name = (w: 'A' | 'B') => (w === 'A' ? names[0] : names[1]);
  const offline = offlineStance(evidence, name);
  const cv = cvStance(evidence, name);
  const online = evidence.online ? onlineStance(evidence.online, name) : null;
  const sources = { offline, cv, online };
  const context = [offline && m.offlineSays(offline.summary), cv && m.cvSays(cv.summary)].filter((s): s is string => !!s);

  const o = evidence.online;
  if (!o || !online) {
    const lean = offline?.favors ?? null;
    return {
      action: 'start-test',
      policy: lean,
      rule: 'no-online-test',
      headline: m.headlineStartTest(),
      reasons: [m.noOnlineTest(lean && name(lean)), ...context],
      moreUsers: null,
      sources,
    };
  }
  const nA = fin(o.usersA);
  const nB = fin(o.usersB);
  const perArm = Math.min(nA, nB);
  if (o.srm?.mismatch) {
    return {
      action: 'fix-assignment',
      policy: null,
      rule: 'srm',
      headline: m.headlineSrm(),
      reasons: [m.srm(fin(o.srm.pValue), [nA, nB]), ...context],
      moreUsers: null,
      sources,
    };
  }
  const required = fin(o.requiredUsersPerArm);
  const plan = moreUsersFor(o, required);
  const disagreement = offline?.favors && online.leans && offline.favors !== online.leans ? [m.disagree(name(offline.favors), name(online.leans))] : [];
  const cuped = cupedNote(o);
  if (!(perArm >= minUsersPerArm) || !Number.isFinite(fin(o.liftRel)) || !Number.isFinite(fin(o.pValue))) {
    return {
      action: 'continue',
      policy: null,
      rule: 'not-enough-data',
      headline: m.headlineNotEnoughData(),
      reasons: [m.notEnoughData(nA, nB, minUsersPerArm), ...planLine(plan), ...context],
      moreUsers: plan,
      sources,
    };
  }
  const direction = leansOf(o);
  if (o.sequential?.rejected && direction) {
    return {
      action: 'ship',
      policy: direction,
      rule: 'sequential',
      headline: m.headlineShip(name(direction)),
      reasons: [m.sequentialWin(name(direction), online.summary), ...disagreement, ...cuped, ...context],
      moreUsers: null,
      sources,
    };
  }
  const reached = Number.isFinite(required) && perArm >= required;
  if (reached && o.winner) {
    return {
      action: 'ship',
      policy: o.winner,
      rule: 'fixed-horizon',
      headline: m.headlineShip(name(o.winner)),
      reasons: [m.fixedHorizonWin(name(o.winner), online.summary, required), ...disagreement, ...cuped, ...context],
      moreUsers: null,
      sources,
    };
  }
  if (reached) {
    const tieBreak: 'A' | 'B' = offline?.favors === 'B' && cv?.favors === 'B' ? 'B' : 'A';
    const why = tieBreak === 'B' ? m.tieBreakB(name('B')) : m.tieBreakA(name('A'));
    return {
      action: 'ship',
      policy: tieBreak,
      rule: 'no-difference-at-plan',
      headline: tieBreak === 'A' ? m.headlineKeep(name('A')) : m.headlineShip(name('B')),
      reasons: [m.noDifferenceAtPlan(online.summary, fin(o.plannedMdeRel), required), why, ...cuped, ...context],
      moreUsers: null,
      sources,
    };
  }
  if (fin(o.pValue) < fin(o.alpha)) {
    return {
      action: 'continue',
      policy: direction,
      rule: 'peeking',
      headline: m.headlinePeeking(),
      reasons: [m.peeking(online.summary, fin(o.alpha)), ...planLine(plan), ...disagreement, ...cuped, ...context],
      moreUsers: plan,
      sources,
    };
  }
  return {
    action: 'continue',
    policy: direction,
    rule: 'underpowered',
    headline: m.headlineContinue(),
    reasons: [m.underpowered(online.summary, fin(o.mdeRel)), ...planLine(plan), ...disagreement, ...cuped, ...context],
    moreUsers: plan,
    sources,
  };
}

function checkShape(evidence: unknown, options: RolloutOptions, args: IArguments): void {
  const where = 'decideRollout';
  checkArity(where, args, ['evidence', 'options']);
  // The evidence is required: checkKeys lets `undefined` through (no options), so refuse it here.
  if (evidence === undefined) throw new EvalError('INVALID_OPTION', messages.notAnObject(where, 'evidence', evidence));
  checkKeys(where, 'evidence', evidence, EVIDENCE_KEYS);
  checkKeys(where, 'evidence.cv', (evidence as RolloutEvidence).cv, CV_KEYS);
  checkKeys(where, 'options', options, OPTION_KEYS);
  const min = options.minUsersPerArm;
  if (min !== undefined && !(Number.isInteger(min) && min >= 2))
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'minUsersPerArm', min, 'an integer ≥ 2'));
}

/** The policy the online point estimate favours, by the metric's direction; a significant winner decides. */
function leansOf(o: OnlineEvidence): Winner {
  if (o.winner) return o.winner;
  const lift = fin(o.liftRel);
  if (!Number.isFinite(lift) || lift === 0) return null;
  return lift > 0 === (o.higherIsBetter ?? true) ? 'B' : 'A';
}

function onlineStance(o: OnlineEvidence, name: (w: 'A' | 'B') => string): SourceStance {
  const leans = leansOf(o);
  const favors = o.srm?.mismatch ? null : o.sequential?.rejected ? leans : o.winner;
  return {
    favors: favors ?? null,
    leans,
    summary: m.onlineSummary({
      metric: o.metric,
      liftRel: fin(o.liftRel),
      ci: [fin(o.liftRelCi?.[0]), fin(o.liftRelCi?.[1])],
      pValue: fin(o.pValue),
      sequentialP: fin(o.sequential?.pValue),
      // P(B > A) is "B is better" only when a larger value is better.
      chanceB: (o.higherIsBetter ?? true) ? fin(o.bayes?.chanceToBeatControl) : 1 - fin(o.bayes?.chanceToBeatControl),
      nameB: name('B'),
    }),
  };
}

function offlineStance(e: RolloutEvidence, name: (w: 'A' | 'B') => string): SourceStance | null {
  const rows = e.offline?.rows ?? [];
  if (rows.length === 0) return null;
  const wins = (w: 'A' | 'B') => rows.filter((r) => r.verdict.winner === w);
  const a = wins('A');
  const b = wins('B');
  const favors: Winner = a.length > 0 && b.length === 0 ? 'A' : b.length > 0 && a.length === 0 ? 'B' : null;
  const first = rows[0]!;
  const firstBetter = first.higherIsBetter ? first.diff.estimate > 0 : first.diff.estimate < 0;
  const leans: Winner = favors ?? (a.length || b.length ? null : first.diff.estimate === 0 ? null : firstBetter ? 'B' : 'A');
  const maxP = (rs: readonly { pValue: number }[]) => Math.max(...rs.map((r) => fin(r.pValue)));
  let summary: string;
  if (favors) {
    const won = favors === 'A' ? a : b;
    summary = m.offlineWins(
      name(favors),
      won.length,
      rows.length,
      won.map((r) => r.label),
      maxP(won),
    );
  } else if (a.length && b.length) {
    summary = m.offlineMixed(
      name('A'),
      a.map((r) => r.label),
      name('B'),
      b.map((r) => r.label),
    );
  } else {
    summary = m.offlineNone(rows.length, fin(e.offline!.alpha));
  }
  return { favors, leans, summary };
}

function cvStance(e: RolloutEvidence, name: (w: 'A' | 'B') => string): (SourceStance & { comparison: NonNullable<ReturnType<typeof compareCvFolds>> }) | null {
  if (!e.cv) return null;
  const rows = e.offline?.rows ?? [];
  const metric = e.cv.metric ?? rows.find((r) => r.metric in e.cv!.a.mean)?.metric ?? Object.keys(e.cv.a.mean)[0];
  if (metric === undefined) return null;
  const row = rows.find((r) => r.metric === metric);
  const higherIsBetter = row?.higherIsBetter ?? !/loss|brier|error/i.test(metric);
  const comparison = compareCvFolds(e.cv.a, e.cv.b, metric, { higherIsBetter, alpha: e.offline?.alpha ?? 0.05 });
  if (!comparison) return null;
  const d = comparison.meanDiff;
  const leans: Winner = d === 0 ? null : (higherIsBetter ? d > 0 : d < 0) ? 'B' : 'A';
  const ahead = leans ?? 'B';
  const summary = m.cvSummary({
    ahead: name(ahead),
    by: Math.abs(d),
    metric: row?.label ?? metric,
    folds: ahead === 'B' ? comparison.foldsBBetter : comparison.folds - comparison.foldsBBetter - comparison.foldDiffs.filter((x) => x === 0).length,
    k: comparison.folds,
    pValue: comparison.pValue,
    tie: leans === null,
  });
  return { favors: comparison.winner, leans, summary, comparison };
}

/** Users still needed for the planned MDE: per arm (the smaller arm) and in total at the planned shares. */
function moreUsersFor(o: OnlineEvidence, required: number): RolloutDecision['moreUsers'] {
  const nA = fin(o.usersA);
  const nB = fin(o.usersB);
  if (!Number.isFinite(required) || !Number.isFinite(nA) || !Number.isFinite(nB)) return null;
  const expected = o.srm?.expected?.map(fin);
  const total = expected && expected.length === 2 && expected.every((x) => x > 0) ? expected[0]! + expected[1]! : nA + nB;
  const shares = expected && expected.length === 2 && expected.every((x) => x > 0) ? [expected[0]! / total, expected[1]! / total] : [0.5, 0.5];
  // Enough users in total that the smaller planned share reaches `required`.
  const needTotal = Math.ceil(required / Math.min(shares[0]!, shares[1]!));
  const more = Math.max(0, needTotal - (nA + nB));
  return { total: more, perArm: Math.max(0, Math.ceil(required - Math.min(nA, nB))), requiredPerArm: Math.ceil(required), forMdeRel: fin(o.plannedMdeRel) };
}

function planLine(plan: RolloutDecision['moreUsers']): string[] {
  return [plan ? m.moreUsers(plan.total, plan.perArm, plan.requiredPerArm, plan.forMdeRel) : m.cannotPlan()];
}

function cupedNote(o: OnlineEvidence): string[] {
  if (!o.cuped) return [];
  const p = fin(o.cuped.pValue);
  const significant = p < fin(o.alpha);
  const primary = fin(o.pValue) < fin(o.alpha);
  return Number.isFinite(p) && significant !== primary ? [m.cupedDiffers(fin(o.cuped.liftRel), p, significant)] : [];
}
