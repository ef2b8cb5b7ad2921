import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { buildTinyRegistry } from './helpers/tiny-registry';

// The README's example must run against the real API: extract it, point the import at the sources, run it.
const generated = path.join(import.meta.dirname, 'readme-example.gen.ts');
const cleanup: string[] = [generated];
afterAll(() => {
  for (const p of cleanup) rmSync(p, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it('README example runs', async () => {
  const reg = await buildTinyRegistry();
  vi.stubEnv('MLFLOW_TRACKING_URI', reg.trackingUri);
  vi.stubEnv('ABT_ML100K', reg.dataDir);
  const out = mkdtempSync(path.join(tmpdir(), 'abt-router-demo-readme-'));
  cleanup.push(reg.root, out);
  const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  writeFileSync(
    generated,
    `${code!.replace("from '@abt/router-demo'", "from '../src/index'").replace("'abt-out/router-demo'", JSON.stringify(out))}\nexport {};\n`,
  );
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(generated);
  const printed = log.mock.calls.map((c) => c[0]);
  log.mockRestore();
  expect(printed).toHaveLength(2);
  expect(printed[0]).toMatch(/^PolicyA: \d+\.\d % of users, ROC AUC 0\.\d{3}$/);
  expect(printed[1]).toMatch(/^PolicyB: \d+\.\d % of users, ROC AUC 0\.\d{3}$/);
});

it('README documents every option of both commands', async () => {
  const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
  const { createProgram } = await import('../src/index');
  const program = createProgram();
  for (const cmd of program.commands) {
    expect(readme).toContain(`### \`${cmd.name()}\``);
    for (const opt of cmd.options) expect(readme, `${cmd.name()} ${opt.flags}`).toContain(`\`${opt.flags}\``);
  }
});
