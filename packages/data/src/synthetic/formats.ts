import { csvField } from '../parse/csv';
import { ML1M_OCCUPATIONS, ML100K_OCCUPATIONS, NO_GENRES } from '../formats/vocabulary';
import { ChunkedWriter } from './chunked-writer';
import type { MovieLensFormat } from '../tables';
import type { World } from './world';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ml-1m age group (code = the group's lower bound) of an age in years. */
export function ageCode(age: number): number {
  return age < 18 ? 1 : age < 25 ? 18 : age < 35 ? 25 : age < 45 ? 35 : age < 50 ? 45 : age < 56 ? 50 : 56;
}

export function ratingsFileName(format: MovieLensFormat): string {
  return format === 'ml-100k' ? 'u.data' : format === 'ml-1m' ? 'ratings.dat' : 'ratings.csv';
}

export function encodingOf(format: MovieLensFormat): 'latin1' | 'utf8' {
  return format === 'ml-latest' ? 'utf8' : 'latin1';
}

/** One ratings line in the format's own layout. */
export function ratingLine(format: MovieLensFormat, u: number, m: number, r: number, t: number): string {
  if (format === 'ml-100k') return `${u}\t${m}\t${r}\t${t}\n`;
  if (format === 'ml-1m') return `${u}::${m}::${r}::${t}\n`;
  return `${u},${m},${r.toFixed(1)},${t}\n`;
}

/** ml-latest: a few movies carry no genre, spelled as GroupLens does. */
export function hasNoGenres(format: MovieLensFormat, movieIndex: number): boolean {
  return format === 'ml-latest' && movieIndex % 97 === 96;
}

/** Writes the catalog, demographics and side files of a format; returns their names. */
export function writeSideFiles(dir: string, format: MovieLensFormat, world: World, rng: () => number, tagCount: number, start: number, span: number): string[] {
  const enc = encodingOf(format);
  const open = (name: string) => new ChunkedWriter(`${dir}/${name}`, enc);
  const G = world.genreNames.length;
  if (format === 'ml-100k') {
    const item = open('u.item');
    for (let i = 0; i < world.movies; i++) {
      const flags = new Array<number>(G).fill(0);
      for (const g of world.movieGenres[i]!) flags[g] = 1;
      const title = world.title[i]!;
      // Every 101st movie lacks a release date, so the year must come from the title.
      const date = i % 101 === 100 ? '' : `${String(1 + (i % 28)).padStart(2, '0')}-${MONTHS[i % 12]}-${world.year[i]}`;
      item.write(`${i + 1}|${title}|${date}||http://us.imdb.com/M/title-exact?${encodeURIComponent(title)}|${flags.join('|')}\n`);
    }
    item.close();
    const user = open('u.user');
    for (let u = 0; u < world.users; u++) {
      const occ = ML100K_OCCUPATIONS[world.occupation[u]! % ML100K_OCCUPATIONS.length];
      user.write(`${u + 1}|${world.age[u]}|${world.gender[u]}|${occ}|${world.zip[u]}\n`);
    }
    user.close();
    const genre = open('u.genre');
    world.genreNames.forEach((g, k) => genre.write(`${g}|${k}\n`));
    genre.write('\n');
    genre.close();
    const occupation = open('u.occupation');
    for (const o of ML100K_OCCUPATIONS) occupation.write(`${o}\n`);
    occupation.close();
    return ['u.data', 'u.item', 'u.user', 'u.genre', 'u.occupation'];
  }
  if (format === 'ml-1m') {
    const movies = open('movies.dat');
    for (let i = 0; i < world.movies; i++) {
      movies.write(`${i + 1}::${world.title[i]}::${world.movieGenres[i]!.map((g) => world.genreNames[g]).join('|')}\n`);
    }
    movies.close();
    const users = open('users.dat');
    for (let u = 0; u < world.users; u++) {
      const occ = world.occupation[u]! % ML1M_OCCUPATIONS.length;
      users.write(`${u + 1}::${world.gender[u]}::${ageCode(world.age[u]!)}::${occ}::${world.zip[u]}\n`);
    }
    users.close();
    return ['ratings.dat', 'movies.dat', 'users.dat'];
  }
  const movies = open('movies.csv');
  movies.write('movieId,title,genres\n');
  for (let i = 0; i < world.movies; i++) {
    const genres = hasNoGenres(format, i) ? NO_GENRES : world.movieGenres[i]!.map((g) => world.genreNames[g]).join('|');
    movies.write(`${i + 1},${csvField(world.title[i]!)},${genres}\n`);
  }
  movies.close();
  const links = open('links.csv');
  links.write('movieId,imdbId,tmdbId\n');
  for (let i = 0; i < world.movies; i++) {
    links.write(`${i + 1},${String(100000 + i * 7).padStart(7, '0')},${i % 50 === 49 ? '' : 862 + i * 3}\n`);
  }
  links.close();
  const tags = open('tags.csv');
  tags.write('userId,movieId,tag,timestamp\n');
  const words = ['funny', 'dark comedy', 'twist ending', 'visually appealing', 'slow, but good', 'says "wow"', 'atmospheric'];
  for (let k = 0; k < tagCount; k++) {
    const u = 1 + Math.floor(rng() * world.users);
    const m = 1 + Math.floor(rng() * world.movies);
    tags.write(`${u},${m},${csvField(words[Math.floor(rng() * words.length)]!)},${start + Math.floor(rng() * span)}\n`);
  }
  tags.close();
  return ['ratings.csv', 'movies.csv', 'links.csv', 'tags.csv'];
}
