import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '@abt/tracking';
import { cleanupChildren, spawnScript } from './support/child';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '../README.md');
const dir = mkdtempSync(join(tmpdir(), 'abt-readme-'));
afterAll(() => {
  cleanupChildren();
  rmSync(dir, { recursive: true, force: true });
});

it('the README example runs against the current sources and writes an MLflow database', async () => {
  const block = /## Example\n```js\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'))?.[1];
  expect(block).toBeTruthy();
  // Same code, with the package import pointed at the test bundle and the DB in a temp dir.
  const code = block!
    .replace(/import \{([^}]+)\} from '@abt\/tracking';/, 'const {$1} = abt;')
    .replace("'sqlite:///mlflow.db'", JSON.stringify(`sqlite:///${join(dir, 'mlflow.db')}`));
  const child = await spawnScript(`process.chdir(${JSON.stringify(dir)});\n${code}`);
  const exit = await child.exit;
  expect(exit.code, child.output()).toBe(0);
  expect(child.output().trim()).toBe('1 0.718');
  const store = new SqliteStore(`sqlite:///${join(dir, 'mlflow.db')}`);
  const exp = await store.getExperimentByName('abtest_movielens');
  const runs = await store.searchRuns({ experimentIds: [exp!.experimentId] });
  expect(runs.items[0]!.info.status).toBe('FINISHED');
  expect(runs.items[0]!.info.artifactUri.startsWith(join(dir, 'mlruns'))).toBe(true);
  await store.close();
}, 60_000);
