/** Runs the README's example as written (only the zip path is pointed at the real ml-100k). */
import path from 'node:path';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../scripts/readme-example.mjs';
import { ML100K_PATH } from './helpers/ml100k';

it('the README example runs and prints what it claims', async () => {
  const printed = await runReadmeExample({
    readme: path.join(import.meta.dirname, '../README.md'),
    anchor: '## Example',
    dir: import.meta.dirname,
    replace: [["'ml-100k.zip'", JSON.stringify(ML100K_PATH)]],
  });
  expect(printed[0]).toEqual([80_000, 69, ['movie_pos_rate', 'movie_count_log1p', 'movie_mean_rating'], 10_000]);
  expect(printed[1]).toEqual([true]);
});
