/**
 * Alias resolution, LightGBM's own adjustments (`Config::Set`) and validation, all driven by the
 * one table (`GBDT_PARAMS`).
 */
import { InvalidParamError } from '../../errors';
import { messages } from '../../messages';
import { LgbRandom } from '../sampling/random';
import { K_EPSILON } from '../tree-learner/split';
import { GBDT_PARAMS, type EffectiveParams, type GBDTParamName, type GBDTParams, type GBDTParamSpec } from './table';

const msg = messages.gbdt;
const table = GBDT_PARAMS as unknown as Record<GBDTParamName, GBDTParamSpec>;
const names = Object.keys(GBDT_PARAMS) as GBDTParamName[];

const ALIAS_TO_NAME: ReadonlyMap<string, GBDTParamName> = new Map(
  names.flatMap((name) => [[name, name] as const, ...table[name].aliases.map((a) => [a, name] as const)]),
);

/** Resolution problems found in the constructor, reported by `fit` (constructors do not throw). */
export type ResolveIssue = { param: string; message: string };

/** The parameters a caller set, canonical names; list values given as comma-separated strings split as LightGBM does. */
export type GivenParams = Partial<Record<GBDTParamName, unknown>>;

/** Canonicalizes aliases; unknown or duplicated names become issues. `undefined` values count as not given. */
export function resolveParams(options: Record<string, unknown>): { given: GivenParams; issues: ResolveIssue[] } {
  const given: GivenParams = {};
  const seen = new Map<GBDTParamName, string>();
  const issues: ResolveIssue[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const name = ALIAS_TO_NAME.get(key);
    if (!name) {
      issues.push({ param: key, message: msg.unknownParam(key) });
      continue;
    }
    const prev = seen.get(name);
    if (prev !== undefined) issues.push({ param: key, message: msg.duplicateParam(key, prev, name) });
    seen.set(name, key);
    // LightGBM's Python package joins a metric list with commas
    given[name] = name === 'metric' && Array.isArray(value) ? value.join(',') : splitList(table[name], value);
  }
  return { given, issues };
}

/** LightGBM takes lists as comma-separated strings (`monotone_constraints: '1,0,-1'`); arrays pass through. */
function splitList(s: GBDTParamSpec, v: unknown): unknown {
  if (typeof v !== 'string' || !(s.type === 'ints' || s.type === 'doubles' || s.type === 'strings')) return v;
  if (v.trim() === '') return [];
  const parts = v.split(',').map((x) => x.trim());
  return s.type === 'strings' ? parts : parts.map((x) => (x === '' ? NaN : Number(x)));
}

const METRIC_ALIASES: Readonly<Record<string, string>> = { binary: 'binary_logloss', binary_logloss: 'binary_logloss', auc: 'auc' };
const NO_METRIC = new Set(['none', 'null', 'custom', 'na']);

/**
 * The metrics, as LightGBM parses `metric` (comma-separated, lower case, aliases, duplicates
 * dropped; empty = the objective's own, `binary_logloss`; `None` = no metric). Unknown names are
 * kept as given (validation refuses them).
 */
function parseMetrics(metric: string): string[] {
  const out: string[] = [];
  for (const raw of metric.split(',')) {
    const m = raw.trim().toLowerCase();
    if (m === '') continue;
    const name = NO_METRIC.has(m) ? 'custom' : (METRIC_ALIASES[m] ?? m);
    if (!out.includes(name)) out.push(name);
  }
  return metric.trim() === '' ? ['binary_logloss'] : out;
}

/** The seeds `seed` derives, in LightGBM's order (`Config::Set`). */
const DERIVED_SEEDS = ['data_random_seed', 'bagging_seed', 'drop_seed', 'feature_fraction_seed', 'objective_seed', 'extra_seed'] as const;

