/**
 * C `%.<p>g` as LightGBM writes numbers (fmt's `{:g}` / `{:.17g}` in arrays, `std::ostream` elsewhere):
 * the exact binary value rounded to p significant digits, ties to even. JavaScript's
 * `toExponential` rounds ties up, so an exact tie (e.g. 75.1053009033203125 to 17 digits, a float
 * widened to double) is detected and rounded to even.
 */
export function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [m0, e0] = x.toExponential(precision - 1).split('e') as [string, string];
  let digits = m0.replace('-', '').replace('.', '');
  let exp = Number(e0);
  const tie = tieToEven(Math.abs(x), precision, exp);
  if (tie) ({ digits, exp } = tie);
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= precision) {
    const mant = trimZeros(digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // fixed notation with precision significant digits
  let s: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    s = `${intPart}.${digits.slice(exp + 1)}`;
  } else {
    s = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return sign + trimZeros(s);
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * When |x| lies exactly halfway between two p-digit decimals and the lower one ends in an even
 * digit, returns that lower one (toExponential would round up); otherwise undefined.
 */
function tieToEven(x: number, p: number, exp10: number): { digits: string; exp: number } | undefined {
  f64[0] = x;
  const bits = u64[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let M = bits & 0xfffffffffffffn;
  let E = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) M |= 1n << 52n;
  while ((M & 1n) === 0n) {
    M >>= 1n;
    E++;
  }
  // x = M · 2^E with M odd: for E < 0 its last non-zero decimal digit is at 10^E, so the exact
  // expansion has exp10 − E + 1 significant digits; a tie needs exactly p + 1 (±1 for exp10,
  // which toExponential may have rounded up). Integers only tie beyond 10^p.
  if (E < 0 ? Math.abs(exp10 - E + 1 - (p + 1)) > 1 : x < 10 ** (p - 1)) return undefined;
  let D = (E >= 0 ? M << BigInt(E) : M * 5n ** BigInt(-E)).toString();
  let lastExp = E >= 0 ? 0 : E;
  D = D.replace(/0+$/, (z) => {
    lastExp += z.length;
    return '';
  });
  // exactly halfway: digit p is the last non-zero digit and it is 5
  if (D.length !== p + 1 || D[p] !== '5') return undefined;
  if (Number(D[p - 1]) % 2 === 1) return undefined;
  return { digits: D.slice(0, p), exp: lastExp + D.length - 1 };
}

/** `%.17g`: round-trips every double (leaf values, thresholds). */
export const g17 = (x: number) => formatG(x, 17);
/** `%g`: six significant digits (gains, internal values). */
export const g6 = (x: number) => formatG(x, 6);
