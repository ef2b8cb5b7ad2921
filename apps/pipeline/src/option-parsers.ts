import { PipelineError } from './errors';
import { messages } from './messages';

/**
 * Turns one raw value (a CLI string, or a number / string / list / map from a config file) into the
 * type the pipeline uses; throws a usage error in the user's words. `name` is what the user typed:
 * `--cv-folds` on the command line, `abt.yaml: cv-folds` in a config file.
 */
export type Parser<T> = (raw: unknown, name: string) => T;

const usage = (message: string) => new PipelineError('usage', message);

function toNumber(raw: unknown, name: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw usage(messages.notANumber(name, raw));
  return n;
}

/** An integer in [min, max]. */
export const integer =
  ({ min, max }: { min: number; max?: number }): Parser<number> =>
  (raw, name) => {
    const n = toNumber(raw, name);
    if (!Number.isInteger(n)) throw usage(messages.notAnInteger(name, raw));
    if (n < min) throw usage(messages.atLeast(name, min, n));
    if (max !== undefined && n > max) throw usage(messages.atMost(name, max, n));
    return n;
  };

/** A finite number in a range; `above`/`below` are exclusive bounds, `min`/`max` inclusive. */
export const number =
  (range: { min?: number; max?: number; above?: number; below?: number }): Parser<number> =>
  (raw, name) => {
    const n = toNumber(raw, name);
    if (range.min !== undefined && n < range.min) throw usage(messages.atLeast(name, range.min, n));
    if (range.max !== undefined && n > range.max) throw usage(messages.atMost(name, range.max, n));
    if (range.above !== undefined && !(n > range.above)) throw usage(messages.above(name, range.above, n));
    if (range.below !== undefined && !(n < range.below)) throw usage(messages.below(name, range.below, n));
    return n;
  };

/** One of a fixed set of words; the error lists them. */
export const choice =
  <const V extends string>(values: readonly V[]): Parser<V> =>
  (raw, name) => {
    if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw as V;
    throw usage(messages.notOneOf(name, raw, values));
  };

/** A non-empty string. */
export const text = (): Parser<string> => (raw, name) => {
  if (typeof raw !== 'string' || raw.trim() === '') throw usage(messages.notText(name, raw));
  return raw;
};

/** A flag: true/false (also the words `true`/`false` from a file or an environment). */
export const flag = (): Parser<boolean> => (raw, name) => {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw usage(messages.notABoolean(name, raw));
};

/** Comma-separated words from the command line, or a list in a file; each one of `values`, no repeats. */
export const wordList =
  <const V extends string>(values: readonly V[]): Parser<V[]> =>
  (raw, name) => {
    const items =
      typeof raw === 'string'
        ? raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : raw;
    if (!Array.isArray(items) || items.length === 0) throw usage(messages.emptyList(name, values));
    const unknown = items.filter((s) => !(values as readonly unknown[]).includes(s));
    if (unknown.length > 0) throw usage(messages.unknownWords(name, unknown, values));
    const repeated = items.filter((s, i) => items.indexOf(s) !== i);
    if (repeated.length > 0) throw usage(messages.repeatedWords(name, repeated));
    return items as V[];
  };

/**
 * Traffic shares of the arms: `0.7,0.3` (fractions summing to 1) or `70,30` (percentages summing to
 * 100), returned as fractions. Anything else is refused with the fix spelled out.
 */
export const shares =
  (arms: number): Parser<number[]> =>
  (raw, name) => {
    const parts = typeof raw === 'string' ? raw.split(',') : raw;
    if (!Array.isArray(parts) || parts.length !== arms) throw usage(messages.sharesCount(name, raw, arms));
    const values = parts.map((p) => toNumber(p, name));
    if (values.some((v) => !(v > 0))) throw usage(messages.sharesPositive(name, values));
    const sum = values.reduce((a, b) => a + b, 0);
    // Summing in floating point: 0.1 + 0.2 + 0.7 is not exactly 1.
    if (Math.abs(sum - 1) < 1e-9) return values;
    if (Math.abs(sum - 100) < 1e-7) return values.map((v) => v / 100);
    throw usage(messages.sharesSum(name, values, sum));
  };

/** Hyperparameters: `key=value,key=value` on the command line, a map in a file. Values are numbers, booleans, null or words. */
export const hyperparameters = (): Parser<Record<string, unknown>> => (raw, name) => {
  if (typeof raw === 'string') {
    const out: Record<string, unknown> = {};
    for (const pair of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw usage(messages.badHyperparameter(name, pair));
      out[pair.slice(0, eq).trim()] = scalar(pair.slice(eq + 1).trim());
    }
    return out;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw usage(messages.notAMap(name, raw));
  return { ...(raw as Record<string, unknown>) };
};

function scalar(s: string): unknown {
  if (s === 'true' || s === 'false') return s === 'true';
  if (s === 'null' || s === 'None') return null;
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : s;
}

/** `key=value` pairs with keys from `keys` (a config file may give a map). */
export const columnMap =
  <const K extends string>(keys: readonly K[]): Parser<Partial<Record<K, string>>> =>
  (raw, name) => {
    const map = hyperparameters()(raw, name);
    const out: Partial<Record<K, string>> = {};
    for (const [k, v] of Object.entries(map)) {
      if (!(keys as readonly string[]).includes(k)) throw usage(messages.unknownWords(name, [k], keys));
      if (typeof v !== 'string' && typeof v !== 'number') throw usage(messages.notText(`${name} ${k}`, v));
      out[k as K] = String(v);
    }
    return out;
  };

/** `--export` alone (or `true` in a file) is Parquet; `--export csv` asks for CSV. */
export const exportFormat = (): Parser<'parquet' | 'csv'> => (raw, name) =>
  raw === true || raw === 'true' ? 'parquet' : choice(['parquet', 'csv'] as const)(raw, name);
