import { DataFormatError, type DataIssueKind } from '../errors';

/** One example of a problem found while parsing (kept for the first few only). */
export type ParseIssueExample = {
  readonly kind: DataIssueKind;
  readonly file: string;
  /** 1-based line; 0 when the whole file is concerned. */
  readonly line: number;
  readonly field?: string;
  readonly message: string;
};

/**
 * What a load found wrong. `skipped` counts dropped lines (only with `strict: false`);
 * `byKind` counts every issue, including the kept ones (`duplicate-rating`).
 */
export type ParseIssues = {
  readonly skipped: number;
  readonly byKind: Partial<Record<DataIssueKind, number>>;
  readonly examples: readonly ParseIssueExample[];
};

const MAX_EXAMPLES = 20;

/** Collects issues: strict mode throws on the first bad line, lenient mode counts and skips it. */
export class IssueSink {
  skipped = 0;
  readonly byKind: Partial<Record<DataIssueKind, number>> = {};
  readonly examples: ParseIssueExample[] = [];
  constructor(readonly strict: boolean) {}

  /** A bad line: throws when strict, else counts it as skipped. */
  reject(kind: DataIssueKind, file: string, line: number, field: string | undefined, message: string): void {
    if (this.strict) throw new DataFormatError(kind, file, line, field, message);
    this.skipped++;
    this.count(kind, file, line, field, message);
  }

  /** A whole-file problem: throws when strict, else is counted without a skipped line. */
  fail(kind: DataIssueKind, file: string, line: number, field: string | undefined, message: string): void {
    if (this.strict) throw new DataFormatError(kind, file, line, field, message);
    this.count(kind, file, line, field, message);
  }

  /** A problem that never drops data (e.g. duplicate pairs, kept by design). */
  note(kind: DataIssueKind, file: string, line: number, field: string | undefined, message: string, n = 1): void {
    this.count(kind, file, line, field, message, n);
  }

  private count(kind: DataIssueKind, file: string, line: number, field: string | undefined, message: string, n = 1): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + n;
    if (this.examples.length < MAX_EXAMPLES) {
      this.examples.push(field === undefined ? { kind, file, line, message } : { kind, file, line, field, message });
    }
  }

  report(): ParseIssues {
    return { skipped: this.skipped, byKind: { ...this.byKind }, examples: [...this.examples] };
  }
}
