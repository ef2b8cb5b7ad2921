/**
 * Where the histogram worker's file is: `ABT_GBDT_WORKER` when set (tests running from source
 * point it at a bundle they build), else `gbdt-worker.js` / `.cjs` beside the running bundle
 * (`dist/index.js` / `dist/index.cjs`). Undefined when there is none, e.g. when the sources run
 * untranspiled, or outside Node: training then stays on one thread, with the same result.
 */
import { envVar, nodeBuiltins } from './node-builtins';

export function histogramWorkerUrl(): URL | undefined {
  const node = nodeBuiltins();
  if (!node) return undefined; // no worker threads here
  const { existsSync } = node.fs;
  const { fileURLToPath, pathToFileURL } = node.url;
  const override = envVar('ABT_GBDT_WORKER');
  if (override) return existsSync(override) ? pathToFileURL(override) : undefined;
  const here = import.meta.url;
  const ext = here.endsWith('.cjs') ? '.cjs' : here.endsWith('.js') || here.endsWith('.mjs') ? '.js' : undefined;
  if (!ext || !here.startsWith('file:')) return undefined;
  const url = new URL(`./gbdt-worker${ext}`, here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
