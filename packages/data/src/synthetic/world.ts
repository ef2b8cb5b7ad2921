import { normal } from '../random';

/** The latent "world" behind synthetic ratings: items, users and their factors. */
export type World = {
  readonly movies: number;
  readonly users: number;
  readonly dims: number;
  readonly genreNames: readonly string[];
  /** Per movie: title, year, genre indices. */
  readonly title: string[];
  readonly year: Int32Array;
  readonly movieGenres: number[][];
  /** Row-major `movies × dims` and `users × dims`. */
  readonly itemFactor: Float64Array;
  readonly itemBias: Float64Array;
  readonly userFactor: Float64Array;
  readonly userBias: Float64Array;
  /** Cumulative popularity weights (Zipf over a random rank), for inverse-CDF sampling. */
  readonly popularityCdf: Float64Array;
  readonly popularity: Float64Array;
  /** Per user: gender ('M'/'F'), age in years, occupation index, zip. */
  readonly gender: string[];
  readonly age: Int32Array;
  readonly occupation: Int32Array;
  readonly zip: string[];
};

const WORDS = [
  'Night',
  'River',
  'Star',
  'Garden',
  'Shadow',
  'Winter',
  'Summer',
  'Love',
  'City',
  'Dream',
  'Storm',
  'Secret',
  'Journey',
  'Island',
  'Ghost',
  'Heart',
  'Fire',
  'Ocean',
  'Road',
  'King',
  'Queen',
  'Last',
  'Silent',
  'Golden',
  'Dark',
  'Little',
  'Wild',
  'Lost',
  'Broken',
  'Hidden',
  'Blue',
  'Iron',
  'Paper',
  'Glass',
  'Empire',
  'Dance',
];
// Accented words exercise latin-1 (ml-100k / ml-1m) and UTF-8 (ml-latest) decoding.
const ACCENTED = ['Amélie', 'Café', 'Señor', 'Noël', 'Müller', 'Crème', 'Château', 'Ça'];
const ARTICLES = ['The', 'A', 'La', 'Les'];

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** MovieLens-style title: "Word Word (1995)", sometimes "Word, The (1995)" or with an accent. */
function makeTitle(rng: () => number, id: number, year: number, allowQuotes: boolean): string {
  let name = `${pick(rng, WORDS)} ${pick(rng, WORDS)}`;
  const r = rng();
  if (r < 0.04) name = `${pick(rng, ACCENTED)} ${pick(rng, WORDS)}`;
  else if (r < 0.1)
    name = `${name}, ${pick(rng, ARTICLES)}`; // "Usual Suspects, The" — a comma inside the title
  else if (r < 0.12 && allowQuotes) name = `"${name}"`;
  return `${name} ${id} (${year})`;
}

/** Genre prior: the first listed genres (Drama, Comedy in MovieLens) are the most common. */
function genrePrior(g: number): Float64Array {
  const w = new Float64Array(g);
  for (let k = 0; k < g; k++) w[k] = 1 / (1 + ((k * 7) % g) * 0.35);
  return w;
}

function drawWeighted(rng: () => number, w: Float64Array): number {
  let total = 0;
  for (const x of w) total += x;
  let r = rng() * total;
  for (let k = 0; k < w.length; k++) {
    r -= w[k]!;
    if (r <= 0) return k;
  }
  return w.length - 1;
}

export type WorldOptions = {
  users: number;
  movies: number;
  dims: number;
  zipf: number;
  genreNames: readonly string[];
  /** Genre indices never drawn (e.g. ml-100k's "unknown"). */
  skipGenres: readonly number[];
  occupations: number;
  startYear: number;
  quotesInTitles: boolean;
};

export function buildWorld(rng: () => number, o: WorldOptions): World {
  const { users: U, movies: M, dims: D } = o;
  const G = o.genreNames.length;
  const prior = genrePrior(G);
  for (const k of o.skipGenres) prior[k] = 0;
  // Each genre has a direction in factor space; movies inherit their genres' directions.
  const centroid = new Float64Array(G * D);
  for (let i = 0; i < centroid.length; i++) centroid[i] = normal(rng);
  const itemFactor = new Float64Array(M * D);
  const itemBias = new Float64Array(M);
  const movieGenres: number[][] = [];
  const title: string[] = [];
  const year = new Int32Array(M);
  // Popularity: Zipf over a random permutation, so ids carry no popularity order.
  const rank = new Int32Array(M);
  for (let i = 0; i < M; i++) rank[i] = i;
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rank[i], rank[j]] = [rank[j]!, rank[i]!];
  }
  const popularity = new Float64Array(M);
  const popularityCdf = new Float64Array(M);
  let acc = 0;
  for (let i = 0; i < M; i++) {
    popularity[i] = 1 / (rank[i]! + 1) ** o.zipf;
    acc += popularity[i]!;
    popularityCdf[i] = acc;
  }
  for (let i = 0; i < M; i++) {
    const first = drawWeighted(rng, prior);
    const genres = new Set([first]);
    const extra = rng() < 0.5 ? (rng() < 0.4 ? 2 : 1) : 0;
    for (let e = 0; e < extra; e++) genres.add(drawWeighted(rng, prior));
    const list = [...genres].sort((a, b) => a - b);
    movieGenres.push(list);
    for (let d = 0; d < D; d++) {
      let v = 0;
      for (const g of list) v += centroid[g * D + d]!;
      itemFactor[i * D + d] = (v / Math.sqrt(list.length)) * 0.5 + normal(rng) * 0.3;
    }
    // Popular movies are rated a little higher, as in MovieLens.
    itemBias[i] = normal(rng) * 0.35 + 0.25 * Math.log10(1 + (popularity[i]! * M) / 10);
    year[i] = o.startYear - Math.floor(rng() ** 2.5 * 70);
    title.push(makeTitle(rng, i + 1, year[i]!, o.quotesInTitles));
  }
  const userFactor = new Float64Array(U * D);
  const userBias = new Float64Array(U);
  const gender: string[] = [];
  const age = new Int32Array(U);
  const occupation = new Int32Array(U);
  const zip: string[] = [];
  for (let u = 0; u < U; u++) {
    // A user's taste leans towards one favourite genre.
    const fav = drawWeighted(rng, prior);
    for (let d = 0; d < D; d++) userFactor[u * D + d] = centroid[fav * D + d]! * 0.35 + normal(rng) * 0.3;
    userBias[u] = normal(rng) * 0.35;
    gender.push(rng() < 0.71 ? 'M' : 'F');
    age[u] = 18 + Math.floor(rng() ** 1.6 * 55) - (rng() < 0.05 ? 11 : 0);
    occupation[u] = Math.floor(rng() * o.occupations);
    zip.push(String(Math.floor(rng() * 100000)).padStart(5, '0'));
  }
  return {
    movies: M,
    users: U,
    dims: D,
    genreNames: o.genreNames,
    title,
    year,
    movieGenres,
    itemFactor,
    itemBias,
    userFactor,
    userBias,
    popularityCdf,
    popularity,
    gender,
    age,
    occupation,
    zip,
  };
}
