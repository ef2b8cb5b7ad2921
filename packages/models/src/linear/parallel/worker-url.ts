/**
 * Where the logistic-regression worker's file is: `ABT_LINEAR_WORKER` when set (tests running from
 * source point it at a bundle they build), else `linear-worker.js` / `.cjs` beside the running
 * bundle. Undefined when there is none (sources run untranspiled, or outside Node): the fit then
 * runs on one thread, with the same result.
 */
import { envVar, nodeBuiltins } from '../../gbdt/parallel/node-builtins';

export function linearWorkerUrl(): URL | undefined {
  const node = nodeBuiltins();
  if (!node) return undefined;
  const { existsSync } = node.fs;
  const { fileURLToPath, pathToFileURL } = node.url;
  const override = envVar('ABT_LINEAR_WORKER');
  if (override) return existsSync(override) ? pathToFileURL(override) : undefined;
  const here = import.meta.url;
  const ext = here.endsWith('.cjs') ? '.cjs' : here.endsWith('.js') || here.endsWith('.mjs') ? '.js' : undefined;
  if (!ext || !here.startsWith('file:')) return undefined;
  const url = new URL(`./linear-worker${ext}`, here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
