/** C printf `%.<p>g`, which LightGBM uses for every number it writes. */
export function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let s = x.toExponential(precision - 1);
  const [m0, e] = s.split('e') as [string, string];
  let mant = m0;
  const ev = Number(e);
  if (ev < -4 || ev >= precision) {
    if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    const sign = ev < 0 ? '-' : '+';
    const digits = String(Math.abs(ev)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  s = x.toFixed(Math.max(0, precision - 1 - ev));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** `%.17g`: round-trips every double (leaf values, thresholds). */
export const g17 = (x: number) => formatG(x, 17);
/** `%g`: six significant digits (gains, internal values). */
export const g6 = (x: number) => formatG(x, 6);
