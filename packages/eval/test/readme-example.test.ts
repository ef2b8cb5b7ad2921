// The README's example must run against the real API: extract it, point it at the sources, run it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('README example runs and writes a report', async () => {
  const readme = readFileSync(path.join(here, '../README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  const dir = mkdtempSync(path.join(here, '.readme-'));
  const tmp = mkdtempSync(path.join(dir, 'out-'));
  const prev = process.env.TMPDIR;
  try {
    const file = path.join(dir, 'example.ts');
    writeFileSync(file, code.replace("from '@abt/eval'", `from ${JSON.stringify(path.join(here, '../src/index'))}`));
    process.env.TMPDIR = tmp;
    await import(/* @vite-ignore */ file);
    expect(readFileSync(path.join(tmp, 'abt-eval-report.html'), 'utf8')).toContain('data-chart="roc"');
  } finally {
    process.env.TMPDIR = prev;
    if (prev === undefined) delete process.env.TMPDIR;
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
