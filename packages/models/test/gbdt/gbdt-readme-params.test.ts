import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { GBDT_PARAMS } from '../../src/index';

// The README's parameter lists say what GBDT_PARAMS says: every LightGBM parameter once, under
// its treatment (implemented, accepted with no effect, refused).
const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

/** Backticked names in the first column of the table rows between `heading` and the next heading. */
function namesUnder(heading: string): string[] {
  const start = readme.indexOf(heading);
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n#', start + heading.length);
  const rows = readme
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('| `'));
  return rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]!));
}

test('README lists every LightGBM parameter under its treatment in GBDT_PARAMS', () => {
  const want = { implemented: [] as string[], noop: [] as string[], unsupported: [] as string[] };
  for (const [name, s] of Object.entries(GBDT_PARAMS)) want[s.treatment.kind].push(name);
  expect(namesUnder('#### Implemented').sort()).toEqual(want.implemented.sort());
  expect(namesUnder('#### Accepted, no effect on the model').sort()).toEqual(want.noop.sort());
  expect(namesUnder('#### Refused unless left at the value abt implements').sort()).toEqual(want.unsupported.sort());
});
