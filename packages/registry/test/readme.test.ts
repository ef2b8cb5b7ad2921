import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it, vi } from 'vitest';

// Runs the README's example as written, with '@abt/registry' pointed at this package's entry.
it('the README example runs against the real API', async () => {
  const readme = await readFile(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const code = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeTruthy();
  const file = path.join(import.meta.dirname, `.readme-example-${process.pid}.ts`);
  await writeFile(file, code!.replace("from '@abt/registry'", "from '../src/index.js'"));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(file);
    expect(log.mock.calls[0]?.[0]).toBe('models:/movielens_ctr_ab/1');
    expect(log.mock.calls[1]?.[1]).toBe('model.lgb');
  } finally {
    log.mockRestore();
    await rm(file, { force: true });
  }
});
