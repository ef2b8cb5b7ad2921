import { readBundle, type Bundle } from '../bundle/read-bundle.js';
import { resolveModelUri, type ResolvedModel } from '../uri/resolve-model-uri.js';
import { connect, type ConnectOptions } from './connect.js';
import { checkCall, pick } from '../arguments.js';
import { CONNECT_KEYS, LOAD_KEYS } from '../call-specs.js';

export interface LoadOptions extends ConnectOptions {
  /** Download cache for remote artifacts (default `<cwd>/.abt-cache/models`). */
  cacheDir?: string;
}

/** A bundle loaded through a URI: its files, parsed MLmodel, and where it came from. */
export interface LoadedBundle extends Bundle {
  resolved: ResolvedModel;
}

/** Resolves any model URI (`models:/name@alias`, `models:/name/3`, `models:/m-…`, `runs:/…`) to a local directory. */
export async function resolveModel(uri: string, options: LoadOptions = {}): Promise<ResolvedModel> {
  checkCall('resolveModel', arguments, 2, { 1: LOAD_KEYS });
  const conn = await connect(pick(options, CONNECT_KEYS));
  try {
    return await resolveModelUri(uri, {
      registry: conn.registry,
      tracking: conn.client.store,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    });
  } finally {
    await conn.close();
  }
}

/** `loadBundle('models:/movielens_ctr_ab@PolicyB')` → local dir + validated MLmodel, signature, input example. */
export async function loadBundle(uri: string, options: LoadOptions = {}): Promise<LoadedBundle> {
  checkCall('loadBundle', arguments, 2, { 1: LOAD_KEYS });
  const resolved = await resolveModel(uri, options);
  return { ...(await readBundle(resolved.localDir)), resolved };
}
