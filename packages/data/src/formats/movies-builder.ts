import type { MoviesTable } from '../tables';
import type { IssueSink } from '../parse/issues';
import { messages as msg } from '../messages';

/** Accumulates catalog rows and builds the columnar MoviesTable plus a known-id bitmap. */
export class MoviesBuilder {
  private readonly ids: number[] = [];
  private readonly titles: string[] = [];
  private readonly years: number[] = [];
  private readonly releases: number[] = [];
  private readonly flags: number[][] = [];
  private readonly seen = new Set<number>();
  private readonly genreIndex = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly genreNames: string[],
    private readonly sink: IssueSink,
  ) {
    genreNames.forEach((g, i) => this.genreIndex.set(g, i));
  }

  /** Index of a genre name, appending names the vocabulary lacks (documented: kept, not rejected). */
  genre(name: string): number {
    let i = this.genreIndex.get(name);
    if (i === undefined) {
      i = this.genreNames.length;
      this.genreNames.push(name);
      this.genreIndex.set(name, i);
    }
    return i;
  }

  add(lineNo: number, id: number, title: string, year: number, release: number, genres: number[]): void {
    if (this.seen.has(id)) {
      this.sink.reject('duplicate-id', this.file, lineNo, 'movieId', msg.duplicateId(this.file, 'movieId', id));
      return;
    }
    this.seen.add(id);
    this.ids.push(id);
    this.titles.push(title);
    this.years.push(year);
    this.releases.push(release);
    this.flags.push(genres);
  }

  get length(): number {
    return this.ids.length;
  }

  build(): { movies: MoviesTable; known: Uint8Array } {
    const n = this.ids.length;
    const g = this.genreNames.length;
    const genres = new Uint8Array(n * g);
    this.flags.forEach((row, i) => row.forEach((k) => (genres[i * g + k] = 1)));
    let max = 0;
    for (const id of this.ids) if (id > max) max = id;
    const known = new Uint8Array(max + 1);
    for (const id of this.ids) known[id] = 1;
    return {
      movies: {
        length: n,
        movieId: Int32Array.from(this.ids),
        title: this.titles,
        year: Float32Array.from(this.years),
        releaseTimestamp: Float64Array.from(this.releases),
        genreNames: [...this.genreNames],
        genres,
      },
      known,
    };
  }
}
