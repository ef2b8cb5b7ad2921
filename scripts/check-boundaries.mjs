#!/usr/bin/env node
// Package boundaries from ARCHITECTURE.md, checked mechanically: every `@abt/*` import in a
// package's sources must be allowed for that package, declared in its package.json, and go
// through a public entry (the root or an exported subpath), never a deep path.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWED = {
  '@abt/data': [],
  '@abt/features': ['@abt/data'],
  '@abt/models': [],
  '@abt/eval': [],
  '@abt/tracking': [],
  '@abt/registry': ['@abt/tracking'],
  '@abt/router': ['@abt/models', '@abt/features', '@abt/registry'],
  '@abt/pipeline': '*',
  '@abt/router-demo': ['@abt/router', '@abt/registry', '@abt/eval', '@abt/data', '@abt/features', '@abt/models', '@abt/tracking'],
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|cts|mjs|js)$/.test(name)) yield p;
  }
}

const packages = new Map();
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(path.join(root, group))) {
    const dir = path.join(root, group, name);
    if (existsSync(path.join(dir, 'package.json'))) {
      const pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      packages.set(pj.name, { dir, pj });
    }
  }
}

// Source compiled into each package that imports it (no package of its own): see CONTRIBUTING.
const internalDir = path.join(root, 'internal');
const problems = [];
for (const [name, { dir, pj }] of packages) {
  const allowed = ALLOWED[name];
  if (allowed === undefined) {
    problems.push(`${name}: not in the boundary table`);
    continue;
  }
  const declared = new Set(Object.keys({ ...pj.dependencies, ...pj.peerDependencies, ...pj.devDependencies }));
  if (!existsSync(path.join(dir, 'src'))) continue;
  for (const file of files(path.join(dir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // A relative import may leave its package only for `internal/` (source compiled into each package).
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      if (!target.startsWith(dir + path.sep) && !target.startsWith(internalDir + path.sep)) {
        problems.push(`${path.relative(root, file)}: imports ${m[1]} (outside ${path.relative(root, dir)}; only internal/ is shared)`);
      }
    }
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@abt\/[^'"]+)['"]/g)) {
      const spec = m[1];
      const [scope, pkg, ...rest] = spec.split('/');
      const target = `${scope}/${pkg}`;
      const where = `${path.relative(root, file)}: imports ${spec}`;
      if (target === name) {
        problems.push(`${where} (a package imports itself by name)`);
        continue;
      }
      if (allowed !== '*' && !allowed.includes(target)) problems.push(`${where} (not allowed for ${name})`);
      if (!declared.has(target)) problems.push(`${where} (not declared in package.json)`);
      const targetPkg = packages.get(target);
      if (rest.length > 0 && targetPkg && !targetPkg.pj.exports?.[`./${rest.join('/')}`]) {
        problems.push(`${where} (deep import: not an exported subpath of ${target})`);
      }
    }
  }
}
// internal/ is compiled into packages that may not import each other: it imports nothing of ours.
for (const file of files(internalDir)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    const inside = spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(internalDir + path.sep);
    if (!inside && !spec.startsWith('node:'))
      problems.push(`${path.relative(root, file)}: imports ${spec} (internal/ imports only node: builtins and internal/)`);
  }
}
if (problems.length > 0) {
  console.error(`package boundary violations:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package boundaries ok (${packages.size} packages)`);