/** Every parameter as LightGBM holds it after `Config::Set`: defaults, seeds derived from `seed`, and LightGBM's adjustments. */
export function effectiveParams(given: GivenParams): EffectiveParams {
  const p = Object.fromEntries(names.map((n) => [n, given[n] ?? table[n].default])) as Record<GBDTParamName, unknown>;
  if (typeof given.seed === 'number' && Number.isInteger(given.seed)) {
    const r = new LgbRandom(given.seed);
    for (const s of DERIVED_SEEDS) {
      const derived = r.nextShort(0, 32767);
      if (given[s] === undefined) p[s] = derived;
    }
  }
  const lower = (k: GBDTParamName) => {
    if (typeof p[k] === 'string') p[k] = (p[k] as string).toLowerCase();
  };
  for (const k of ['task', 'objective', 'boosting', 'data_sample_strategy', 'device_type', 'monotone_constraints_method'] as const) lower(k);
  if (p.boosting === 'gbrt') p.boosting = 'gbdt';
  if (p.boosting === 'random_forest') p.boosting = 'rf';
  if (p.task === 'training') p.task = 'train';
  // one machine: LightGBM runs every tree learner as serial and prints it so
  p.tree_learner = 'serial';
  if (typeof p.metric === 'string') p.metric = parseMetrics(p.metric).join(',');
  // LightGBM CheckParamConflict: max_depth without num_leaves caps the leaves at 2^max_depth
  const depth = p.max_depth;
  if (typeof depth === 'number' && depth > 0 && given.num_leaves === undefined) p.num_leaves = Math.min(p.num_leaves as number, 2 ** depth);
  if ((p.min_data_in_leaf as number) <= 0 && (p.min_sum_hessian_in_leaf as number) <= K_EPSILON) p.min_data_in_leaf = 1;
  return p as EffectiveParams;
}

/** What `getParams()` returns: every implemented parameter and the seeds (so `new GBDT(getParams())` derives nothing anew), plus whatever else was set. */
export function publicParams(effective: EffectiveParams, given: GivenParams): GBDTParams {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const always = table[n].treatment.kind === 'implemented' || (DERIVED_SEEDS as readonly string[]).includes(n);
    if (always || given[n] !== undefined) out[n] = copy((effective as Record<string, unknown>)[n]);
  }
  return out as GBDTParams;
}

const copy = (v: unknown) => (Array.isArray(v) ? [...v] : v);

const typeOk = (s: GBDTParamSpec, v: unknown): boolean => {
  switch (s.type) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1;
    case 'double':
      return typeof v === 'number' && Number.isFinite(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'ints':
      return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x));
    case 'doubles':
      return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
};

const TYPE_TEXT: Readonly<Record<GBDTParamSpec['type'], string>> = {
  int: 'an integer',
  double: 'a finite number',
  bool: 'true or false',
  string: 'a string',
  ints: 'a list of integers (array or comma-separated string)',
  doubles: 'a list of numbers (array or comma-separated string)',
  strings: 'a list of strings',
};

/**
 * Throws InvalidParamError naming the first problem: an unknown or duplicated name, a value of
 * the wrong type or outside LightGBM's range, or a setting abt does not implement.
 */
export function validateParams(given: GivenParams, issues: readonly ResolveIssue[]): void {
  const first = issues[0];
  if (first) throw new InvalidParamError(first.param, first.message);
  for (const name of names) {
    const v = given[name];
    if (v === undefined) continue;
    const s = table[name];
    if (!typeOk(s, v)) throw new InvalidParamError(name, msg.badParam(name, v, TYPE_TEXT[s.type]));
    const range = s.check?.(v as never);
    if (range) throw new InvalidParamError(name, msg.badParam(name, v, range));
    const t = s.treatment;
    if (t.kind === 'unsupported') {
      const ok = t.supported ? t.supported(v as never) : Array.isArray(v) ? v.length === 0 : v === s.default;
      if (!ok) throw new InvalidParamError(name, msg.unsupportedParam(name, v, t.what));
    }
  }
  for (const m of parseMetrics(typeof given.metric === 'string' ? given.metric : '')) {
    if (m !== 'binary_logloss' && m !== 'auc' && m !== 'custom') throw new InvalidParamError('metric', msg.unsupportedMetric(m));
  }
  if (parseMetrics(typeof given.metric === 'string' ? given.metric : '').length > 1) {
    throw new InvalidParamError('metric', msg.unsupportedParam('metric', given.metric, 'more than one metric (early stopping watches one)'));
  }
  const scale = given.scale_pos_weight;
  if (given.is_unbalance === true && typeof scale === 'number' && Math.abs(scale - 1) > 1e-6) {
    throw new InvalidParamError('scale_pos_weight', msg.unbalanceAndScale());
  }
}

/**
 * The parameters of a model file's `parameters:` block (`[name: value]` as LightGBM writes them),
 * typed by the table; names abt does not know (a newer LightGBM) are skipped.
 */
export function givenFromModelText(block: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(block)) {
    const name = ALIAS_TO_NAME.get(key);
    if (!name) continue;
    const s = table[name];
    const v = s.type === 'int' || s.type === 'double' ? Number(text) : s.type === 'bool' ? text === '1' || text === 'true' : splitList(s, text);
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    out[name] = v;
  }
  return out;
}
