import type { MoviesTable, UsersTable } from '../tables';
import type { IssueSink } from '../parse/issues';
import { decodeText, splitLines } from '../parse/text';
import { messages as msg } from '../messages';
import { parseId, splitFields, yearFromTitle } from './fields';
import { MoviesBuilder } from './movies-builder';
import { UsersBuilder } from './users-builder';
import { ML100K_GENRES, ML100K_OCCUPATIONS } from './vocabulary';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `u.genre`: "name|index" lines; the vocabulary in index order. */
export function parseGenre100k(bytes: Uint8Array): string[] {
  const names: string[] = [];
  for (const line of splitLines(decodeText(bytes, 'latin1'))) {
    const bar = line.lastIndexOf('|');
    if (bar <= 0) continue;
    const idx = Number(line.slice(bar + 1));
    if (Number.isInteger(idx) && idx >= 0) names[idx] = line.slice(0, bar);
  }
  return names.length > 0 && names.every((n) => n !== undefined) ? names : [...ML100K_GENRES];
}

/** "01-Jan-1995" → Unix seconds (UTC midnight), or undefined when malformed. */
function parseReleaseDate(s: string): number | undefined {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  return Date.UTC(Number(m[3]), month, Number(m[1])) / 1000;
}

/** `u.item`: id|title|release date|video release date|IMDb URL|19 genre flags (latin-1). */
export function parseItem100k(bytes: Uint8Array, file: string, genreNames: string[], sink: IssueSink): { movies: MoviesTable; known: Uint8Array } {
  const builder = new MoviesBuilder(file, genreNames, sink);
  const g = genreNames.length;
  const lines = splitLines(decodeText(bytes, 'latin1'));
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line === '') return;
    const f = splitFields(line, '|', 5 + g, file, lineNo, sink, ['movieId', 'title', 'releaseDate', 'videoReleaseDate', 'imdbUrl', ...genreNames]);
    if (!f) return;
    const id = parseId(f[0]!, file, lineNo, 'movieId', sink);
    if (id === undefined) return;
    const title = f[1]!;
    let release = Number.NaN;
    if (f[2] !== '') {
      const t = parseReleaseDate(f[2]!);
      if (t === undefined) return sink.reject('non-numeric', file, lineNo, 'releaseDate', msg.badDate(file, f[2]!));
      release = t;
    }
    const genres: number[] = [];
    for (let k = 0; k < g; k++) {
      const flag = f[5 + k]!;
      if (flag === '1') genres.push(k);
      else if (flag !== '0') return sink.reject('non-numeric', file, lineNo, genreNames[k], msg.badFlag(file, genreNames[k]!, flag));
    }
    // The original uses the release date's year; the title's "(1995)" stands in when the date is missing.
    const year = Number.isNaN(release) ? yearFromTitle(title) : new Date(release * 1000).getUTCFullYear();
    builder.add(lineNo, id, title, year, release, genres);
  });
  if (builder.length === 0) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
  return builder.build();
}

/** `u.user`: id|age|gender|occupation|zip. */
export function parseUser100k(bytes: Uint8Array, file: string, sink: IssueSink): UsersTable {
  const builder = new UsersBuilder(file, sink, ML100K_OCCUPATIONS);
  splitLines(decodeText(bytes, 'latin1')).forEach((line, i) => {
    const lineNo = i + 1;
    if (line === '') return;
    const f = splitFields(line, '|', 5, file, lineNo, sink, ['userId', 'age', 'gender', 'occupation', 'zip']);
    if (!f) return;
    const id = parseId(f[0]!, file, lineNo, 'userId', sink);
    if (id === undefined) return;
    const age = parseId(f[1]!, file, lineNo, 'age', sink);
    if (age === undefined) return;
    builder.add(lineNo, id, age, f[2]!, f[3]!, f[4]!);
  });
  const users = builder.build();
  if (users.length === 0) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
  return users;
}
