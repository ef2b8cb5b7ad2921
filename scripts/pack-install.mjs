#!/usr/bin/env node
// Installs abt the way a user does and checks that it works there.
// 1. `pnpm pack` every publishable package (pnpm rewrites `workspace:` ranges to versions).
// 2. For each manager (npm, pnpm): an empty temp project that depends on ALL tarballs, with
//    overrides pointing every @abt/* name at its local tarball (they are not on the registry);
//    then every package and declared subpath is imported in ESM and required in CJS, and each
//    README's runnable example (the ```js block right after a `<!-- runnable-example -->` line)
//    runs there as an .mjs file (ABT_ML100K set; no network, no access to the repo).
// 3. Every package alone, as its README's "## Install" block says: the first command's packages
//    only (plus their declared @abt deps) import every entry, pull nothing the package does not
//    declare (for @abt/router: no better-sqlite3, no fastify), and subpaths whose optional peer is
//    missing fail with MissingPeerError; then the block's other commands (except lines marked
//    `# optional:`) are added and the README example runs.
// 4. Every tarball carries LICENSE and package.json `license`, `repository` (with its directory),
//    `homepage` and `bugs`.
// Usage: node scripts/pack-install.mjs [--only data,models] [--managers npm,pnpm] [--no-alone] [--keep]
// Prints `pack-and-install: N passed, M failed` last; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argList = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]?.split(',') : undefined;
};
const only = argList('--only');
const managers = argList('--managers') ?? ['npm', 'pnpm'];
const alone = !process.argv.includes('--no-alone') && !process.argv.includes('--no-router-alone');
const keep = process.argv.includes('--keep');
const ml100k = process.env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip');

// better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded; pointing
// node-gyp at the local Node headers (as scripts/install.sh does) keeps that compile offline.
const installEnv = {};
if (!process.env.npm_config_nodedir) {
  const prefix = path.dirname(path.dirname(process.execPath));
  if (existsSync(path.join(prefix, 'include/node/node.h'))) installEnv.npm_config_nodedir = prefix;
}

const run = (cmd, args, cwd, extraEnv = {}) =>
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...installEnv, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
const firstLines = (e, n) => String(e.stderr || e.stdout || e.message).trim().split('\n').slice(0, n).join('\n    ');
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

