import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

// The README's example must run against the real API: extract it, point the imports at the sources, run it.
const generated = path.join(import.meta.dirname, 'readme-example.gen.ts');
afterAll(() => rmSync(generated, { force: true }));

it('README example runs', async () => {
  const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  writeFileSync(
    generated,
    `${code!.replaceAll("from '@abt/router/server'", "from '../src/server/index'").replaceAll("from '@abt/router'", "from '../src/index'")}\nexport {};\n`,
  );
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(generated);
  const printed = log.mock.calls.map((c) => c[0]);
  log.mockRestore();
  expect(printed[1]).toBe('forced');
  expect(printed[3]).toEqual({ predictions: [expect.objectContaining({ model_version: expect.any(String) })] });
  expect(printed).toHaveLength(5);
});
