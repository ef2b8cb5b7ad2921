/** A plain-text table: header, rule, rows; numeric-looking columns right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+( ?%)?$|^n\/a$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((v, c) => (numeric[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
export const num = (v: number | null, digits = 4): string => (v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits));