let passed = 0;
let failed = 0;
const ok = (msg) => {
  passed++;
  console.log(`  ✓ ${msg}`);
};
const fail = (msg) => {
  failed++;
  console.error(`  ✗ ${msg}`);
};
const tempDirs = [];
const tempDir = (prefix) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
// Temp projects hold a few hundred MB each; remove them however the run ends (unless --keep).
process.on('exit', () => {
  if (!keep) for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const tStart = Date.now();
const pkgs = readdirSync(path.join(root, 'packages'))
  .filter((dir) => existsSync(path.join(root, 'packages', dir, 'package.json')))
  .map((dir) => ({ dir: path.join(root, 'packages', dir), pj: JSON.parse(readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.pj.private);

// Pack everything (dependencies must resolve even when --only narrows what is tested).
const tarDir = tempDir('abt-tarballs-');
const tarballs = {};
const tPack = Date.now();
for (const p of pkgs) {
  if (!existsSync(path.join(p.dir, 'dist'))) {
    console.error(`✗ ${p.pj.name} has no dist/: run \`pnpm build\` first (\`pnpm pack:check\` does)`);
    process.exit(1);
  }
  run('pnpm', ['pack', '--pack-destination', tarDir], p.dir);
}
for (const file of readdirSync(tarDir).filter((f) => f.endsWith('.tgz'))) {
  const manifest = run('tar', ['-xzOf', path.join(tarDir, file), 'package/package.json'], root);
  const { name } = JSON.parse(manifest);
  tarballs[name] = path.join(tarDir, file);
  // npm cannot install a `workspace:` range: pnpm pack must have rewritten every one.
  if (manifest.includes('workspace:')) fail(`${name}: packed package.json still has a workspace: range`);
  checkMetadata(name, JSON.parse(manifest), run('tar', ['-tzf', path.join(tarDir, file)], root).split('\n'));
}
for (const p of pkgs) if (!tarballs[p.pj.name]) throw new Error(`pnpm pack produced no tarball for ${p.pj.name} in ${tarDir}`);
console.log(`packed ${pkgs.length} packages in ${seconds(tPack)} (${tarDir})`);

const tested = pkgs.filter((p) => !only || only.includes(p.pj.name.replace('@abt/', '')));
const exampleOf = (p) => {
  const readme = path.join(p.dir, 'README.md');
  if (!existsSync(readme)) return { error: 'has no README.md' };
  const text = readFileSync(readme, 'utf8');
  const markers = text.split('<!-- runnable-example -->').length - 1;
  if (markers !== 1) return { error: `README.md has ${markers} <!-- runnable-example --> markers, expected exactly 1` };
  const m = /<!-- runnable-example -->\r?\n```js\r?\n([\s\S]*?)```/.exec(text);
  if (!m) return { error: 'README.md: the <!-- runnable-example --> line is not followed by a ```js block' };
  if (!/from '@abt\//.test(m[1])) return { error: 'README.md: the runnable example imports no @abt/* package' };
  return { code: m[1] };
};

// A temp project depending on `names`, every @abt/* resolved to its tarball (npm `overrides`,
// pnpm `overrides` in pnpm-workspace.yaml, which is also where pnpm allows install scripts).
function makeProject(manager, names, registryNames = []) {
  const proj = tempDir(`abt-install-${manager}-`);
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([n, t]) => [n, `file:${t}`]));
  const dependencies = Object.fromEntries(names.map((n) => [n, `file:${tarballs[n]}`]));
  // Third-party packages a README asks for (optional peers such as fastify), at the range the
  // packages declare for them.
  for (const n of registryNames) dependencies[n] = declaredRange(n);
  const pj = { name: 'abt-install-check', private: true, version: '0.0.0', dependencies, ...(manager === 'npm' ? { overrides } : {}) };
  writeFileSync(path.join(proj, 'package.json'), `${JSON.stringify(pj, null, 2)}\n`);
  if (manager === 'pnpm') {
    const yaml = [
      'allowBuilds:',
      '  better-sqlite3: true',
      'overrides:',
      ...Object.entries(overrides).map(([n, spec]) => `  '${n}': '${spec}'`),
      '',
    ].join('\n');
    writeFileSync(path.join(proj, 'pnpm-workspace.yaml'), yaml);
  }
  const t0 = Date.now();
  // CI=true makes pnpm default to a frozen lockfile; a fresh project has none.
  const args = manager === 'npm' ? ['install', '--no-audit', '--no-fund'] : ['install', '--no-frozen-lockfile'];
  try {
    run(manager, args, proj);
  } catch (e) {
    fail(`${manager} install of ${names.join(', ')} failed:\n    ${firstLines(e, 20)}`);
    return undefined;
  }
  ok(`${manager} installed ${[...names, ...registryNames].join(', ')} in ${seconds(t0)} (${proj})`);
  return proj;
}

/** The version range the workspace declares for a third-party package (peer, dependency or devDependency). */
function declaredRange(name) {
  for (const p of pkgs) {
    const range = p.pj.peerDependencies?.[name] ?? p.pj.dependencies?.[name] ?? p.pj.devDependencies?.[name];
    if (range && !range.startsWith('workspace:')) return range;
  }
  return 'latest';
}

/**
 * A README's "## Install" block: the packages of its first command (what "installs alone" means),
 * and those of every command not marked `# optional:` (what the runnable example needs).
 */
function installOf(p) {
  const text = readFileSync(path.join(p.dir, 'README.md'), 'utf8');
  const m = /## Install\s*\r?\n(?:[^`]*?)```bash\r?\n([\s\S]*?)```/.exec(text);
  if (!m) return { error: 'README.md has no "## Install" section with a ```bash block' };
  const commands = m[1].split('\n').map((l) => l.trim()).filter((l) => /^(pnpm add|npm install|npm i)\b/.test(l));
  if (commands.length === 0) return { error: 'README.md: the Install block has no `pnpm add` / `npm install` command' };
  const packagesOf = (line) => line.split('#')[0].trim().split(/\s+/).slice(2).filter((w) => !w.startsWith('-'));
  const base = packagesOf(commands[0]);
  if (!base.includes(p.pj.name)) return { error: `README.md: the first install command does not install ${p.pj.name}` };
  const forExample = [...new Set(commands.filter((l) => !/#\s*optional:/.test(l)).flatMap(packagesOf))];
  return { base, forExample, optional: commands.filter((l) => /#\s*optional:/.test(l)).flatMap(packagesOf) };
}

/** Every entry of `p` loads in ESM and CJS from a project that has only the README's base install. */
function checkEntries(proj, p) {
  const name = p.pj.name;
  const subpaths = Object.keys(p.pj.exports ?? {}).filter((k) => k !== '.' && !k.endsWith('.json'));
  for (const spec of [name, ...subpaths.map((s) => `${name}/${s.slice(2)}`)]) {
    if (spec.endsWith('/danfo') && !resolvable(proj, 'danfojs-node')) continue;
    const s = JSON.stringify(spec);
    try {
      run(process.execPath, ['--input-type=module', '-e', `await import(${s})`], proj);
      run(process.execPath, ['--input-type=commonjs', '-e', `require(${s})`], proj);
      ok(`${spec}: loads with the base install alone`);
    } catch (e) {
      fail(`${spec} does not load with the base install alone: ${firstLines(e, 6)}`);
    }
  }
}

// Calls that need an optional peer, per subpath: without the peer they must reject with MissingPeerError.
const PEER_PROBES = {
  '@abt/router/server': ['fastify', "m.createRouterServer({ router: {} })"],
  '@abt/router/loaders': ['@abt/registry', "m.loadPolicyFromBundle('/nonexistent')"],
  '@abt/router/redis': ['redis', "m.createRedisHistoryStore({ url: 'redis://127.0.0.1:1' }).start()"],
};

/**
 * The base install pulls nothing the package leaves optional (for @abt/router: no better-sqlite3,
 * no fastify), and each subpath whose peer is absent fails with a MissingPeerError naming it.
 */
function checkLean(proj, p, install) {
  const name = p.pj.name;
  const optionalPeers = Object.entries(p.pj.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n);
  const forbidden = [...optionalPeers.filter((n) => !install.base.includes(n)), ...(optionalPeers.includes('@abt/registry') ? ['better-sqlite3'] : [])];
  for (const dep of forbidden) {
    if (resolvable(proj, `${dep}/package.json`) || existsSync(path.join(proj, 'node_modules', dep)) || existsSync(path.join(proj, 'node_modules/.pnpm')) && readdirSync(path.join(proj, 'node_modules/.pnpm')).some((d) => d.startsWith(`${dep.replace('/', '+')}@`)))
      fail(`${name} alone installed ${dep}, which it only takes as an optional peer`);
    else ok(`${name} alone does not install ${dep}`);
  }
  for (const [spec, [peer, call]] of Object.entries(PEER_PROBES)) {
    if (!spec.startsWith(`${name}/`) || install.base.includes(peer)) continue;
    if (!p.pj.exports?.[`./${spec.slice(name.length + 1)}`]) continue;
    const code = `const m = await import(${JSON.stringify(spec)}); try { await ${call}; console.log('no error'); process.exit(1); } catch (e) { if (e.name !== 'MissingPeerError' || !e.message.includes(${JSON.stringify(peer)})) { console.error(e); process.exit(1); } }`;
    try {
      run(process.execPath, ['--input-type=module', '-e', code], proj);
      ok(`${spec} without ${peer}: MissingPeerError naming it`);
    } catch (e) {
      fail(`${spec} without ${peer} did not give a MissingPeerError: ${firstLines(e, 6)}`);
    }
  }
}

/** LICENSE in the tarball; license, repository (with this package's directory), homepage and bugs in package.json. */
function checkMetadata(name, manifest, files) {
  const problems = [];
  if (!files.includes('package/LICENSE')) problems.push('no LICENSE file');
  if (manifest.license !== 'MIT') problems.push(`license is ${JSON.stringify(manifest.license)}, expected "MIT"`);
  const dir = pkgs.find((p) => p.pj.name === name)?.dir;
  if (!manifest.repository?.url || manifest.repository.directory !== path.relative(root, dir ?? '')) problems.push('repository {url, directory} missing or wrong');
  if (!manifest.homepage) problems.push('no homepage');
  if (!manifest.bugs?.url) problems.push('no bugs.url');
  if (problems.length > 0) fail(`${name} tarball metadata: ${problems.join('; ')}`);
  else ok(`${name} tarball: LICENSE, license, repository, homepage, bugs`);
}

function runExample(proj, p, label) {
  const ex = exampleOf(p);
  if (ex.error) return fail(`${p.pj.name}: ${ex.error}`);
  const file = `example-${p.pj.name.replace('@abt/', '')}.mjs`;
  writeFileSync(path.join(proj, file), ex.code);
  const t0 = Date.now();
  try {
    run(process.execPath, [file], proj, { ABT_ML100K: ml100k });
    ok(`${p.pj.name}: README example runs${label} (${seconds(t0)})`);
  } catch (e) {
    fail(`${p.pj.name}: README example failed${label}:\n    ${firstLines(e, 12)}`);
  }
}

const resolvable = (proj, spec) => {
  try {
    run(process.execPath, ['-e', `require.resolve(${JSON.stringify(spec)})`], proj);
    return true;
  } catch {
    return false;
  }
};

for (const manager of managers) {
  console.log(`\n[${manager}] all packages`);
  // Plus the third-party packages the READMEs' examples need (optional peers such as fastify).
  const thirdParty = [...new Set(tested.flatMap((p) => installOf(p).forExample ?? []).filter((n) => !tarballs[n]))];
  const proj = makeProject(manager, tested.map((p) => p.pj.name), thirdParty);
  if (!proj) continue;
  for (const p of tested) {
    const name = p.pj.name;
    const subpaths = Object.keys(p.pj.exports ?? {}).filter((k) => k !== '.' && !k.endsWith('.json'));
    const specs = [name, ...subpaths.map((s) => `${name}/${s.slice(2)}`)];
    for (const spec of specs) {
      // The danfo adapter needs the optional peer danfojs-node, which this project does not install.
      if (spec.endsWith('/danfo') && !resolvable(proj, 'danfojs-node')) {
        console.log(`  - ${spec}: skipped (optional peer danfojs-node not installed)`);
        continue;
      }
      const s = JSON.stringify(spec);
      const check = `if (Object.keys(m).length === 0) throw new Error('${spec} exports nothing');`;
      try {
        run(process.execPath, ['--input-type=module', '-e', `const m = await import(${s}); ${check}`], proj);
        run(process.execPath, ['--input-type=commonjs', '-e', `const m = require(${s}); ${check}`], proj);
        ok(`${spec}: ESM import and CJS require`);
      } catch (e) {
        fail(`${spec}: ${firstLines(e, 6)}`);
      }
    }
    runExample(proj, p, '');
  }
}

if (alone) {
  // pnpm reuses the better-sqlite3 it compiled above (its store keeps built packages); npm would compile again.
  const manager = managers.includes('pnpm') ? 'pnpm' : managers[0];
  for (const p of tested) {
    const name = p.pj.name;
    const install = installOf(p);
    if (install.error) {
      fail(`${name}: ${install.error}`);
      continue;
    }
    console.log(`\n[${manager}] ${name} alone: ${install.base.join(' ')}`);
    const base = makeProject(manager, install.base.filter((n) => tarballs[n]), install.base.filter((n) => !tarballs[n]));
    if (!base) continue;
    checkEntries(base, p);
    checkLean(base, p, install);
    const extra = install.forExample.filter((n) => !install.base.includes(n));
    let proj = base;
    if (extra.length > 0) {
      console.log(`[${manager}] ${name} + ${extra.join(' ')} (README example)`);
      const all = [...install.base, ...extra];
      proj = makeProject(manager, all.filter((n) => tarballs[n]), all.filter((n) => !tarballs[n]));
    }
    if (proj) runExample(proj, p, ` with only ${[...install.base, ...extra].join(', ')} installed`);
  }
}

console.log(`\ntotal ${seconds(tStart)}`);
console.log(`pack-and-install: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
