/** Runs the README's example as written (only the zip path is pointed at the real ml-100k). */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';
import { ML100K_PATH } from './helpers/ml100k';

const here = path.dirname(fileURLToPath(import.meta.url));
const generated = path.join(here, '.readme-example.generated.ts');
afterAll(() => rmSync(generated, { force: true }));

it('the README example runs and prints what it claims', async () => {
  const readme = readFileSync(path.join(here, '../README.md'), 'utf8');
  const code = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  writeFileSync(generated, `${code!.replace("'ml-100k.zip'", JSON.stringify(ML100K_PATH))}\nexport {};\n`);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(generated);
    expect(log.mock.calls[0]).toEqual([80_000, 69, ['movie_pos_rate', 'movie_count_log1p', 'movie_mean_rating'], 10_000]);
    expect(log.mock.calls[1]).toEqual([true]);
  } finally {
    log.mockRestore();
  }
});
