/** Every user-facing message of @abt/data, one function each (tests assert on these). */
const show = (s: string, max = 80) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

export const messages = {
  wrongDelimiter: (file: string, delimiter: string, line: string) => `${file}: expected fields separated by ${JSON.stringify(delimiter)}, got ${show(line)}`,
  fieldCount: (file: string, expected: number, got: number) => `${file}: expected ${expected} fields, got ${got}`,
  nonNumeric: (file: string, field: string, value: string) => `${file}: ${field} must be a number, got ${show(value)}`,
  outOfRange: (file: string, field: string, value: number | string, allowed: string) => `${file}: ${field} ${value} is out of range (allowed: ${allowed})`,
  unknownMovie: (file: string, movieId: number) => `${file}: movieId ${movieId} is not in the movie catalog (strict: false skips such ratings)`,
  duplicateId: (file: string, field: string, id: number) => `${file}: ${field} ${id} appears more than once`,
  duplicateRatings: (file: string, count: number) => `${file}: ${count} rating(s) repeat an earlier (userId, movieId) pair; all are kept`,
  emptyFile: (file: string) => `${file}: the file is empty (no data lines)`,
  badHeader: (file: string, expected: readonly string[], got: string) => `${file}: expected the header ${show(expected.join(','))}, got ${show(got)}`,
  badFlag: (file: string, field: string, value: string) => `${file}: ${field} must be 0 or 1, got ${show(value)}`,
  badDate: (file: string, value: string) => `${file}: release date ${show(value)} is not dd-Mon-yyyy`,
  unterminatedQuote: (file: string) => `${file}: a quoted field is never closed`,
  missingMember: (source: string, member: string, format: string) => `${source}: ${format} needs the file ${member}, which is missing`,
  unknownFormat: (source: string) => `${source}: not a MovieLens dataset (found none of u.data, ratings.dat, ratings.csv)`,
  corruptArchive: (source: string, reason: string) => `${source}: the zip archive is unreadable (${reason}); it may be truncated`,
  notFound: (source: string, known: readonly string[]) =>
    `${JSON.stringify(source)} is neither a file, a directory, an http(s) URL of a zip nor a known dataset name (${known.join(', ')})`,
  notInDataDir: (dataset: string, dir: string, where: string) => `${dataset} is not in ${dir}: ${where}`,
  putFileHere: (dataset: string, file: string, url: string | undefined) =>
    `download ${url ?? file} yourself and put it at ${file}${url ? '' : ` (dataset ${dataset})`}`,
  downloadFailed: (dataset: string, url: string, reason: string, where: string) =>
    `could not download ${dataset} from ${url}: ${reason}. To work offline, ${where}`,
  checksumMismatch: (dataset: string, url: string, algo: string, expected: string, got: string, where: string) =>
    `the ${dataset} download from ${url} has ${algo} ${got}, expected ${expected} (corrupt or truncated). ${where[0]!.toUpperCase()}${where.slice(1)}`,
  downloadTimeout: (dataset: string, url: string, ms: number, where: string) =>
    `downloading ${dataset} from ${url} took longer than ${ms} ms. To work offline, ${where}`,
  noPublishedChecksum: (url: string, status: number) => `no published checksum at ${url} (HTTP ${status})`,
  notAZipUrl: (url: string) => `${url}: a dataset URL must name a .zip file`,
  invalidOption: (option: string, value: unknown, allowed: string) => `option ${option} = ${JSON.stringify(value)} is invalid (allowed: ${allowed})`,
  surplusArgument: (fn: string, position: number, params: readonly string[]) =>
    `${fn}: unexpected argument ${position}; ${fn} takes ${params.length === 0 ? 'no arguments' : `at most ${params.length} (${params.join(', ')})`}`,
  badSeed: (fn: string, value: unknown) => `${fn}: seed = ${String(value)} (${typeof value}); a seed must be a finite number`,
  unknownKey: (fn: string, name: string, key: string, allowed: readonly string[]) =>
    `${fn}: ${name} has the unknown key ${JSON.stringify(key)} (${fn} implements ${allowed.length === 0 ? 'no keys there' : allowed.join(', ')})`,
  notAnObject: (fn: string, name: string, value: unknown) =>
    `${fn}: ${name} must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
  tablesManifest: (path: string, reason: string) => `${path}: not a readable @abt/data tables manifest (${reason})`,
  tablesVersion: (path: string, version: unknown, supported: number) =>
    `${path}: tables format version ${JSON.stringify(version)} is not supported (this reader knows version ${supported})`,
  tablesColumn: (path: string, reason: string) => `${path}: ${reason}`,
  ratingsFileColumn: (file: string, column: string, wanted: readonly string[], header: readonly string[]) =>
    `${file}: no ${column} column (looked for ${wanted.map((w) => JSON.stringify(w)).join(' or ')} in the header ${show(header.join(','))}); name it with the columns option`,
  ratingsFileField: (where: string, field: string, value: string, allowed: string) => `${where}: ${field} must be ${allowed}, got ${show(value)}`,
};
