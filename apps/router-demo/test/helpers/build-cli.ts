// Bundles src/cli.ts for a child process: workspace packages from their TypeScript sources (the
// `@abt/source` condition, so no sibling build is needed), every other package left external but
// pinned to the absolute file esbuild resolved, so the child finds it wherever the bundle lives.
import { mkdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';

type OnResolveArgs = { path: string; resolveDir: string; kind: string };
type PluginBuild = {
  onResolve(o: { filter: RegExp }, cb: (a: OnResolveArgs) => Promise<unknown> | unknown): void;
  resolve(p: string, o: { resolveDir: string; kind: string; pluginData?: unknown }): Promise<{ path: string; errors: unknown[] }>;
};
type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };

const appRoot = path.resolve(import.meta.dirname, '../..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export async function buildCli(): Promise<string> {
  const require = createRequire(createRequire(import.meta.url).resolve('tsup'));
  const esbuild = require('esbuild') as Esbuild;
  const outDir = path.join(appRoot, 'node_modules', '.cache', 'abt-router-demo-test');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `cli-${process.pid}.mjs`);
  const pinExternals = {
    name: 'pin-externals',
    setup(build: PluginBuild) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (builtins.has(args.path) || args.path.startsWith('@abt/')) return undefined;
        if ((args as { pluginData?: { pinned?: boolean } }).pluginData) return undefined;
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { pinned: true } });
        if (r.errors.length > 0) return undefined;
        return { path: r.path, external: true };
      });
    },
  };
  await esbuild.build({
    entryPoints: [path.join(appRoot, 'src/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    conditions: ['@abt/source'],
    plugins: [pinExternals],
    // Bundled CommonJS helpers may call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __abtCreateRequire } from 'node:module'; const require = __abtCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return outfile;
}
