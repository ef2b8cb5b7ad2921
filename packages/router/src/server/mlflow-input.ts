import { checkArity } from '../check-args';
import { REQUEST_FIELDS, requestFieldName } from '@abt/features';
import type { RequestRows } from '../policy';
import { messages } from '../messages';
import { HttpError } from './http-errors';

/** Rows from an MLflow scoring request, plus the name used in error paths. */
export type ParsedInvocation = { rows: RequestRows; at: string; params: Record<string, unknown> | undefined };

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
// Column names come from @abt/features' REQUEST_FIELDS (aliases such as itemId included).
const REQUIRED = REQUEST_FIELDS.filter((f) => f.required).map((f) => f.name);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string) => new HttpError('INVALID_PARAMETER_VALUE', message);

/**
 * MLflow's JSON scoring input (`mlflow/pyfunc/scoring_server`): exactly one of `dataframe_split`,
 * `dataframe_records`, `instances`, `inputs`, optionally `params`; anything else is a 400.
 */
export function parseInvocationJson(body: unknown): ParsedInvocation {
  checkArity('parseInvocationJson', arguments, 1);
  if (!isObject(body)) throw bad(messages.notAScoringObject(FORMATS));
  const keys = Object.keys(body);
  const unknown = keys.filter((k) => k !== 'params' && !(FORMATS as readonly string[]).includes(k));
  if (unknown.length > 0) throw bad(messages.unknownScoringKeys(unknown, FORMATS));
  const present = FORMATS.filter((k) => k in body);
  if (present.length !== 1) throw bad(messages.notExactlyOneFormat(present, FORMATS));
  const params = body.params;
  if (params !== undefined && !isObject(params)) throw bad(messages.paramsNotObject());
  const format = present[0] as (typeof FORMATS)[number];
  const value = body[format];
  if (format === 'dataframe_split') return { rows: fromSplit(value), at: 'dataframe_split.data', params };
  if (Array.isArray(value)) return { rows: value as RequestRows, at: format, params };
  if ((format === 'inputs' || format === 'instances') && isObject(value)) return { rows: value as unknown as RequestRows, at: format, params };
  throw bad(messages.badRecords(format));
}

function fromSplit(split: unknown): RequestRows {
  if (!isObject(split)) throw bad(messages.badSplit());
  const { columns, data } = split;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) throw bad(messages.badSplitColumns());
  if (!Array.isArray(data)) throw bad(messages.badSplitData());
  const index = columnIndex(columns as string[], 'dataframe_split.columns');
  data.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns.length) throw bad(messages.badSplitRow(i, columns.length));
  });
  const out: Record<string, unknown[]> = {};
  for (const [name, j] of index) out[name] = (data as unknown[][]).map((r) => r[j]);
  return out as unknown as RequestRows;
}

/** Request field → column position; unknown or repeated columns are refused, required ones must be there. */
function columnIndex(columns: readonly string[], where: string): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((c, j) => {
    const name = requestFieldName(c);
    if (name === undefined) throw bad(messages.unknownColumn(where, c));
    if (index.has(name)) throw bad(messages.repeatedColumn(where, c));
    index.set(name, j);
  });
  for (const c of REQUIRED) if (!index.has(c)) throw bad(messages.missingColumn(where, c));
  return index;
}

/** `text/csv` scoring input: a header row naming the columns, then one row per request. */
export function parseInvocationCsv(text: string): ParsedInvocation {
  checkArity('parseInvocationCsv', arguments, 1);
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length === 0) throw bad(messages.emptyCsv());
  const header = splitCsvLine(lines[0] as string);
  const index = columnIndex(header, 'CSV header');
  const n = lines.length - 1;
  const cols: Record<string, unknown[]> = {};
  for (const name of index.keys()) cols[name] = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const fields = splitCsvLine(lines[i + 1] as string);
    if (fields.length !== header.length) throw bad(messages.csvRowWidth(i + 1, fields.length, header.length));
    for (const [name, j] of index) (cols[name] as unknown[])[i] = csvValue(name, fields[j] as string);
  }
  return { rows: cols as unknown as RequestRows, at: 'csv', params: undefined };
}

/** A CSV field as the request type reads it: ids stay strings unless they are integers; an empty timestamp is "not given". */
function csvValue(name: string, raw: string): unknown {
  const field = REQUEST_FIELDS.find((f) => f.name === name);
  if (raw === '') return field?.required ? raw : null;
  // An id that is the canonical decimal of a safe integer is that integer ("042" stays a string: it is another id).
  if (field?.type === 'id') return Number.isSafeInteger(Number(raw)) && String(Number(raw)) === raw ? Number(raw) : raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

function splitCsvLine(line: string): string[] {
  return line.split(',').map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}
