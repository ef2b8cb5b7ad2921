import type { DictColumn } from '../tables';

/** Builds a dictionary-encoded column; codes follow first appearance. */
export class DictBuilder {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly codes: number[] = [];

  constructor(seed: readonly string[] = []) {
    for (const v of seed) this.code(v);
  }

  private code(v: string): number {
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.index.set(v, c);
    }
    return c;
  }

  push(v: string): void {
    this.codes.push(this.code(v));
  }

  build(): DictColumn {
    return { codes: Int32Array.from(this.codes), values: [...this.values] };
  }
}
