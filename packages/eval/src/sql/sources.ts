import { checkArity } from '../check-args';
import { AnalysisSourceError } from './errors';
import { sqlMessages } from './messages';

export type FileFormat = 'ndjson' | 'parquet' | 'csv';

/**
 * Where exposures, events or a statistics table come from: files read in place (globs; abt's logs rotate as
 * `<file>`, `<file>.1` …), a table of the database, or a query (a single SELECT).
 */
export type DataSource =
  | { readonly kind: 'files'; readonly format: FileFormat; readonly patterns: readonly string[] }
  | { readonly kind: 'table'; readonly name: string }
  | { readonly kind: 'query'; readonly sql: string };

const EXTENSIONS: Record<string, FileFormat> = { ndjson: 'ndjson', jsonl: 'ndjson', json: 'ndjson', log: 'ndjson', parquet: 'parquet', csv: 'csv' };

/** The format a file name says, ignoring a rotation suffix (`.1`), compression (`.gz`, `.zst`) and trailing globs. */
export function formatOfPath(pattern: string): FileFormat | undefined {
  let base = pattern.replace(/[*?]+$/, '');
  for (;;) {
    const next = base.replace(/\.(\d+|gz|zst)$/, '').replace(/[*?]+$/, '');
    if (next === base) break;
    base = next;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(base)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

/**
 * A source from the command line: `table:<name>`, `sql:<SELECT …>`, or file globs (several may be given),
 * optionally prefixed with the format (`ndjson:`, `parquet:`, `csv:`) when the name does not tell it.
 */
export function parseSource(role: string, args: string | readonly string[]): DataSource {
  checkArity('parseSource', arguments, ['role', 'args']);
  const list = (typeof args === 'string' ? [args] : [...args]).map((a) => a.trim()).filter((a) => a.length > 0);
  if (list.length === 0) throw new AnalysisSourceError(sqlMessages.emptySource(role));
  const first = list[0]!;
  if (list.length === 1 && first.startsWith('table:')) return { kind: 'table', name: first.slice(6).trim() };
  if (list.length === 1 && first.startsWith('sql:')) {
    const sql = first.slice(4).trim();
    if (sql.includes(';') || !/^(select|with)\b/i.test(sql)) throw new AnalysisSourceError(sqlMessages.unsafeQuery(role));
    return { kind: 'query', sql };
  }
  const formats = new Set<FileFormat>();
  const patterns = list.map((p) => {
    const m = /^(ndjson|parquet|csv):(.+)$/.exec(p);
    const format = m ? (m[1] as FileFormat) : formatOfPath(p);
    if (!format) throw new AnalysisSourceError(sqlMessages.unknownFormat(role, p));
    formats.add(format);
    return m ? m[2]! : p;
  });
  if (formats.size > 1) throw new AnalysisSourceError(sqlMessages.mixedFormats(role, [...formats]));
  return { kind: 'files', format: [...formats][0]!, patterns };
}
