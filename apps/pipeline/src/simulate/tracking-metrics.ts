import type { OnlineReadout } from './readout';

const finite = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => Number.isFinite(v)));

/**
 * The run's headline metrics: per-arm figures keyed by arm name (`users_PolicyA`, `conversion_rate_PolicyB`),
 * the primary metric's readout (`lift_rel`, `p_value`, `srm_p_value`, …) and secondary lifts prefixed by their
 * name (`hit_rate_lift_rel`). Non-finite values are left out (MLflow charts cannot draw them).
 */
export function onlineMetrics(r: OnlineReadout): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of r.arms) {
    out[`users_${a.arm}`] = a.users;
    out[`sessions_${a.arm}`] = a.sessions;
    out[`shown_${a.arm}`] = a.shown;
    out[`conversions_${a.arm}`] = a.conversions;
    out[`conversion_rate_${a.arm}`] = a.conversionRate;
    out[`converted_users_${a.arm}`] = a.convertedUsers;
    out[`hit_rate_${a.arm}`] = a.hitRate;
    out[`ndcg_${a.arm}`] = a.ndcg;
  }
  const { users_a: _ua, users_b: _ub, rate_a: _ra, rate_b: _rb, ...primary } = r.primary.metrics;
  Object.assign(out, primary);
  out.cuped_variance_reduction = r.cupedVarianceReduction;
  for (const [name, s] of Object.entries(r.secondary)) {
    out[`${name}_lift_rel`] = s.liftRel;
    out[`${name}_p_value`] = s.pValue;
  }
  out.cold_start_share = r.replay.coldStartShare;
  out.sessions = r.replay.sessions;
  out.replay_seconds = r.replay.seconds;
  return finite(out);
}

/** One metric-history point per checkpoint: cumulative per-arm figures and the sequential test at that look. */
export function checkpointSeries(r: OnlineReadout): { step: number; timestamp: number; metrics: Record<string, number> }[] {
  const seq = new Map(r.primary.sequential.points.map((p) => [String(p.at), p]));
  return r.checkpoints.map((c, i) => {
    const metrics: Record<string, number> = {};
    const users = c.arms.reduce((s, a) => s + a.users, 0);
    c.arms.forEach((a, k) => {
      const arm = r.arms[k]!.arm;
      metrics[`cum_users_${arm}`] = a.users;
      metrics[`cum_share_${arm}`] = users ? a.users / users : Number.NaN;
      metrics[`cum_conversion_rate_${arm}`] = a.shown ? a.conversions / a.shown : Number.NaN;
    });
    const p = seq.get(String(r.timelineLabels[i]));
    if (p) {
      metrics.cum_lift_abs = p.estimate;
      metrics.seq_ci_low = p.ciLow;
      metrics.seq_ci_high = p.ciHigh;
      metrics.seq_boundary = p.boundary;
      metrics.seq_p_value = p.pValue;
    }
    return { step: c.step, timestamp: Math.round(c.time * 1000), metrics: finite(metrics) };
  });
}

/** The readout as plain JSON: typed arrays (CUPED's adjusted values) dropped, NaN as null. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? undefined : v)));
}
