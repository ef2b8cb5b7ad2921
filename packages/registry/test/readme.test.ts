import path from 'node:path';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../scripts/readme-example.mjs';

// Runs the README's example as written, with '@abt/registry' pointed at this package's entry.
it('the README example runs against the real API', async () => {
  const printed = await runReadmeExample({
    readme: path.join(import.meta.dirname, '..', 'README.md'),
    anchor: '## Example',
    dir: import.meta.dirname,
    imports: { '@abt/registry': path.join(import.meta.dirname, '../src/index.js') },
  });
  expect(printed[0]?.[0]).toBe('models:/movielens_ctr_ab/1');
  expect(printed[1]?.[1]).toBe('model.lgb');
});
