// The README's "Online A/B statistics" example must run against the real API.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('README online A/B example runs and prints a verdict, tracking metrics and three chart names', async () => {
  const readme = readFileSync(path.join(here, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Online A/B statistics'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const dir = mkdtempSync(path.join(here, '.readme-ab-'));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const file = path.join(dir, 'example.ts');
    writeFileSync(file, code.replace("from '@abt/eval'", `from ${JSON.stringify(path.join(here, '../../src/index'))}`));
    await import(/* @vite-ignore */ file);
    const printed = log.mock.calls.map((c) => c[0]);
    expect(printed[0]).toMatch(/^(B wins|A wins|No significant difference|Sample ratio mismatch)/);
    expect(Object.keys(printed[1] as object)).toEqual(expect.arrayContaining(['users_a', 'lift_rel', 'p_value', 'srm_p_value', 'cuped_variance_reduction', 'sequential_p_value']));
    expect(printed[2]).toEqual(['ab_cumulative_lift', 'ab_assignment_share', 'ab_metric_by_arm']);
  } finally {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
