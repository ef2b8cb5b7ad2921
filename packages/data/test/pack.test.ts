import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ml100kFiles, tempDir, writeDir } from './fixtures';

// Packs @abt/data as it would be published and uses it from a fresh project, ESM and CJS.
const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function distIsStale(): boolean {
  const built = path.join(pkgDir, 'dist/index.js');
  if (!existsSync(built) || !existsSync(path.join(pkgDir, 'dist/index.cjs'))) return true;
  return statSync(built).mtimeMs < newestMtime(path.join(pkgDir, 'src'));
}

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('pack and install', () => {
  let project = '';
  let dataset = '';

  beforeAll(() => {
    if (distIsStale()) run('npx', ['tsup'], pkgDir);
    const packDir = tempDir('abt-pack-');
    run('pnpm', ['pack', '--pack-destination', packDir], pkgDir);
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    project = tempDir('abt-consumer-');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'abt-consumer', private: true, version: '0.0.0' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(packDir, tarball!)], project);
    dataset = writeDir(ml100kFiles(), 'ml-100k');
  }, 240_000);

  it('imports from ESM and loads a fixture', () => {
    const file = path.join(project, 'esm.mjs');
    writeFileSync(
      file,
      `import { loadMovieLens, labelRatings, splitByTime, DataFormatError } from '@abt/data';
const ds = await loadMovieLens(${JSON.stringify(dataset)});
const s = splitByTime(labelRatings(ds.ratings), { fractions: [0.5, 0.25, 0.25] });
console.log(JSON.stringify({ n: ds.ratings.length, format: ds.format, parts: [s.train.length, s.valid.length, s.test.length], err: typeof DataFormatError.isInstance }));`,
    );
    expect(JSON.parse(run(process.execPath, [file], project))).toEqual({ n: 4, format: 'ml-100k', parts: [2, 1, 1], err: 'function' });
  });

  it('requires from CJS and loads a fixture', () => {
    const file = path.join(project, 'cjs.cjs');
    writeFileSync(
      file,
      `const { loadMovieLens, describeDataset } = require('@abt/data');
loadMovieLens(${JSON.stringify(dataset)}).then((ds) => console.log(JSON.stringify({ users: describeDataset(ds).users })));`,
    );
    expect(JSON.parse(run(process.execPath, [file], project))).toEqual({ users: 2 });
  });

  it('runs the README example as written', () => {
    const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
    const code = /```js\n\/\/ example\.mjs[^\n]*\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    writeFileSync(path.join(project, 'example.mjs'), code!);
    expect(run(process.execPath, ['example.mjs'], project).trim()).toBe('20000 16000');
  });

  it('ships types and the danfo subpath, not the tests', () => {
    const installed = path.join(project, 'node_modules/@abt/data');
    for (const f of ['dist/index.d.ts', 'dist/index.d.cts', 'dist/danfo.js', 'dist/danfo.cjs', 'src/index.ts']) {
      expect(existsSync(path.join(installed, f))).toBe(true);
    }
    expect(existsSync(path.join(installed, 'src/random.test.ts'))).toBe(false);
    // danfojs-node is an optional peer: not installed for consumers who do not ask for it
    expect(existsSync(path.join(project, 'node_modules/danfojs-node'))).toBe(false);
  });
});
