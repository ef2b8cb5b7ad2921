import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundlePackage } from './worker-bundle';

// Training uses its worker threads wherever the package itself is loaded from a file — also when
// the user's code is not a file (stdin, -e) — and where workers cannot run it says so once.
describe('GBDT workers from code that is not a file', () => {
  let dir = '';
  beforeAll(() => {
    dir = bundlePackage();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const script = (pkg: string) => `
const { GBDT } = await import(${JSON.stringify(pkg)});
let s = 1;
const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const rows = 30000, cols = 6, data = new Float64Array(rows * cols), y = new Float64Array(rows);
for (let i = 0; i < rows; i++) { for (let j = 0; j < cols; j++) data[i * cols + j] = r(); y[i] = data[i * cols] + r() > 1 ? 1 : 0; }
const threads = [];
for (let k = 0; k < 2; k++) threads.push(new GBDT({ num_leaves: 7, num_iterations: 2, num_threads: 2 }).fit({ rows, cols, data }, y).numThreadsUsed);
console.log(JSON.stringify(threads));`;

  const run = (args: string[], input: string | undefined, env: Record<string, string> = {}) => {
    const out = execFileSync(process.execPath, args, {
      input,
      encoding: 'utf8',
      env: { ...process.env, ABT_GBDT_WORKER: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return JSON.parse(out.trim().split('\n').pop()!) as number[];
  };
  const pkg = () => pathToFileURL(path.join(dir, 'index.js')).href;

  test('node --input-type=module with the script on stdin trains on two threads', () => {
    expect(run(['--input-type=module', '-'], script(pkg()))).toEqual([2, 2]);
  });

  test('node --input-type=module -e trains on two threads', () => {
    expect(run(['--input-type=module', '-e', script(pkg())], undefined)).toEqual([2, 2]);
  });

  test('node --expose-gc --max-old-space-size=4096 (flags a worker refuses) trains on two threads', () => {
    expect(run(['--expose-gc', '--max-old-space-size=4096', '--input-type=module', '-'], script(pkg()))).toEqual([2, 2]);
  });

  test('without a worker file it trains on one thread at once and warns once, naming why', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-'], {
      input: script(pkg()),
      encoding: 'utf8',
      env: { ...process.env, ABT_GBDT_WORKER: path.join(dir, 'missing.js') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual([1, 1]);
    expect(r.stderr.match(/GBDT trains on one thread: the training worker file/g)).toHaveLength(1);
  });

  // LogisticRegression's row passes use worker threads for large dense X: the same entry points hold.
  const linearScript = (pkg: string) => `
const { LogisticRegression } = await import(${JSON.stringify(pkg)});
let s = 7;
const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const rows = 70000, cols = 64, data = new Float64Array(rows * cols), y = new Float64Array(rows);
for (let i = 0; i < rows; i++) { for (let j = 0; j < cols; j++) data[i * cols + j] = r() - 0.5; y[i] = data[i * cols] + r() > 0.5 ? 1 : 0; }
new LogisticRegression({ num_threads: 2, max_iter: 3 }).fit({ rows, cols, data }, y);
console.log('fitted');`;

  test.each([
    ['--input-type=module with the script on stdin', ['--input-type=module', '-']],
    ['--expose-gc --max-old-space-size=4096', ['--expose-gc', '--max-old-space-size=4096', '--input-type=module', '-']],
  ])('LogisticRegression from node %s fits on two threads (no one-thread warning)', (_name, args) => {
    const r = spawnSync(process.execPath, args, { input: linearScript(pkg()), encoding: 'utf8', env: { ...process.env, ABT_LINEAR_WORKER: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('fitted');
    expect(r.stderr).not.toMatch(/one thread/);
  });

  test('LogisticRegression without its worker file fits on one thread and says so once', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-'], {
      input: linearScript(pkg()),
      encoding: 'utf8',
      env: { ...process.env, ABT_LINEAR_WORKER: path.join(dir, 'missing.js') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.match(/LogisticRegression trains on one thread: the training worker file/g)).toHaveLength(1);
  });
});
