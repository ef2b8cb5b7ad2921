/** Escapes text for HTML element content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe to embed inside a <script> element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function num(v: number | undefined, digits = 4): string {
  if (v === undefined) return '–';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toFixed(digits).replace(/^-/, '−');
}

export function signed(v: number, digits = 4): string {
  return (v > 0 ? '+' : '') + num(v, digits);
}

export function ci(lo: number | undefined, hi: number | undefined, digits = 4): string {
  return lo === undefined || hi === undefined ? '' : `[${num(lo, digits)}, ${num(hi, digits)}]`;
}

export function pValue(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return '–';
  return p < 1e-4 ? '&lt; 0.0001' : p.toFixed(4);
}

export function pct(v: number, digits = 1): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : '–';
}

/** Verdict badge: green for B, blue for A, grey for no significant difference. */
export function badge(text: string): string {
  const kind = text.startsWith('B ') ? 'b' : text.startsWith('A ') ? 'a' : 'none';
  return `<span class="badge badge-${kind}">${esc(text)}</span>`;
}
