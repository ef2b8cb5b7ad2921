import { checkCall } from '../arguments'; /**
 * Percent-decoding as MLflow's checks see it. MLflow decodes with Python's `urllib.parse.unquote`,
 * which decodes every valid `%XX` run as UTF-8 (invalid bytes become U+FFFD) and leaves a `%` that
 * starts no valid escape as it is — so `data/50%off.csv` is a plain name, while
 * `%2e%2e/50%off` still decodes to `../50%off`. `decodeURIComponent` instead throws on the
 * whole string, which let one stray `%` hide an encoded `..` (checked against Python in the interop suite).
 */
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Python's `urllib.parse.unquote(text)` (encoding utf-8, errors 'replace'). */
export function unquote(text: string): string {
  checkCall('unquote', arguments, 1);
  if (!text.includes('%')) return text;
  return text.replace(ESCAPE_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return utf8.decode(bytes);
  });
}

/** How many decoding rounds a path may need; deeper nesting is refused (MLflow gives up after 10). */
export const MAX_DECODE_ROUNDS = 8;

/**
 * Every form a text takes while it is decoded until stable: `[text, unquote(text), …]`.
 * Returns undefined when it is still changing after MAX_DECODE_ROUNDS rounds.
 */
export function decodedForms(text: string): string[] | undefined {
  checkCall('decodedForms', arguments, 1);
  const forms = [text];
  let current = text;
  for (let i = 0; i < MAX_DECODE_ROUNDS; i++) {
    const next = unquote(current);
    if (next === current) return forms;
    forms.push(next);
    current = next;
  }
  return undefined;
}
