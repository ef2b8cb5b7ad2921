// Lean installs (issue 14.9): the core and every subpath load without the optional peers; the peers
// are imported on first use, and a missing one is a MissingPeerError naming it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingPeerError } from '../src/index';
import { importPeer } from '../src/import-peer';

const src = path.join(import.meta.dirname, '../src');
const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Bare specifiers a module graph imports at load time (static value imports; `import type` and `import()` excluded). */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2]) as string;
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
        const next = candidates.find((c) => {
          try {
            return readFileSync(c) && c.endsWith('.ts');
          } catch {
            return false;
          }
        });
        if (next) visit(next);
      } else
        bare.add(
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  };
  visit(entry);
  return bare;
}

describe('lean installs', () => {
  it('declares only pure-JS runtime dependencies; registry and server packages are optional peers', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@abt/features', '@abt/models']);
    for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['@abt/registry', 'fastify']));
  });

  it.each([
    ['core', 'index.ts'],
    ['@abt/router/server', 'server/index.ts'],
    ['@abt/router/loaders', 'loaders/index.ts'],
  ])('%s loads with no optional peer: it imports only dependencies and node: built-ins at load time', (_name, entry) => {
    const allowed = new Set([...Object.keys(pkg.dependencies), 'node:fs', 'node:fs/promises', 'node:path', 'node:http', 'node:os', 'node:crypto', 'node:net']);
    const found = [...staticImports(path.join(src, entry))];
    expect(found.filter((s) => !allowed.has(s) && !s.startsWith('node:'))).toEqual([]);
    expect(found).toContain('@abt/features'); // the scan sees imports at all
  });

  it('a missing peer is a MissingPeerError naming the package and how to install it', async () => {
    const name = 'abt-no-such-peer';
    const error = await importPeer(name, '@abt/router/x', () => import(name)).catch((e: unknown) => e);
    expect(MissingPeerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MISSING_PEER', peer: name, subpath: '@abt/router/x' });
    expect((error as Error).message).toContain(`npm install ${name}`);
    // Another failure while loading a present peer is not reported as missing.
    const broken = await importPeer('abt-broken-peer', '@abt/router/x', () => Promise.reject(new TypeError('boom'))).catch((e: unknown) => e);
    expect(MissingPeerError.isInstance(broken)).toBe(false);
  });
});
