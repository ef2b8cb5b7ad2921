import type { OnlineReadout } from './readout';

// A tiny arm leaves rates and p-values undefined: say so, never `NaN %`.
const pct = (x: number, d = 2) => (Number.isFinite(x) ? `${(x * 100).toFixed(d)} %` : 'undefined');
const signed = (x: number, d = 2) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${pct(x, d)}` : 'undefined');
const p = (x: number) => (!Number.isFinite(x) ? 'undefined' : x < 1e-4 ? '< 0.0001' : x.toFixed(4));

/** The online readout for the CLI's final summary: users, rates, lift with CI, p-values, SRM, verdict. */
export function readoutLines(r: OnlineReadout): string[] {
  const pr = r.primary;
  const s = r.settings;
  const how = s.mode === 'topk' ? `top-${s.k} of the user's test movies + ${s.negatives} unseen` : `impressions at score ≥ ${s.threshold}`;
  const seq = pr.sequential;
  return [
    `online A/B (replay, ${how}): ${r.replay.sessions.toLocaleString('en')} sessions, ${r.replay.users.toLocaleString('en')} users, ${r.replay.start.slice(0, 10)} → ${r.replay.end.slice(0, 10)}, replayed in ${r.replay.seconds.toFixed(1)} s${r.replay.threads > 1 ? ` on ${r.replay.threads} threads` : ''}`,
    `  ${r.arms.map((a) => `${a.arm}: ${a.users.toLocaleString('en')} users, conversion ${pct(a.conversionRate)} (${a.conversions.toLocaleString('en')}/${a.shown.toLocaleString('en')})`).join('  |  ')}`,
    `  lift (B vs A) ${signed(pr.liftRel)} [${signed(pr.liftRelCi[0])}, ${signed(pr.liftRelCi[1])}], p = ${p(pr.pValue)}; sequential (mSPRT) p = ${p(seq.pValue)}${seq.rejected ? ', boundary crossed' : ''}`,
    `  SRM p = ${p(pr.srm.pValue)} (${pr.srm.mismatch ? 'MISMATCH' : 'ok'}); CUPED on train activity removes ${pct(r.cupedVarianceReduction, 1)} of the variance — cold start (no train ratings): ${pct(r.replay.coldStartShare, 0)} of test users, ${pct(r.replay.coldStartRatingShare, 0)} of test ratings`,
    `  verdict: ${pr.verdict}`,
  ];
}
