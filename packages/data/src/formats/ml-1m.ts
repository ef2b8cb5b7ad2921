import type { MoviesTable, UsersTable } from '../tables';
import type { IssueSink } from '../parse/issues';
import { decodeText, splitLines } from '../parse/text';
import { messages as msg } from '../messages';
import { parseId, splitFields, yearFromTitle } from './fields';
import { MoviesBuilder } from './movies-builder';
import { UsersBuilder } from './users-builder';
import { ML1M_AGE_CODES, ML1M_GENRES, ML1M_OCCUPATIONS } from './vocabulary';

/** `movies.dat`: MovieID::Title::Genres (latin-1, genres `|`-separated). */
export function parseMovies1m(bytes: Uint8Array, file: string, sink: IssueSink): { movies: MoviesTable; known: Uint8Array } {
  const builder = new MoviesBuilder(file, [...ML1M_GENRES], sink);
  splitLines(decodeText(bytes, 'latin1')).forEach((line, i) => {
    const lineNo = i + 1;
    if (line === '') return;
    const f = splitFields(line, '::', 3, file, lineNo, sink, ['movieId', 'title', 'genres']);
    if (!f) return;
    const id = parseId(f[0]!, file, lineNo, 'movieId', sink);
    if (id === undefined) return;
    const genres = f[2] === '' ? [] : f[2]!.split('|').map((g) => builder.genre(g));
    builder.add(lineNo, id, f[1]!, yearFromTitle(f[1]!), Number.NaN, genres);
  });
  if (builder.length === 0) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
  return builder.build();
}

/** `users.dat`: UserID::Gender::Age::Occupation::Zip-code, with age and occupation as codes. */
export function parseUsers1m(bytes: Uint8Array, file: string, sink: IssueSink): UsersTable {
  const builder = new UsersBuilder(file, sink, ML1M_OCCUPATIONS);
  splitLines(decodeText(bytes, 'latin1')).forEach((line, i) => {
    const lineNo = i + 1;
    if (line === '') return;
    const f = splitFields(line, '::', 5, file, lineNo, sink, ['userId', 'gender', 'age', 'occupation', 'zip']);
    if (!f) return;
    const id = parseId(f[0]!, file, lineNo, 'userId', sink);
    if (id === undefined) return;
    const age = Number(f[2]);
    if (!(ML1M_AGE_CODES as readonly number[]).includes(age) || f[2]!.trim() === '') {
      return sink.reject('out-of-range', file, lineNo, 'age', msg.outOfRange(file, 'age', f[2]!, ML1M_AGE_CODES.join(', ')));
    }
    const occ = ML1M_OCCUPATIONS[Number(f[3])];
    if (occ === undefined || !/^\d+$/.test(f[3]!)) {
      return sink.reject('out-of-range', file, lineNo, 'occupation', msg.outOfRange(file, 'occupation', f[3]!, '0 … 20'));
    }
    builder.add(lineNo, id, age, f[1]!, occ, f[4]!);
  });
  const users = builder.build();
  if (users.length === 0) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
  return users;
}
