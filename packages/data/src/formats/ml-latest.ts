import type { LinksTable, MoviesTable, TagsTable } from '../tables';
import type { IssueSink } from '../parse/issues';
import { csvRecords, type CsvRecord } from '../parse/csv';
import { decodeText } from '../parse/text';
import { messages as msg } from '../messages';
import { DictBuilder } from './dict';
import { parseId, parseOptionalNumber, yearFromTitle } from './fields';
import { MoviesBuilder } from './movies-builder';
import { ML_LATEST_GENRES, NO_GENRES } from './vocabulary';

/** CSV records after a checked header; reports field-count / wrong-delimiter per record. */
function* records(bytes: Uint8Array, file: string, header: readonly string[], sink: IssueSink): Generator<CsvRecord> {
  const it = csvRecords(decodeText(bytes, 'utf8'));
  let first = true;
  for (;;) {
    const next = it.next();
    if (next.done) {
      if (next.value.unterminatedAt !== undefined) {
        sink.reject('field-count', file, next.value.unterminatedAt, undefined, msg.unterminatedQuote(file));
      }
      if (first) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
      return;
    }
    const rec = next.value;
    if (first) {
      first = false;
      if (rec.fields.map((s) => s.trim()).join(',') !== header.join(',')) {
        sink.reject('bad-header', file, rec.line, undefined, msg.badHeader(file, header, rec.fields.join(',')));
      }
      continue;
    }
    if (rec.fields.length !== header.length) {
      const line = rec.fields.join(',');
      if (rec.fields.length === 1 && /\t|;|\||::/.test(line)) {
        sink.reject('wrong-delimiter', file, rec.line, header[0], msg.wrongDelimiter(file, ',', line));
      } else {
        const missing = rec.fields.length < header.length ? header[rec.fields.length] : undefined;
        sink.reject('field-count', file, rec.line, missing, msg.fieldCount(file, header.length, rec.fields.length));
      }
      continue;
    }
    yield rec;
  }
}

/** `movies.csv`: movieId,title,genres — RFC 4180 quoting, UTF-8, `(no genres listed)` = no flags. */
export function parseMoviesCsv(bytes: Uint8Array, file: string, sink: IssueSink): { movies: MoviesTable; known: Uint8Array } {
  const builder = new MoviesBuilder(file, [...ML_LATEST_GENRES], sink);
  let rows = 0;
  for (const { line, fields } of records(bytes, file, ['movieId', 'title', 'genres'], sink)) {
    rows++;
    const id = parseId(fields[0]!, file, line, 'movieId', sink);
    if (id === undefined) continue;
    const g = fields[2]!;
    const genres = g === '' || g === NO_GENRES ? [] : g.split('|').map((name) => builder.genre(name));
    builder.add(line, id, fields[1]!, yearFromTitle(fields[1]!), Number.NaN, genres);
  }
  if (rows === 0 && builder.length === 0) sink.fail('empty-file', file, 0, undefined, msg.emptyFile(file));
  return builder.build();
}

/** `tags.csv`: userId,movieId,tag,timestamp. */
export function parseTagsCsv(bytes: Uint8Array, file: string, sink: IssueSink): TagsTable {
  const users: number[] = [];
  const movies: number[] = [];
  const times: number[] = [];
  const tag = new DictBuilder();
  for (const { line, fields } of records(bytes, file, ['userId', 'movieId', 'tag', 'timestamp'], sink)) {
    const u = parseId(fields[0]!, file, line, 'userId', sink);
    if (u === undefined) continue;
    const m = parseId(fields[1]!, file, line, 'movieId', sink);
    if (m === undefined) continue;
    const t = parseOptionalNumber(fields[3]!, file, line, 'timestamp', sink);
    if (t === undefined) continue;
    users.push(u);
    movies.push(m);
    times.push(t);
    tag.push(fields[2]!);
  }
  return {
    length: users.length,
    userId: Int32Array.from(users),
    movieId: Int32Array.from(movies),
    tag: tag.build(),
    timestamp: Float64Array.from(times),
  };
}

/** `links.csv`: movieId,imdbId,tmdbId (tmdbId may be empty → NaN). */
export function parseLinksCsv(bytes: Uint8Array, file: string, sink: IssueSink): LinksTable {
  const ids: number[] = [];
  const imdb: number[] = [];
  const tmdb: number[] = [];
  for (const { line, fields } of records(bytes, file, ['movieId', 'imdbId', 'tmdbId'], sink)) {
    const m = parseId(fields[0]!, file, line, 'movieId', sink);
    if (m === undefined) continue;
    const i = parseOptionalNumber(fields[1]!, file, line, 'imdbId', sink);
    if (i === undefined) continue;
    const t = parseOptionalNumber(fields[2]!, file, line, 'tmdbId', sink);
    if (t === undefined) continue;
    ids.push(m);
    imdb.push(i);
    tmdb.push(t);
  }
  return { length: ids.length, movieId: Int32Array.from(ids), imdbId: Float64Array.from(imdb), tmdbId: Float64Array.from(tmdb) };
}
