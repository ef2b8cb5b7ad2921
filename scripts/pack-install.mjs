#!/usr/bin/env node
// Packs every publishable package (`pnpm pack` rewrites workspace: ranges), installs the
// tarballs into an empty temp project with npm and with pnpm, then in each project:
// imports every package in ESM and CJS, and runs each README's runnable example (the
// ```js block right after a `<!-- runnable-example -->` line) as an ES module.
// Usage: node scripts/pack-install.mjs [--only data,models] [--managers npm,pnpm]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]?.split(',') : undefined;
};
const only = arg('--only');
const managers = arg('--managers') ?? ['npm', 'pnpm'];
const run = (cmd, args, cwd, extraEnv = {}) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv }, encoding: 'utf8' });

const pkgs = readdirSync(path.join(root, 'packages'))
  .map((dir) => ({ dir: path.join(root, 'packages', dir), pj: JSON.parse(readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.pj.private);
const tarDir = mkdtempSync(path.join(os.tmpdir(), 'abt-tarballs-'));
const tarballs = {};
for (const p of pkgs) {
  const out = run('pnpm', ['pack', '--pack-destination', tarDir], p.dir).trim().split('\n').pop();
  tarballs[p.pj.name] = path.isAbsolute(out) ? out : path.join(tarDir, path.basename(out));
}
const tested = pkgs.filter((p) => !only || only.includes(p.pj.name.replace('@abt/', '')));

function example(p) {
  const readme = path.join(p.dir, 'README.md');
  if (!existsSync(readme)) return undefined;
  const m = readFileSync(readme, 'utf8').match(/<!-- runnable-example -->\s*```js\n([\s\S]*?)```/);
  return m?.[1];
}

let failures = 0;
for (const manager of managers) {
  const proj = mkdtempSync(path.join(os.tmpdir(), `abt-install-${manager}-`));
  const deps = Object.fromEntries(tested.map((p) => [p.pj.name, `file:${tarballs[p.pj.name]}`]));
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([n, t]) => [n, `file:${t}`]));
  const pj = { name: 'abt-install-check', private: true, version: '0.0.0', dependencies: deps, overrides, pnpm: { overrides, onlyBuiltDependencies: ['better-sqlite3', 'esbuild'] } };
  writeFileSync(path.join(proj, 'package.json'), JSON.stringify(pj, null, 2));
  if (manager === 'pnpm') writeFileSync(path.join(proj, 'pnpm-workspace.yaml'), `allowBuilds:\n  better-sqlite3: true\n  esbuild: true\noverrides:\n${Object.entries(overrides).map(([n, t]) => `  '${n}': '${t}'`).join('\n')}\n`);
  const t0 = Date.now();
  try {
    run(manager, ['install', ...(manager === 'npm' ? ['--no-audit', '--no-fund'] : [])], proj);
  } catch (e) {
    console.error(`✗ ${manager} install failed:\n${e.stderr || e.message}`);
    failures++;
    continue;
  }
  console.log(`✓ ${manager} installed ${tested.length} tarball(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s (${proj})`);
  for (const p of tested) {
    const name = p.pj.name;
    const subpaths = Object.keys(p.pj.exports ?? {}).filter((k) => k !== './package.json' && k !== '.');
    const specs = [name, ...subpaths.filter((s) => !s.includes('danfo')).map((s) => `${name}/${s.slice(2)}`)];
    for (const spec of specs) {
      try {
        run(process.execPath, ['--input-type=module', '-e', `const m = await import('${spec}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], proj);
        run(process.execPath, ['-e', `const m = require('${spec}'); if (Object.keys(m).length === 0) throw new Error('no exports');`], proj);
        console.log(`  ✓ ${spec}: ESM import and CJS require`);
      } catch (e) {
        console.error(`  ✗ ${spec}: ${(e.stderr || e.message).split('\n').slice(0, 6).join('\n')}`);
        failures++;
      }
    }
    const code = example(p);
    if (code === undefined) {
      console.error(`  ✗ ${name}: README has no runnable example`);
      failures++;
      continue;
    }
    writeFileSync(path.join(proj, `example-${name.replace('@abt/', '')}.mjs`), code);
    try {
      run(process.execPath, [`example-${name.replace('@abt/', '')}.mjs`], proj, { ABT_ML100K: process.env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip') });
      console.log(`  ✓ ${name}: README example runs`);
    } catch (e) {
      console.error(`  ✗ ${name}: README example failed:\n${(e.stderr || e.message).split('\n').slice(0, 12).join('\n')}`);
      failures++;
    }
  }
}
console.log(failures === 0 ? 'pack-and-install: all passed' : `pack-and-install: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
