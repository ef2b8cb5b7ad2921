import type { RequestRows } from '../policy';
import { messages } from '../messages';
import { HttpError } from './http-errors';

/** Rows from an MLflow scoring request, plus the name used in error paths. */
export type ParsedInvocation = { rows: RequestRows; at: string; params: Record<string, unknown> | undefined };

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
const COLUMNS = ['userId', 'movieId', 'timestamp'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string) => new HttpError('INVALID_PARAMETER_VALUE', message);

/**
 * MLflow's JSON scoring input (`mlflow/pyfunc/scoring_server`): exactly one of `dataframe_split`,
 * `dataframe_records`, `instances`, `inputs`, optionally `params`; anything else is a 400.
 */
export function parseInvocationJson(body: unknown): ParsedInvocation {
  if (!isObject(body))
    throw bad(messages.notAScoringObject(FORMATS));
  const keys = Object.keys(body);
  const unknown = keys.filter((k) => k !== 'params' && !(FORMATS as readonly string[]).includes(k));
  if (unknown.length > 0) throw bad(messages.unknownScoringKeys(unknown, FORMATS));
  const present = FORMATS.filter((k) => k in body);
  if (present.length !== 1)
    throw bad(messages.notExactlyOneFormat(present, FORMATS));
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
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))
    throw bad(messages.badSplitColumns());
  if (!Array.isArray(data)) throw bad(messages.badSplitData());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, (columns as string[]).indexOf(c)]));
  for (const c of ['userId', 'movieId'] as const) if (index[c] === -1) throw bad(messages.missingColumn('dataframe_split.columns', c));
  data.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns.length)
      throw bad(messages.badSplitRow(i, columns.length));
  });
  const col = (c: string) => (data as unknown[][]).map((r) => r[index[c] as number]);
  return {
    userId: col('userId') as number[],
    movieId: col('movieId') as number[],
    ...(index.timestamp === -1 ? {} : { timestamp: col('timestamp') as number[] }),
  };
}

/** `text/csv` scoring input: a header row naming the columns, then one row per request. */
export function parseInvocationCsv(text: string): ParsedInvocation {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length === 0) throw bad(messages.emptyCsv());
  const header = splitCsvLine(lines[0] as string);
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)]));
  for (const c of ['userId', 'movieId'] as const) if (index[c] === -1) throw bad(messages.missingColumn('CSV header', c));
  const n = lines.length - 1;
  const cols = { userId: new Array<number>(n), movieId: new Array<number>(n), timestamp: index.timestamp === -1 ? undefined : new Array<number>(n) };
  for (let i = 0; i < n; i++) {
    const fields = splitCsvLine(lines[i + 1] as string);
    if (fields.length !== header.length) throw bad(messages.csvRowWidth(i + 1, fields.length, header.length));
    for (const c of COLUMNS) {
      const target = cols[c];
      if (!target) continue;
      const raw = fields[index[c] as number] as string;
      target[i] = raw === '' && c === 'timestamp' ? Number.NaN : raw === '' ? Number.NaN : Number(raw);
    }
  }
  return { rows: cols.timestamp ? cols : { userId: cols.userId, movieId: cols.movieId }, at: 'csv', params: undefined };
}

function splitCsvLine(line: string): string[] {
  return line.split(',').map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}
