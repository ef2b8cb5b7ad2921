/**
 * sklearn's `_name_estimators` (what `make_pipeline` calls): each step is named after its class,
 * lowercased; a name used more than once gets `-1`, `-2`, … in order. abt's `kind` is the class name.
 */
export function stepNames(kinds: readonly string[]): string[] {
  const names = kinds.map((k) => k.toLowerCase());
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((n) => {
    if (total.get(n) === 1) return n;
    const i = (seen.get(n) ?? 0) + 1;
    seen.set(n, i);
    return `${n}-${i}`;
  });
}
