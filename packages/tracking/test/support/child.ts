import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let bundled: string | undefined;
const made: string[] = [];

// Scratch dirs live under this package's node_modules so `better-sqlite3` resolves from them.
function scratchDir(): string {
  const d = mkdtempSync(join(PKG, 'node_modules', '.abt-child-'));
  made.push(d);
  return d;
}

/** Removes the bundles and scripts this module wrote. */
export function cleanupChildren(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  bundled = undefined;
}

/**
 * Bundles src/index.ts to one ESM file so child processes (plain Node 20, no TS loader) run the
 * current sources, not a possibly stale dist/. Uses the esbuild that the repo's tsup ships with.
 */
export async function bundlePackage(): Promise<string> {
  if (bundled) return bundled;
  bundled = await bundleTo(join(scratchDir(), 'tracking.mjs'));
  return bundled;
}

/**
 * The same bundle in a temp dir outside this package, where `better-sqlite3` (an optional peer) does
 * not resolve: what a user who installed `@abt/tracking` alone has.
 */
export async function bundleWithoutPeers(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'abt-tracking-alone-'));
  made.push(d);
  return bundleTo(join(d, 'tracking.mjs'));
}

async function bundleTo(out: string): Promise<string> {
  const req = createRequire(createRequire(join(PKG, 'package.json')).resolve('tsup'));
  // Only the one call used here; esbuild is not a dependency of this package, so no import type.
  const esbuild = req('esbuild') as { build(options: Record<string, unknown>): Promise<unknown> };
  await esbuild.build({
    entryPoints: [join(PKG, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    external: ['better-sqlite3'],
    nodePaths: [join(PKG, 'node_modules')],
    logLevel: 'silent',
  });
  return out;
}

/** Writes an ESM script next to the bundle (so `better-sqlite3` resolves from this package) and spawns it. */
export async function spawnScript(
  source: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; output: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const bundle = await bundlePackage();
  const dir = scratchDir();
  const file = join(dir, 'script.mjs');
  writeFileSync(file, `import * as abt from ${JSON.stringify(bundle)};\n${source}`);
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, output: () => out, exit };
}

export function waitForOutput(output: () => string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const m = output().match(pattern);
      if (m) return resolve(m);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${pattern}; output:\n${output()}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}
