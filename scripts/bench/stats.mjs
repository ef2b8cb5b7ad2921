// Figures of `pnpm bench`: summaries of repeated runs, goals, formatting and the comparison of two
// result files. Pure functions (no I/O), shared by the harness the bench scripts import and by
// scripts/bench.mjs, and unit-tested in stats.test.mjs.

/** Median (mean of the middle two for an even count), min and max of finite run values. */
export function summarize(values) {
  const runs = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (runs.length === 0) return { median: null, min: null, max: null, runs: [] };
  const s = [...runs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs };
}

const OPS = { '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b };
const PRETTY = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/**
 * A goal as the bench scripts write it: `{ ratio: '<= 1.0' }` (abt median / reference median),
 * `{ abt: '< 60' }` (abt's median, in the figure's unit), both (all must hold), `{ text: '…' }`
 * (printed, not checked) or 'none'. Anything else is an error naming the figure: a goal that
 * cannot be read must not print as met.
 */
export function parseGoal(goal, figureName, unit = '') {
  if (goal === 'none') return { text: 'none stated', conditions: [] };
  if (goal === null || typeof goal !== 'object') throw new Error(`bench figure '${figureName}': goal must be an object or 'none', got ${JSON.stringify(goal)}`);
  const conditions = [];
  for (const [on, spec] of Object.entries(goal)) {
    if (on === 'text') continue;
    if (on !== 'ratio' && on !== 'abt') throw new Error(`bench figure '${figureName}': unknown goal key '${on}' (ratio, abt, text)`);
    const m = /^\s*(<=|>=|<|>|≤|≥)\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(String(spec));
    if (!m) throw new Error(`bench figure '${figureName}': goal ${on} '${spec}' is not '<op> <number>'`);
    const op = m[1] === '≤' ? '<=' : m[1] === '≥' ? '>=' : m[1];
    conditions.push({ on, op, value: Number(m[2]) });
  }
  if (conditions.length === 0 && typeof goal.text !== 'string') throw new Error(`bench figure '${figureName}': goal has no condition and no text`);
  const text = [
    goal.text,
    ...conditions.map(
      (c) => `${c.on === 'ratio' ? 'ratio' : 'abt'} ${PRETTY[c.op]} ${formatNumber(c.value)}${c.on === 'ratio' ? '×' : unit ? ` ${unit}` : ''}`,
    ),
  ]
    .filter(Boolean)
    .join('; ');
  return { text, conditions };
}

/** true / false when every condition could be checked, null when there is none or a value is missing. */
export function goalMet(goal, abtMedian, ratio) {
  if (goal.conditions.length === 0) return null;
  let met = true;
  for (const c of goal.conditions) {
    const x = c.on === 'ratio' ? ratio : abtMedian;
    if (x === null || x === undefined || !Number.isFinite(x)) return null;
    met &&= OPS[c.op](x, c.value);
  }
  return met;
}

/** Units where a larger number is better (rates); times, sizes and ratios of them are better smaller. */
export function higherIsBetter(unit) {
  return /\/s$/.test(unit);
}

/** The record one figure becomes in the results file. */
export function makeFigure({ bench, name, unit, abt, ref, goal, better, detail }) {
  if (typeof name !== 'string' || name === '') throw new Error('bench figure: name is required');
  if (typeof unit !== 'string') throw new Error(`bench figure '${name}': unit is required`);
  const a = summarize(abt);
  const r = ref ? { name: ref.name, ...summarize(ref.values) } : null;
  const ratio = r && a.median !== null && r.median ? a.median / r.median : null;
  const g = parseGoal(goal, name, unit);
  return {
    bench,
    name,
    unit,
    better: better ?? (higherIsBetter(unit) ? 'higher' : 'lower'),
    abt: a,
    reference: r,
    ratio,
    goal: g.text,
    goalConditions: g.conditions,
    met: goalMet(g, a.median, ratio),
    ...(detail ? { detail } : {}),
  };
}

/** 3 significant digits, thousands grouped: 0.000123, 1.23, 39.3, 181, 30,512. */
export function formatNumber(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(a)));
  return x.toFixed(Math.min(digits, 6));
}

const spread = (s, unit) =>
  s.runs.length > 1 ? `${formatNumber(s.median)} ${unit} [${formatNumber(s.min)}–${formatNumber(s.max)}]` : `${formatNumber(s.median)} ${unit}`;

/** One printed row: name, abt median [min–max], reference likewise, ratio, goal and verdict, change. */
export function formatFigure(f, previous) {
  const parts = [`${f.name}: abt ${spread(f.abt, f.unit)}`];
  if (f.reference) parts.push(`${f.reference.name} ${spread(f.reference, f.unit)}`, `ratio ${formatNumber(f.ratio)}×`);
  const verdict = f.met === true ? 'met' : f.met === false ? 'NOT met' : f.goalConditions.length ? 'not checked' : '';
  parts.push(`goal ${f.goal}${verdict ? `: ${verdict}` : ''}`);
  if (previous) parts.push(describeChange(f, previous));
  return `${parts.join(' | ')} (n=${f.abt.runs.length})`;
}

/** "was X → +Y % (better|worse)", the ratio's change too when both files have one. */
export function describeChange(f, p) {
  if (p.abt.median === null || f.abt.median === null || p.abt.median === 0) return `was ${formatNumber(p.abt.median)} ${p.unit}`;
  const pct = (100 * (f.abt.median - p.abt.median)) / Math.abs(p.abt.median);
  const better = f.better === 'higher' ? pct > 0 : pct < 0;
  const word = Math.abs(pct) < 0.05 ? 'same' : better ? 'better' : 'worse';
  const ratio = p.ratio !== null && f.ratio !== null ? `, ratio ${formatNumber(p.ratio)}× → ${formatNumber(f.ratio)}×` : '';
  return `was ${formatNumber(p.abt.median)} ${p.unit} → ${pct >= 0 ? '+' : ''}${pct.toFixed(1)} % (${word})${ratio}`;
}

export const figureKey = (f) => `${f.bench}/${f.name}`;

/** Every figure of `now` beside the same figure of `before` (by bench and name), plus figures that went away. */
export function compareResults(before, now) {
  const prev = new Map(before.figures.map((f) => [figureKey(f), f]));
  const rows = now.figures.map((f) => ({ key: figureKey(f), now: f, before: prev.get(figureKey(f)) ?? null }));
  const seen = new Set(rows.map((r) => r.key));
  const gone = before.figures.filter((f) => !seen.has(figureKey(f))).map(figureKey);
  return { rows, gone };
}

/** The comparison as printed lines. */
export function formatComparison(cmp, beforeLabel) {
  const lines = [`change per figure against ${beforeLabel}:`];
  for (const r of cmp.rows) {
    lines.push(
      r.before
        ? `  ${r.key}: ${formatNumber(r.now.abt.median)} ${r.now.unit}, ${describeChange(r.now, r.before)}`
        : `  ${r.key}: ${formatNumber(r.now.abt.median)} ${r.now.unit} (new: not in the previous file)`,
    );
  }
  for (const k of cmp.gone) lines.push(`  ${k}: in the previous file, not measured now`);
  return lines;
}
