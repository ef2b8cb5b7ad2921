import { checkArity } from '../check-args';
import type { ResolveContext } from '@abt/registry';
import { PolicyLoadError } from '../errors';
import { messages } from '../messages';
import type { Policy, PolicyLoader } from '../policy';
import { loadPolicyFromBundle } from './bundle-policy';
import { registry } from './registry-peer';

/** Registry URIs pin to `models:/<name>/<version>` so a load reads exactly the version `resolve` saw. */
export async function pinnedUri(uri: string, version: string): Promise<string> {
  const { parseUri } = await registry();
  const parsed = parseUri(uri);
  return 'name' in parsed && parsed.kind !== 'version' ? `models:/${parsed.name}/${version}` : uri;
}

/** Model version behind a URI: the registry version for `models:/name…`, else the URI itself (immutable). */
export async function resolveVersion(ctx: ResolveContext, uri: string): Promise<string> {
  const { parseUri, resolveModelVersion } = await registry();
  try {
    const parsed = parseUri(uri);
    if (!('name' in parsed)) return uri;
    const version = await resolveModelVersion(ctx.registry, uri);
    if (!version) throw new Error(messages.noSuchVersion());
    return version.version;
  } catch (e) {
    if (PolicyLoadError.isInstance(e)) throw e;
    throw new PolicyLoadError(uri, messages.policyLoad(uri, (e as Error).message), { cause: e });
  }
}

/**
 * A {@link PolicyLoader} over an abt/MLflow model registry: `resolve` reads where an alias points
 * (cheap, polled for hot reload), `load` reads that exact version's bundle (model + FeatureSpec).
 */
export function createRegistryPolicyLoader(ctx: ResolveContext): PolicyLoader {
  checkArity('createRegistryPolicyLoader', arguments, 1);
  return {
    version: 1,
    resolve: (uri) => resolveVersion(ctx, uri),
    async load(uri, modelVersion): Promise<Policy> {
      const { parseUri, resolveModelUri } = await registry();
      let dir: string;
      try {
        dir = (await resolveModelUri(await pinnedUri(uri, modelVersion), ctx)).localDir;
      } catch (e) {
        throw new PolicyLoadError(uri, messages.policyLoad(uri, (e as Error).message), { cause: e });
      }
      const parsed = parseUri(uri);
      return loadPolicyFromBundle(dir, { uri, modelVersion, name: 'name' in parsed ? parsed.name : undefined });
    },
  };
}
