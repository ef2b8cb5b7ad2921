// The README's "Online A/B statistics" example must run against the real API.
import path from 'node:path';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../../scripts/readme-example.mjs';

it('README online A/B example runs and prints a verdict, tracking metrics and three chart names', async () => {
  const here = import.meta.dirname;
  const printed = (
    await runReadmeExample({
      readme: path.join(here, '../../README.md'),
      anchor: '## Online A/B statistics',
      dir: here,
      imports: { '@abt/eval': path.join(here, '../../src/index') },
    })
  ).map((args) => args[0]);
  expect(printed[0]).toMatch(/^(B wins|A wins|No significant difference|Sample ratio mismatch)/);
  expect(Object.keys(printed[1] as object)).toEqual(
    expect.arrayContaining(['users_a', 'lift_rel', 'p_value', 'srm_p_value', 'cuped_variance_reduction', 'sequential_p_value']),
  );
  expect(printed[2]).toEqual(['ab_cumulative_lift', 'ab_assignment_share', 'ab_metric_by_arm']);
}, 60_000);
