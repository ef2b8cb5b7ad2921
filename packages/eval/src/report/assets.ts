import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EvalError } from '../errors';
import { messages } from '../messages';

/** Browser builds inlined into the report, in load order (vega-embed expects globals `vega`, `vegaLite`). */
const ASSETS = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

let cache: { name: string; version: string; code: string }[] | undefined;

/** Reads the minified browser builds of vega, vega-lite and vega-embed from node_modules (once). */
export function loadVegaAssets(): { name: string; version: string; code: string }[] {
  if (cache) return cache;
  const req = createRequire(import.meta.url);
  cache = ASSETS.map(([pkg, file]) => {
    try {
      const root = packageRoot(req.resolve(pkg), pkg);
      const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
      // A literal "</script" would end the inline <script> early.
      const code = readFileSync(path.join(root, file), 'utf8').replace(/<\/script/gi, '<\\/script');
      return { name: pkg, version, code };
    } catch (e) {
      throw new EvalError('RENDER_FAILED', messages.assetNotFound(pkg, file, e instanceof Error ? e.message : String(e)), { cause: e });
    }
  });
  return cache;
}

/** Walks up from a resolved entry file to the directory whose package.json names `pkg`. */
function packageRoot(entry: string, pkg: string): string {
  let dir = path.dirname(entry);
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (json.name === pkg) return dir;
    } catch {
      // no package.json here; keep walking
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(messages.packageRootNotFound(pkg, entry));
    dir = up;
  }
}
