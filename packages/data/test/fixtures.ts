import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';

export type FixtureFiles = Record<string, string | Uint8Array>;

/** Latin-1 bytes of a string (ml-100k / ml-1m files are latin-1). */
export function latin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

export function tempDir(prefix = 'abt-data-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes files into a new temp directory (optionally under a sub folder); returns the dataset dir. */
export function writeDir(files: FixtureFiles, sub?: string): string {
  const root = tempDir();
  const dir = sub ? path.join(root, sub) : root;
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return root;
}

/** Writes files into a zip under `folder/` (as GroupLens zips are); returns the zip path. */
export function writeZip(files: FixtureFiles, folder = 'ml-fixture', level: 0 | 6 = 6): string {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) {
    entries[`${folder}/${name}`] = typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
  }
  const zipPath = path.join(tempDir(), `${folder}.zip`);
  writeFileSync(zipPath, zipSync(entries, { level }));
  return zipPath;
}

const FLAGS = (on: number[]) => Array.from({ length: 19 }, (_, k) => (on.includes(k) ? 1 : 0)).join('|');

/** A valid tiny ml-100k. */
export function ml100kFiles(): FixtureFiles {
  return {
    'u.data': '1\t1\t5\t874965758\n1\t2\t3\t876893171\n2\t1\t4\t878542960\n2\t3\t1\t876893119\n',
    'u.item': latin1(
      `1|Toy Story (1995)|01-Jan-1995||http://x|${FLAGS([3, 4, 5])}\n` + `2|Café Society (1995)|||http://x|${FLAGS([8])}\n` + `3|unknown||||${FLAGS([0])}\n`,
    ),
    'u.user': '1|24|M|technician|85711\n2|53|F|other|94043\n',
    'u.genre':
      "unknown|0\nAction|1\nAdventure|2\nAnimation|3\nChildren's|4\nComedy|5\nCrime|6\nDocumentary|7\nDrama|8\nFantasy|9\nFilm-Noir|10\nHorror|11\nMusical|12\nMystery|13\nRomance|14\nSci-Fi|15\nThriller|16\nWar|17\nWestern|18\n\n",
  };
}

/** A valid tiny ml-1m. */
export function ml1mFiles(): FixtureFiles {
  return {
    'ratings.dat': '1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n',
    'movies.dat': latin1(
      "661::James and the Giant Peach (1996)::Animation|Children's|Musical\n1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n1194::Léon (1994)::Crime\n",
    ),
    'users.dat': '1::F::1::10::48067\n2::M::56::16::70072\n',
  };
}

/** A valid tiny ml-latest(-small). */
export function mlLatestFiles(): FixtureFiles {
  return {
    'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,2,0.5,964982224\n2,1,3.0,964983815\n',
    'movies.csv':
      'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n' +
      '2,"American President, The (1995)",Comedy|Drama|Romance\n' +
      '3,"Say ""Anything"" (1989)",(no genres listed)\n' +
      "4,Amélie (Fabuleux destin d'Amélie Poulain) (2001),Comedy|Romance\n",
    'tags.csv': 'userId,movieId,tag,timestamp\n2,1,funny,1445714994\n2,2,"dark, witty",1445714996\n',
    'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0113228,\n3,0113277,949\n4,0211915,194\n',
  };
}
