import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { checkArity, checkKeys, keysOf } from '../check-args';
import { MetricsFileError } from './errors';
import { sqlMessages } from './messages';
import { metricsFileSchema } from './metrics-schema';
import {
  DEFAULT_ANALYSIS,
  DEFAULT_EVENT_COLUMNS,
  DEFAULT_EXPOSURE_COLUMNS,
  type Cap,
  type Measure,
  type MetricSpec,
  type MetricsSpec,
  type TimeFormat,
} from './metrics-spec';

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validate = ajv.compile(metricsFileSchema);

type Path = readonly (string | number)[];

/** Where a key path sits in the parsed document. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}
  line(path: Path, keyOf?: string): number | undefined {
    const node = this.doc.getIn(path, true) as Node | undefined;
    if (keyOf !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === keyOf);
      const range = (pair?.key as Node | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    if (node?.range) return this.lines.linePos(node.range[0]).line;
    return path.length > 0 ? this.line(path.slice(0, -1)) : undefined;
  }
}

const keyText = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** The ajv error that says most: the deepest path, not a oneOf/anyOf summary, an unknown key before a type error. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
  return [...errors].filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf').sort((a, b) => depth(b) - depth(a))[0] ?? errors[0]!;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    case 'required':
      return `missing required key '${(e.params as { missingProperty: string }).missingProperty}'`;
    case 'pattern':
      return e.instancePath.endsWith('/name')
        ? 'must be a lower-case identifier (a-z, 0-9, _; starting with a letter)'
        : e.instancePath.includes('window') || e.instancePath.includes('lookback')
          ? "must be a duration such as '30m', '12h', '7d'"
          : `must match ${(e.params as { pattern: string }).pattern}`;
    default:
      return e.message ?? e.keyword;
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };
const seconds = (d: string | undefined): number | null => (d === undefined ? null : Number(d.slice(0, -1)) * UNIT_SECONDS[d.slice(-1)]!);
const events = (e: string | readonly string[]): string[] => (typeof e === 'string' ? [e] : [...e]);

/** Parses a date of the file (UTC unless it carries an offset) to Unix seconds. */
function dateSeconds(value: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00Z`
    : /(Z|[+-]\d{2}:?\d{2})$/.test(value)
      ? value.replace(' ', 'T')
      : `${value.replace(' ', 'T')}Z`;
  return Date.parse(iso) / 1000;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the raw document is checked by the schema first */
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML/JSON before validation; every field is checked where it is read
type Raw = Record<string, any>;

/**
 * Parses and validates a metrics file (YAML or JSON — JSON is read as YAML 1.2, so both report lines).
 * Every problem is a {@link MetricsFileError} naming the file, the line and the key.
 */
export function parseMetricsFile(text: string, options: { file?: string } = {}): MetricsSpec {
  const where = 'parseMetricsFile';
  checkArity(where, arguments, ['text', 'options']);
  checkKeys(where, 'options', options, keysOf<{ file?: string }>({ file: true }));
  const file = options.file ?? '<metrics>';
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lines.linePos(e.pos[0]).line;
    throw new MetricsFileError(sqlMessages.yamlSyntax(file, line, e.message.split('\n')[0]!), { file, ...(line !== undefined ? { line } : {}) });
  }
  const raw = doc.toJS() as unknown;
  const loc = new Locator(doc, lines);
  const fail = (message: string, path: Path, line = loc.line(path)): never => {
    throw new MetricsFileError(message, { file, ...(line !== undefined ? { line } : {}), key: keyText(path) });
  };
  if (!validate(raw)) {
    const e = pickError(validate.errors ?? []);
    const path: (string | number)[] = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      fail(sqlMessages.unknownKey(file, loc.line(path, extra), keyText([...path, extra]), known), [...path, extra], loc.line(path, extra));
    }
    fail(sqlMessages.schema(file, loc.line(path), keyText(path), describe(e)), path);
  }
  return buildSpec(raw as Raw, file, loc, fail);
}

function buildSpec(r: Raw, file: string, loc: Locator, fail: (message: string, path: Path, line?: number) => never): MetricsSpec {
  const arms = r.experiment.arms as [string, string];
  if (arms[0] === arms[1]) fail(sqlMessages.sameArms(file, loc.line(['experiment', 'arms'])), ['experiment', 'arms']);
  const weights = (r.experiment.weights ?? [1, 1]) as [number, number];
  const range = { start: null as number | null, end: null as number | null };
  for (const k of ['start', 'end'] as const) {
    if (r.range?.[k] === undefined) continue;
    const s = dateSeconds(r.range[k]);
    if (!Number.isFinite(s)) fail(sqlMessages.badDate(file, loc.line(['range', k]), `range.${k}`, r.range[k]), ['range', k]);
    range[k] = s;
  }
  if (range.start !== null && range.end !== null && !(range.start < range.end))
    fail(sqlMessages.badRange(file, loc.line(['range']), r.range.start, r.range.end), ['range']);

  const metrics: MetricSpec[] = [];
  const seen = new Set<string>();
  (r.metrics as Raw[]).forEach((m, i) => {
    const path = ['metrics', i];
    const line = (k?: string) => loc.line(k ? [...path, k] : path);
    if (seen.has(m.name)) fail(sqlMessages.duplicateMetric(file, line('name'), `metrics[${i}].name`, m.name), [...path, 'name']);
    seen.add(m.name);
    const type = m.type as MetricSpec['type'];
    const key = (k: string) => `metrics[${i}].${k}`;
    const notFor = (k: string, allowed: string) => fail(sqlMessages.fieldForType(file, line(k), key(k), k, type, allowed), [...path, k]);
    const need = (k: string) => fail(sqlMessages.missingForType(file, line(), key(k), k, type), path);
    let measure: Measure;
    let denominator: Measure | undefined;
    if (type === 'ratio') {
      if (m.event !== undefined) notFor('event', 'a ratio metric takes numerator and denominator');
      if (!m.numerator) need('numerator');
      if (!m.denominator) need('denominator');
      measure = { events: events(m.numerator.event), aggregate: m.numerator.aggregate ?? 'count' };
      denominator = { events: events(m.denominator.event), aggregate: m.denominator.aggregate ?? 'count' };
    } else {
      for (const k of ['numerator', 'denominator']) if (m[k] !== undefined) notFor(k, "only ratio metrics take it; use 'event'");
      if (m.event === undefined) need('event');
      measure = { events: events(m.event), aggregate: type === 'sum' || type === 'mean' ? 'sum' : 'count' };
    }
    if (type === 'binomial' && m.cap !== undefined) notFor('cap', 'a 0/1 value needs no cap');
    let cuped: MetricSpec['cuped'];
    if (m.cuped !== undefined && m.cuped !== false) {
      const c = m.cuped === true ? {} : (m.cuped as Raw);
      const same: Measure = type === 'binomial' ? { events: measure.events, aggregate: 'count' } : measure;
      cuped = {
        measure:
          c.event !== undefined
            ? { events: events(c.event), aggregate: c.aggregate ?? 'count' }
            : { ...same, ...(c.aggregate ? { aggregate: c.aggregate } : {}) },
        lookbackSeconds: seconds(c.lookback),
      };
    }
    metrics.push({
      name: m.name,
      label: m.label ?? m.name,
      type,
      measure,
      ...(denominator ? { denominator } : {}),
      windowSeconds: seconds(m.window),
      ...(m.cap ? { cap: m.cap as Cap } : {}),
      ...(cuped ? { cuped } : {}),
      higherIsBetter: m.higherIsBetter ?? true,
      test: m.test ?? true,
    });
  });
  const tested = metrics.filter((m) => m.test);
  if (tested.length === 0) fail(sqlMessages.noTestedMetric(file), ['metrics']);
  const primary = (r.primary as string | undefined) ?? tested[0]!.name;
  const pm = metrics.find((m) => m.name === primary);
  if (!pm)
    fail(
      sqlMessages.unknownPrimary(
        file,
        loc.line(['primary']),
        primary,
        metrics.map((m) => m.name),
      ),
      ['primary'],
    );
  if (!pm!.test) fail(sqlMessages.primaryNotTested(file, loc.line(['primary']), primary), ['primary']);
  return {
    version: 1,
    file,
    experiment: { key: r.experiment.key ?? null, arms, weights },
    range,
    exposures: { columns: { ...DEFAULT_EXPOSURE_COLUMNS, ...(r.exposures?.columns ?? {}) }, timeFormat: (r.exposures?.timeFormat ?? 'iso') as TimeFormat },
    events: { columns: { ...DEFAULT_EVENT_COLUMNS, ...(r.events?.columns ?? {}) }, timeFormat: (r.events?.timeFormat ?? 'iso') as TimeFormat },
    dimensions: r.dimensions ?? [],
    metrics,
    primary,
    analysis: { ...DEFAULT_ANALYSIS, ...(r.analysis ?? {}) },
  };
}
