// The README's example must run against the real API (the one README harness, scripts/readme-example.mjs).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../scripts/readme-example.mjs';

it('README example runs and writes a report', async () => {
  const here = import.meta.dirname;
  const tmp = mkdtempSync(path.join(here, '.readme-out-'));
  try {
    await runReadmeExample({
      readme: path.join(here, '../README.md'),
      anchor: '## Example',
      dir: here,
      imports: { '@abt/eval': path.join(here, '../src/index') },
      env: { TMPDIR: tmp },
    });
    expect(readFileSync(path.join(tmp, 'abt-eval-report.html'), 'utf8')).toContain('data-chart="roc"');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);
