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
//    declare (for @abt/router: no better-sqlite3, no fastify; for @abt/tracking and @abt/registry:
//    no better-sqlite3, so nothing compiles), work where they need no optional peer (the memory and
//    REST stores of tracking and the registry, against a small MLflow-shaped HTTP server), and fail
//    with MissingPeerError naming the peer where they need one (`sqlite:` URIs, the router's
//    subpaths); then the block's other commands (except lines marked `# optional:`) are added, the
//    calls that needed a peer work (SQLite once better-sqlite3 is installed) and the README example
//    runs. A package that reaches better-sqlite3 (itself or through an @abt dependency or peer) must
//    say in its Install block what to install for SQLite.
// 4. Every tarball carries LICENSE and package.json `license`, `repository` (with its directory),
//    `homepage` and `bugs`.
// Usage: node scripts/pack-install.mjs [--only data,models] [--managers npm,pnpm] [--no-alone] [--keep]
// Prints `pack-and-install: N passed, M failed` last; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNNABLE_MARKER, readmeBlock } from './readme-example.mjs';

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

// pnpm's bin shims export NODE_PATH pointing into this repo's store (where every peer is): a user's
// project has none, and the "alone" checks must not resolve a peer through it.
const run = (cmd, args, cwd, extraEnv = {}) =>
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: '', ...installEnv, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
const firstLines = (e, n) =>
  String(e.stderr || e.stdout || e.message)
    .trim()
    .split('\n')
    .slice(0, n)
    .join('\n    ');
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
  let code;
  try {
    code = readmeBlock(readFileSync(readme, 'utf8'), { anchor: RUNNABLE_MARKER, lang: 'js' });
  } catch (e) {
    return { error: e.message };
  }
  if (!/from '@abt\//.test(code)) return { error: 'README.md: the runnable example imports no @abt/* package' };
  return { code };
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
    const yaml = ['allowBuilds:', '  better-sqlite3: true', 'overrides:', ...Object.entries(overrides).map(([n, spec]) => `  '${n}': '${spec}'`), ''].join(
      '\n',
    );
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
  const commands = m[1]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(pnpm add|npm install|npm i)\b/.test(l));
  if (commands.length === 0) return { error: 'README.md: the Install block has no `pnpm add` / `npm install` command' };
  const packagesOf = (line) =>
    line
      .split('#')[0]
      .trim()
      .split(/\s+/)
      .slice(2)
      .filter((w) => !w.startsWith('-'));
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

// A small MLflow-shaped REST server for the probes (the REST stores' install check; their behaviour
// against a real `mlflow server` is the interop suite's job): it keeps experiments and registered models.
const FAKE_MLFLOW = `
import { createServer } from 'node:http';
const experiments = new Map();
const models = new Map();
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const url = new URL(req.url, 'http://x');
  const input = body ? JSON.parse(body) : Object.fromEntries(url.searchParams);
  const send = (status, obj) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(obj));
  const missing = () => send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' });
  switch (url.pathname) {
    case '/api/2.0/mlflow/experiments/create': {
      const id = String(experiments.size + 1);
      experiments.set(id, { experiment_id: id, name: input.name, artifact_location: 'mlflow-artifacts:/' + id, lifecycle_stage: 'active', creation_time: 1, last_update_time: 1, tags: [] });
      return send(200, { experiment_id: id });
    }
    case '/api/2.0/mlflow/experiments/get':
      return experiments.has(input.experiment_id) ? send(200, { experiment: experiments.get(input.experiment_id) }) : missing();
    case '/api/2.0/mlflow/registered-models/create':
      models.set(input.name, { name: input.name, creation_timestamp: 1, last_updated_timestamp: 1, tags: [], aliases: [] });
      return send(200, { registered_model: models.get(input.name) });
    case '/api/2.0/mlflow/registered-models/get':
      return models.has(input.name) ? send(200, { registered_model: models.get(input.name) }) : missing();
    default:
      return send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: url.pathname });
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const mlflowUrl = 'http://127.0.0.1:' + server.address().port;
`;
const tempDbDir = "(await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'abt-probe-'))";

// What each package does with its base install alone (no optional peer): runs without error.
const ALONE_WORKS = {
  '@abt/tracking': [
    'the memory and REST tracking stores work',
    `${FAKE_MLFLOW}
const { createTrackingStore } = await import('@abt/tracking');
for (const uri of ['memory:', mlflowUrl]) {
  const store = await createTrackingStore(uri);
  const id = await store.createExperiment('alone');
  const got = (await store.getExperiment(id)).name;
  if (got !== 'alone') throw new Error(uri + ': read back ' + got);
  await store.close();
}
server.close();`,
  ],
  '@abt/registry': [
    'the memory and REST registry stores work',
    `${FAKE_MLFLOW}
const { createRegistryStore } = await import('@abt/registry');
for (const uri of ['memory:', mlflowUrl]) {
  const store = await createRegistryStore(uri);
  await store.createRegisteredModel('alone');
  const got = (await store.getRegisteredModel('alone')).name;
  if (got !== 'alone') throw new Error(uri + ': read back ' + got);
  await store.close?.();
}
server.close();`,
  ],
};

// Calls that need an optional peer: without it (and with `with` installed) they reject with a
// MissingPeerError naming the peer; once the README's other commands are installed they succeed
// (when `works` is set and the peer is among them).
const PEER_PROBES = [
  { pkg: '@abt/router', spec: '@abt/router/server', peer: 'fastify', call: "(await import('@abt/router/server')).createRouterServer({ router: {} })" },
  {
    pkg: '@abt/router',
    spec: '@abt/router/server',
    peer: '@abt/registry',
    with: ['fastify'],
    call: "(await import('@abt/router/server')).createRouterServer({ router: {} })",
  },
  {
    pkg: '@abt/router',
    spec: '@abt/router/loaders',
    peer: '@abt/registry',
    call: "(await import('@abt/router/loaders')).loadPolicyFromBundle('/nonexistent')",
  },
  {
    pkg: '@abt/router',
    spec: '@abt/router/redis',
    peer: 'redis',
    call: "(await import('@abt/router/redis')).createRedisHistoryStore({ url: 'redis://127.0.0.1:1' }).start()",
  },
  {
    pkg: '@abt/tracking',
    spec: "@abt/tracking createTrackingStore('sqlite:///…')",
    peer: 'better-sqlite3',
    call: `(await (await import('@abt/tracking')).createTrackingStore('sqlite:///' + ${tempDbDir} + '/mlflow.db')).close()`,
    works: true,
  },
  {
    pkg: '@abt/registry',
    spec: "@abt/registry createRegistryStore('sqlite:///…')",
    peer: 'better-sqlite3',
    call: `(await (await import('@abt/registry')).createRegistryStore('sqlite:///' + ${tempDbDir} + '/mlflow.db')).close()`,
    works: true,
  },
];

/**
 * The base install pulls nothing the package leaves optional (for @abt/router: no better-sqlite3,
 * no fastify; for @abt/tracking and @abt/registry: no better-sqlite3), and what needs no peer works.
 */
function checkLean(proj, p, install) {
  const name = p.pj.name;
  const optionalPeers = Object.entries(p.pj.peerDependenciesMeta ?? {})
    .filter(([, m]) => m.optional)
    .map(([n]) => n);
  const forbidden = [
    ...new Set([
      ...optionalPeers.filter((n) => !install.base.includes(n)),
      ...(reachesSqlite(name) && !install.base.includes('better-sqlite3') ? ['better-sqlite3'] : []),
    ]),
  ];
  for (const dep of forbidden) {
    if (installed(proj, dep)) fail(`${name} alone installed ${dep}, which it only takes as an optional peer`);
    else ok(`${name} alone does not install ${dep}`);
  }
  const alone = ALONE_WORKS[name];
  if (alone) {
    try {
      run(process.execPath, ['--input-type=module', '-e', alone[1]], proj);
      ok(`${name} alone: ${alone[0]}`);
    } catch (e) {
      fail(`${name} alone: ${alone[0]} — failed: ${firstLines(e, 8)}`);
    }
  }
}

const installed = (proj, dep) =>
  resolvable(proj, `${dep}/package.json`) ||
  existsSync(path.join(proj, 'node_modules', dep)) ||
  (existsSync(path.join(proj, 'node_modules/.pnpm')) &&
    readdirSync(path.join(proj, 'node_modules/.pnpm')).some((d) => d.startsWith(`${dep.replace('/', '+')}@`)));

/** The probes of `name` that apply to a project holding `have` (its peer absent, its `with` present). */
const probesFor = (name, have) => PEER_PROBES.filter((pr) => pr.pkg === name && !have.includes(pr.peer) && (pr.with ?? []).every((w) => have.includes(w)));

/** Runs a probe's call: it must reject with a MissingPeerError naming the peer (or, with `expectWorks`, succeed). */
function probe(proj, pr, expectWorks = false) {
  const code = expectWorks
    ? `await ${pr.call};`
    : `try { await ${pr.call}; console.log('no error'); process.exit(1); } catch (e) { if (e.name !== 'MissingPeerError' || !e.message.includes(${JSON.stringify(pr.peer)})) { console.error(e); process.exit(1); } }`;
  const label = expectWorks
    ? `${pr.spec} works once ${pr.peer} is installed`
    : `${pr.spec} without ${pr.peer}${pr.with ? ` (with ${pr.with.join(', ')})` : ''}: MissingPeerError naming it`;
  try {
    run(process.execPath, ['--input-type=module', '-e', code], proj);
    ok(label);
  } catch (e) {
    fail(`${label} — failed: ${firstLines(e, 6)}`);
  }
}

/** True when `name`, or an @abt package it depends on or takes as a peer, takes better-sqlite3 as a peer (transitively). */
function reachesSqlite(name, seen = new Set()) {
  if (seen.has(name)) return false;
  seen.add(name);
  const pj = pkgs.find((q) => q.pj.name === name)?.pj;
  if (!pj) return false;
  if (pj.peerDependencies?.['better-sqlite3']) return true;
  return Object.keys({ ...pj.dependencies, ...pj.peerDependencies }).some((d) => d.startsWith('@abt/') && reachesSqlite(d, seen));
}

/** LICENSE in the tarball; license, repository (with this package's directory), homepage and bugs in package.json. */
function checkMetadata(name, manifest, files) {
  const problems = [];
  if (!files.includes('package/LICENSE')) problems.push('no LICENSE file');
  if (manifest.license !== 'MIT') problems.push(`license is ${JSON.stringify(manifest.license)}, expected "MIT"`);
  const dir = pkgs.find((p) => p.pj.name === name)?.dir;
  if (!manifest.repository?.url || manifest.repository.directory !== path.relative(root, dir ?? ''))
    problems.push('repository {url, directory} missing or wrong');
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
  const forExamples = [...new Set(tested.flatMap((p) => installOf(p).forExample ?? []))];
  const thirdParty = forExamples.filter((n) => !tarballs[n]);
  // (and the @abt packages they name, which --only may have left out)
  const proj = makeProject(manager, [...new Set([...tested.map((p) => p.pj.name), ...forExamples.filter((n) => tarballs[n])])], thirdParty);
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
    if (reachesSqlite(name)) {
      if ([...install.forExample, ...install.optional].includes('better-sqlite3'))
        ok(`${name}: the README's Install block says what to install for SQLite (better-sqlite3)`);
      else fail(`${name}: reaches better-sqlite3 (an optional peer) but the README's Install block does not say to install it for SQLite`);
    }
    const base = makeProject(
      manager,
      install.base.filter((n) => tarballs[n]),
      install.base.filter((n) => !tarballs[n]),
    );
    if (!base) continue;
    checkEntries(base, p);
    checkLean(base, p, install);
    for (const pr of probesFor(name, install.base)) probe(base, pr);
    // Probes that need one peer present and another absent (the server with fastify, without @abt/registry).
    for (const pr of PEER_PROBES.filter((q) => q.pkg === name && q.with && !probesFor(name, install.base).includes(q))) {
      const have = [...install.base, ...pr.with];
      if (have.includes(pr.peer)) continue;
      console.log(`[${manager}] ${name} + ${pr.with.join(' ')}, without ${pr.peer}`);
      const proj = makeProject(
        manager,
        have.filter((n) => tarballs[n]),
        have.filter((n) => !tarballs[n]),
      );
      if (proj) probe(proj, pr);
    }
    const extra = install.forExample.filter((n) => !install.base.includes(n));
    let proj = base;
    if (extra.length > 0) {
      console.log(`[${manager}] ${name} + ${extra.join(' ')} (README example)`);
      const all = [...install.base, ...extra];
      proj = makeProject(
        manager,
        all.filter((n) => tarballs[n]),
        all.filter((n) => !tarballs[n]),
      );
    }
    if (!proj) continue;
    for (const pr of PEER_PROBES.filter((q) => q.pkg === name && q.works && extra.includes(q.peer))) probe(proj, pr, true);
    runExample(proj, p, ` with only ${[...install.base, ...extra].join(', ')} installed`);
  }
}

console.log(`\ntotal ${seconds(tStart)}`);
console.log(`pack-and-install: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
