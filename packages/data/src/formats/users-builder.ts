import type { UsersTable } from '../tables';
import type { IssueSink } from '../parse/issues';
import { messages as msg } from '../messages';
import { DictBuilder } from './dict';

/** Accumulates demographic rows into a columnar UsersTable. */
export class UsersBuilder {
  private readonly ids: number[] = [];
  private readonly ages: number[] = [];
  private readonly gender = new DictBuilder();
  private readonly occupation: DictBuilder;
  private readonly zip = new DictBuilder();
  private readonly seen = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly sink: IssueSink,
    occupations: readonly string[] = [],
  ) {
    this.occupation = new DictBuilder(occupations);
  }

  add(lineNo: number, id: number, age: number, gender: string, occupation: string, zip: string): void {
    if (this.seen.has(id)) {
      this.sink.reject('duplicate-id', this.file, lineNo, 'userId', msg.duplicateId(this.file, 'userId', id));
      return;
    }
    this.seen.add(id);
    this.ids.push(id);
    this.ages.push(age);
    this.gender.push(gender);
    this.occupation.push(occupation);
    this.zip.push(zip);
  }

  build(): UsersTable {
    return {
      length: this.ids.length,
      userId: Int32Array.from(this.ids),
      age: Int32Array.from(this.ages),
      gender: this.gender.build(),
      occupation: this.occupation.build(),
      zip: this.zip.build(),
    };
  }
}
