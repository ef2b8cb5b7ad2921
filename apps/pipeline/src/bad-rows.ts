import type { DataIssueKind, DroppedDuplicates, ParseIssues, RatingsTable } from '@abt/data';

/** The reasons `--bad-rows skip` drops a row for. */
type BadRowReason = 'malformed' | 'orphan' | 'duplicate';

/** What `--bad-rows` did, by reason, with a few examples (logged to MLflow, printed, in the state). */
export type BadRowsReport = {
  readonly mode: 'error' | 'skip';
  readonly dropped: Readonly<Record<BadRowReason, number>>;
  /** Repeated (user, item) pairs that `error` mode keeps (counted, not dropped). */
  readonly keptDuplicates: number;
  readonly examples: readonly { readonly reason: BadRowReason; readonly text: string }[];
};

const EXAMPLES_PER_REASON = 3;

/** A rating of an item the catalog does not list; everything else the parser rejects is a malformed line. */
const reasonOf = (kind: DataIssueKind): BadRowReason | undefined =>
  kind === 'unknown-movie' ? 'orphan' : kind === 'duplicate-rating' ? undefined : 'malformed';

export function badRowsReport(mode: 'error' | 'skip', issues: ParseIssues | undefined, duplicates: DroppedDuplicates<RatingsTable> | undefined): BadRowsReport {
  const dropped = { malformed: 0, orphan: 0, duplicate: duplicates?.dropped ?? 0 };
  for (const [kind, n] of Object.entries(issues?.byKind ?? {}) as [DataIssueKind, number][]) {
    const reason = reasonOf(kind);
    if (reason !== undefined && mode === 'skip') dropped[reason] += n;
  }
  const examples: { reason: BadRowReason; text: string }[] = [];
  for (const x of issues?.examples ?? []) {
    const reason = reasonOf(x.kind);
    if (reason !== undefined && examples.filter((e) => e.reason === reason).length < EXAMPLES_PER_REASON)
      examples.push({ reason, text: x.line > 0 && !x.message.includes(`:${x.line}:`) ? `line ${x.line}: ${x.message}` : x.message });
  }
  for (const d of (duplicates?.examples ?? []).slice(0, EXAMPLES_PER_REASON)) {
    examples.push({ reason: 'duplicate', text: `rating #${d.row + 1}: user ${d.userId} rated item ${d.movieId} again; the latest rating is kept` });
  }
  return { mode, dropped, keptDuplicates: mode === 'error' ? (issues?.byKind['duplicate-rating'] ?? 0) : 0, examples };
}

/** Lines for the summary: counts by reason and the examples; nothing when nothing was wrong. */
export function badRowsLines(r: BadRowsReport): string[] {
  const total = r.dropped.malformed + r.dropped.orphan + r.dropped.duplicate;
  const lines: string[] = [];
  if (total > 0) {
    lines.push(
      `--bad-rows skip dropped ${total.toLocaleString('en')} rows: ${r.dropped.malformed.toLocaleString('en')} malformed lines, ${r.dropped.orphan.toLocaleString('en')} ratings of items missing from the catalog, ${r.dropped.duplicate.toLocaleString('en')} repeated (user, item) pairs`,
    );
    for (const e of r.examples) lines.push(`  e.g. (${e.reason}) ${e.text}`);
  }
  if (r.keptDuplicates > 0)
    lines.push(`${r.keptDuplicates.toLocaleString('en')} repeated (user, item) pairs kept; --bad-rows skip keeps only each pair's latest rating`);
  return lines;
}

/** MLflow metrics of the counts (`bad_rows_malformed`, …). */
export function badRowsMetrics(r: BadRowsReport): Record<string, number> {
  return {
    bad_rows_malformed: r.dropped.malformed,
    bad_rows_orphan: r.dropped.orphan,
    bad_rows_duplicate: r.dropped.duplicate,
    duplicate_pairs_kept: r.keptDuplicates,
  };
}
