/**
 * Tests run the package from source, where no built worker exists: bundle src/gbdt/worker.ts with
 * the esbuild that tsup brings (the same bundler the build uses) into a temp dir, and point
 * `ABT_GBDT_WORKER` at it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Esbuild = { buildSync(o: Record<string, unknown>): unknown };

export function bundleWorker(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const req = createRequire(import.meta.url);
  const esbuild = createRequire(req.resolve('tsup'))('esbuild') as Esbuild;
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-worker-')), 'gbdt-worker.mjs');
  esbuild.buildSync({
    entryPoints: [path.resolve(here, '../../src/gbdt/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

/**
 * The package as it ships, in a temp dir: `index.js` (src/index.ts), `gbdt-worker.js` and `linear-worker.js` beside it,
 * ES modules (a package.json says so), so the worker is found the way an installed package finds it.
 */
export function bundlePackage(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const req = createRequire(import.meta.url);
  const esbuild = createRequire(req.resolve('tsup'))('esbuild') as Esbuild;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-package-'));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  for (const [entry, name] of [
    ['../../src/index.ts', 'index.js'],
    ['../../src/gbdt/worker.ts', 'gbdt-worker.js'],
    ['../../src/linear/parallel/worker.ts', 'linear-worker.js'],
  ] as const) {
    esbuild.buildSync({
      entryPoints: [path.resolve(here, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: path.join(dir, name),
      logLevel: 'silent',
    });
  }
  return dir;
}
