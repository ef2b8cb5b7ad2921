import path from 'node:path';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../scripts/readme-example.mjs';

const ML100K_PATH = process.env.ABT_ML100K ?? path.resolve(import.meta.dirname, '../../../../shared/data/movielens/ml-100k.zip');

// The README's example must run against the real API: the one README harness points the imports at the sources.
it('README example runs', async () => {
  const src = path.join(import.meta.dirname, '../src');
  const printed = (
    await runReadmeExample({
      readme: path.join(import.meta.dirname, '../README.md'),
      dir: import.meta.dirname,
      imports: { '@abt/router/server': path.join(src, 'server/index'), '@abt/router': path.join(src, 'index') },
    })
  ).map((args) => args[0]);
  expect(printed[1]).toBe('forced');
  expect(printed[3]).toEqual({ predictions: [expect.objectContaining({ model_version: expect.any(String) })] });
  expect(printed).toHaveLength(5);
});

it('README registry example trains, registers and serves both policies from the registry', async () => {
  const src = path.join(import.meta.dirname, '../src');
  const printed = await runReadmeExample({
    readme: path.join(import.meta.dirname, '../README.md'),
    anchor: '### Real models from the registry',
    dir: import.meta.dirname,
    imports: {
      '@abt/router/server': path.join(src, 'server/index'),
      '@abt/router/loaders': path.join(src, 'loaders/index'),
      // Not a dependency of the router: the example's data loading, from its sources.
      '@abt/data': path.join(import.meta.dirname, '../../data/src/index'),
    },
    replace: [["'ml-100k.zip'", JSON.stringify(ML100K_PATH)]],
  });
  expect(printed).toHaveLength(1);
  const answer = printed[0]![0] as { assigned: string; score: number; model_version: string };
  expect(['A', 'B']).toContain(answer.assigned);
  expect(answer.score).toBeGreaterThan(0);
  expect(answer.score).toBeLessThan(1);
}, 120_000);
