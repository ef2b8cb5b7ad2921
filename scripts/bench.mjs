#!/usr/bin/env node
// `pnpm bench [name ...]`: builds, then runs each named benchmark (packages/<name>/bench/run.mjs
// or apps/<name>/bench/run.mjs; all of them when none is named). Benchmarks print ratios against
// reference implementations measured in the same run; they never fail on timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const all = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((name) => existsSync(path.join(root, dir, name, 'bench', 'run.mjs')))
    .map((name) => ({ name, file: path.join(root, dir, name, 'bench', 'run.mjs') })),
);
// Benchmarks that span packages, by the name the issues use.
const ALIASES = {
  simulate: ['apps/pipeline/bench/simulate.mjs', 'packages/eval/bench/ab.mjs'],
  analyze: ['packages/eval/bench/analysis.mjs'],
};
for (const [name, files] of Object.entries(ALIASES)) {
  for (const f of files) all.push({ name, file: path.join(root, f) });
}
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
const names = [...new Set(all.map((b) => b.name))];
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${names.join(', ')}`);
  process.exit(2);
}
execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
let failed = false;
for (const bench of all.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n=== bench ${bench.name} (${path.relative(root, bench.file)}) ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', bench.file, ...passThrough], { cwd: root, stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
