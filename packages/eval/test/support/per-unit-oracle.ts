// An independent per-unit computation of the warehouse analysis, in plain TypeScript on the raw NDJSON lines:
// first exposure per unit, metric values per unit within their windows, caps, covariates, values as of
// each day. The readout from these per-unit arrays (analyzeExperiment, not the sums) is what the SQL must match.
import { analyzeExperiment, type AbReadout, type ArmInput, type TimelinePoint, summarizeArm } from '../../src/index';
import type { Measure, MetricSpec, MetricsSpec } from '../../src/sql/index';

type Exposure = { unit: string; t: number; arm: string; inExperiment: boolean; dims: Record<string, string | null>; experiment: unknown };
type Event = { unit: string; t: number; event: string; value: number | null };
type Unit = { unit: string; t0: number; arm: string; dims: Record<string, string | null> };

const DAY = 86_400;
const day = (t: number) => Math.floor(t / DAY);

/** numpy's default (linear) percentile, the same as SQL's percentile_cont. */
function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

export function perUnitReadouts(
  spec: MetricsSpec,
  exposureLines: readonly string[],
  eventLines: readonly string[],
  options: { asOfEnd?: number } = {},
): { overall: Record<string, AbReadout | undefined>; slices: Record<string, Record<string, AbReadout | undefined>>; units: [number, number] } {
  const end = options.asOfEnd ?? Infinity;
  const [armA, armB] = spec.experiment.arms;
  const exps: Exposure[] = exposureLines.map((l) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    return {
      unit: String(o.userId),
      t: Date.parse(o.time as string) / 1000,
      arm: String(o.arm),
      inExperiment: o.inExperiment !== false,
      experiment: o.experiment,
      dims: Object.fromEntries(spec.dimensions.map((d) => [d, o[d] === undefined || o[d] === null ? null : String(o[d])])),
    };
  });
  const ok = exps.filter(
    (e) => (spec.experiment.key === null || e.experiment === spec.experiment.key) && e.inExperiment && (e.arm === armA || e.arm === armB) && e.t < end,
  );
  const byUnit = new Map<string, Exposure[]>();
  for (const e of ok) (byUnit.get(e.unit) ?? byUnit.set(e.unit, []).get(e.unit)!).push(e);
  const units = new Map<string, Unit>();
  for (const [unit, list] of byUnit) {
    if (new Set(list.map((e) => e.arm)).size > 1) continue;
    const t0 = Math.min(...list.map((e) => e.t));
    const tied = list.filter((e) => e.t === t0);
    // Each dimension's smallest value among the lines at the first exposure time.
    const dims = Object.fromEntries(
      spec.dimensions.map((d) => [
        d,
        tied
          .map((e) => e.dims[d])
          .filter((v): v is string => v !== null)
          .sort()[0] ?? null,
      ]),
    );
    units.set(unit, { unit, t0, arm: list[0]!.arm, dims });
  }
  const names = new Set(spec.metrics.flatMap((m) => [...m.measure.events, ...(m.denominator?.events ?? []), ...(m.cuped?.measure.events ?? [])]));
  const events: Event[] = eventLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((o) => ({
      unit: String(o.userId),
      t: Date.parse(o.time as string) / 1000,
      event: String(o.event),
      value: typeof o.value === 'number' ? o.value : null,
    }))
    .filter((e) => names.has(e.event) && units.has(e.unit) && e.t < end);
  const evByUnit = new Map<string, Event[]>();
  for (const e of events) (evByUnit.get(e.unit) ?? evByUnit.set(e.unit, []).get(e.unit)!).push(e);

  // Looks: every day with an exposure line of the experiment, or a post-exposure event of an analysed unit.
  const daySet = new Set<number>();
  for (const e of exps) if ((spec.experiment.key === null || e.experiment === spec.experiment.key) && e.t < end) daySet.add(day(e.t));
  for (const e of events) if (e.t >= units.get(e.unit)!.t0) daySet.add(day(e.t));
  const days = [...daySet].sort((a, b) => a - b);

  const agg = (m: Measure, evs: readonly Event[]) =>
    evs.filter((e) => m.events.includes(e.event)).reduce((s, e) => s + (m.aggregate === 'sum' ? (e.value ?? 0) : 1), 0);
  /** Per-unit (value, denominator, present) of a metric as of the end of day `d` (uncapped). */
  const valueOf = (m: MetricSpec, u: Unit, d: number) => {
    const evs = (evByUnit.get(u.unit) ?? []).filter((e) => e.t >= u.t0 && (m.windowSeconds === null || e.t < u.t0 + m.windowSeconds) && day(e.t) <= d);
    const y = agg(m.measure, evs);
    if (m.type === 'binomial') return { y: y > 0 ? 1 : 0, present: true, x: 0 };
    if (m.type === 'mean') {
      const k = evs.filter((e) => m.measure.events.includes(e.event) && e.value !== null).length;
      return { y: k > 0 ? y / k : 0, present: k > 0, x: 0 };
    }
    return { y, present: true, x: m.denominator ? agg(m.denominator, evs) : 0 };
  };
  const covOf = (m: MetricSpec, u: Unit) => {
    const c = m.cuped!;
    return agg(
      c.measure,
      (evByUnit.get(u.unit) ?? []).filter((e) => e.t < u.t0 && (c.lookbackSeconds === null || e.t >= u.t0 - c.lookbackSeconds)),
    );
  };
  const lastDay = days[days.length - 1]!;
  const caps = new Map<string, number>();
  for (const m of spec.metrics) {
    if (!m.cap) continue;
    if ('value' in m.cap) caps.set(m.name, m.cap.value);
    else
      caps.set(
        m.name,
        percentile(
          [...units.values()]
            .map((u) => valueOf(m, u, lastDay))
            .filter((v) => v.present)
            .map((v) => v.y),
          m.cap.quantile,
        ),
      );
  }

  const analyzeUnits = (subset: readonly Unit[]): Record<string, AbReadout | undefined> => {
    const arm = (a: string, d: number, m: MetricSpec): ArmInput => {
      const us = subset.filter((u) => u.arm === a && day(u.t0) <= d);
      const vals = us.map((u) => ({ u, v: valueOf(m, u, d) })).filter((x) => x.v.present);
      const cap = caps.get(m.name) ?? Infinity;
      return {
        values: vals.map((x) => Math.min(x.v.y, cap)),
        ...(m.denominator ? { denominators: vals.map((x) => x.v.x) } : {}),
        ...(m.cuped ? { covariate: vals.map((x) => covOf(m, x.u)) } : {}),
      };
    };
    const exposed = (a: string, d: number) => subset.filter((u) => u.arm === a && day(u.t0) <= d).length;
    const n = exposed(armA, lastDay) + exposed(armB, lastDay);
    const out: Record<string, AbReadout | undefined> = {};
    for (const m of spec.metrics.filter((x) => x.test)) {
      const timeline: TimelinePoint[] = days
        .filter((d) => exposed(armA, d) > 1 && exposed(armB, d) > 1)
        .map((d) => {
          const a = arm(armA, d, m);
          const b = arm(armB, d, m);
          return {
            at: new Date(d * DAY * 1000).toISOString().slice(0, 10),
            a: summarizeArm(a.values, a.denominators),
            b: summarizeArm(b.values, b.denominators),
          };
        });
      try {
        out[m.name] = analyzeExperiment(
          { metric: m.label, a: arm(armA, lastDay, m), b: arm(armB, lastDay, m), weights: spec.experiment.weights, ...(timeline.length ? { timeline } : {}) },
          {
            alpha: spec.analysis.alpha,
            power: spec.analysis.power,
            mdeRel: spec.analysis.mdeRel,
            srmThreshold: spec.analysis.srmThreshold,
            tuningN: spec.analysis.tuningN ?? Math.max(n, 2),
            burnInPerArm: spec.analysis.burnInPerArm,
            higherIsBetter: m.higherIsBetter,
          },
        );
      } catch {
        out[m.name] = undefined;
      }
    }
    return out;
  };
  const all = [...units.values()];
  const slices: Record<string, Record<string, AbReadout | undefined>> = {};
  for (const d of spec.dimensions) {
    for (const level of new Set(all.map((u) => u.dims[d] ?? '(null)')))
      slices[`${d}=${level}`] = analyzeUnits(all.filter((u) => (u.dims[d] ?? '(null)') === level));
  }
  return { overall: analyzeUnits(all), slices, units: [all.filter((u) => u.arm === armA).length, all.filter((u) => u.arm === armB).length] };
}
