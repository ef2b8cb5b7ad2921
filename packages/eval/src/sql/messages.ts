// Every user-facing message of the warehouse analysis (`@abt/eval/sql`), as functions; tests assert on these.
const at = (file: string, line: number | undefined, key: string | undefined) => `${file}${line !== undefined ? `:${line}` : ''}${key ? `: ${key}` : ''}`;

export const sqlMessages = {
  // metrics file
  yamlSyntax: (file: string, line: number | undefined, detail: string) => `${at(file, line, undefined)}: not valid YAML/JSON: ${detail}`,
  schema: (file: string, line: number | undefined, key: string, detail: string) => `${at(file, line, key || '(top level)')}: ${detail}`,
  unknownKey: (file: string, line: number | undefined, key: string, known: readonly string[]) =>
    `${at(file, line, key)}: unknown key; known here: ${known.join(', ')}`,
  duplicateMetric: (file: string, line: number | undefined, key: string, name: string) => `${at(file, line, key)}: metric name '${name}' is used twice`,
  unknownPrimary: (file: string, line: number | undefined, name: string, names: readonly string[]) =>
    `${at(file, line, 'primary')}: no metric named '${name}'; metrics: ${names.join(', ')}`,
  primaryNotTested: (file: string, line: number | undefined, name: string) =>
    `${at(file, line, 'primary')}: metric '${name}' has test: false; the primary metric must be tested`,
  noTestedMetric: (file: string) => `${file}: every metric has test: false; at least one must be tested`,
  fieldForType: (file: string, line: number | undefined, key: string, field: string, type: string, allowed: string) =>
    `${at(file, line, key)}: '${field}' does not apply to a ${type} metric (${allowed})`,
  missingForType: (file: string, line: number | undefined, key: string, field: string, type: string) =>
    `${at(file, line, key)}: a ${type} metric needs '${field}'`,
  sameArms: (file: string, line: number | undefined) => `${at(file, line, 'experiment.arms')}: control and treatment must be two different arms`,
  badRange: (file: string, line: number | undefined, start: string, end: string) => `${at(file, line, 'range')}: start ${start} is not before end ${end}`,
  badDate: (file: string, line: number | undefined, key: string, value: string) => `${at(file, line, key)}: '${value}' is not a valid date/time`,
  readFailed: (file: string, reason: string) => `cannot read the metrics file ${file}: ${reason}`,

  // sources
  noFiles: (role: string, pattern: string) => `--${role}: no file matches ${pattern}`,
  unknownFormat: (role: string, file: string) =>
    `--${role}: cannot tell the format of ${file} from its name; use .ndjson/.jsonl/.json (with rotated .1, .2 …), .parquet or .csv, or prefix the pattern with ndjson:, parquet: or csv:`,
  mixedFormats: (role: string, formats: readonly string[]) => `--${role}: the files mix formats (${formats.join(', ')}); give one format per source`,
  emptySource: (role: string) => `--${role}: empty; give a file glob, table:<name> or sql:<query>`,
  engineCannotReadFiles: (engine: string, role: string, format: string) =>
    engine === 'postgres'
      ? `--${role}: the postgres engine reads tables and queries only (table:<name> or sql:<query>); load the ${format} files into a table, or analyze them with --engine duckdb`
      : `--${role}: Spark SQL cannot read ${format} files with a header from one query; give table:<name> (e.g. a view over the files) or use ndjson/parquet`,
  unsafeQuery: (role: string) => `--${role}: sql:<query> must be a single SELECT (or WITH … SELECT) without ';'`,

  // engines
  peerMissing: (engine: string, pkg: string) =>
    `the ${engine} engine needs the package '${pkg}' (an optional peer dependency of @abt/eval); install it: npm install ${pkg}`,
  connectFailed: (engine: string, target: string, reason: string) => `could not connect to ${engine} at ${target}: ${reason}`,
  queryFailed: (engine: string, reason: string) => `${engine} failed the analysis query: ${reason} (--show-sql prints the query)`,
  needConnection: (engine: string) => `the ${engine} engine needs --connection (e.g. postgres://user@host:5432/db)`,
  badConnection: (value: string) => `--connection ${value}: expected a postgres:// or postgresql:// URL`,

  // stats table
  statsMissingColumn: (source: string, column: string) =>
    `${source}: the statistics table has no column '${column}'; was it produced by the SQL of this metrics file?`,
  statsMismatch: (source: string, detail: string) => `${source}: the statistics table does not match the metrics file: ${detail}`,
  statsBadValue: (source: string, row: number, column: string, value: unknown) =>
    `${source}: row ${row}, column ${column} = ${JSON.stringify(value)}; expected a number`,
  noUnits: (arms: readonly string[], found: string) =>
    `no exposed units in both arms (${arms.join(', ')}): ${found}; check experiment.arms, experiment.key and the exposures source`,
  statsNotFile: (pattern: string) => `--from-stats ${pattern}: give the file(s) the Spark query's result was saved to (Parquet, CSV with a header, or NDJSON)`,
  badAsOf: (value: string) => `--as-of ${value}: expected a date YYYY-MM-DD (UTC)`,
} as const;
