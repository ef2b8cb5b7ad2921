/** Escapes text for HTML element content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe to embed inside a <script> element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** What a table shows for a figure the data cannot give (NaN; null after JSON), instead of "NaN". */
const NOT_ENOUGH_DATA = '<span class="na">not enough data</span>';

export function num(v: number | null | undefined, digits = 4): string {
  if (v === undefined) return '–';
  if (v === null || Number.isNaN(v)) return NOT_ENOUGH_DATA;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toFixed(digits).replace(/^-/, '−');
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function signed(v: number | null, digits = 4): string {
  return (finite(v) && v > 0 ? '+' : '') + num(v, digits);
}

export function ci(lo: number | null | undefined, hi: number | null | undefined, digits = 4): string {
  if (lo === undefined || hi === undefined) return '';
  return finite(lo) && finite(hi) ? `[${num(lo, digits)}, ${num(hi, digits)}]` : '';
}

export function pValue(p: number | null | undefined): string {
  if (p === undefined) return '–';
  if (!finite(p)) return NOT_ENOUGH_DATA;
  return p < 1e-4 ? '&lt; 0.0001' : p.toFixed(4);
}

/** A share as a percentage; "not enough data" (never "NaN %") when the data cannot give it. */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === undefined) return '–';
  return finite(v) ? `${(v * 100).toFixed(digits)} %`.replace(/^-/, '−') : NOT_ENOUGH_DATA;
}

export function signedPct(v: number | null | undefined, digits = 1): string {
  return (finite(v) && v > 0 ? '+' : '') + pct(v, digits);
}

/** An interval of shares, e.g. "[−26.8 %, +56.1 %]"; empty when either end is missing. */
export function pctCi(lo: number | null | undefined, hi: number | null | undefined, digits = 1): string {
  return finite(lo) && finite(hi) ? `[${signedPct(lo, digits)}, ${signedPct(hi, digits)}]` : '';
}

/** A count with thousands separators. */
export function int(n: number | null | undefined): string {
  return finite(n) ? Math.round(n).toLocaleString('en-US') : NOT_ENOUGH_DATA;
}

/** Verdict badge: green for B, blue for A, grey for no significant difference. */
export function badge(text: string): string {
  const kind = text.startsWith('B ') ? 'b' : text.startsWith('A ') ? 'a' : 'none';
  return `<span class="badge badge-${kind}">${esc(text)}</span>`;
}
