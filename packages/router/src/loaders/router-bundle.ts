import { checkArity, checkOptions } from '../check-args';
import type { ModelSignature, ResolveContext, SavedBundle } from '@abt/registry';
import { PolicyLoadError } from '../errors';
import { REQUEST_SIGNATURE_INPUTS } from '../policy';
import { messages } from '../messages';
import type { PolicyLoader } from '../policy';
import type { RouterSource } from '../reloading-router';
import { asParsedRouterConfig, type ParsedRouterConfig, parseRouterConfig, type RouterConfig } from '../router-config';
import { RouterModel } from '../router-model';
import type { StickyStore } from '../sticky-store';
import { createRegistryPolicyLoader, pinnedUri, resolveVersion } from './registry-policy-loader';
import { registry } from './registry-peer';

/** The router's MLflow signature: raw requests in, arm + score + model version out. */
export const ROUTER_SIGNATURE: ModelSignature = {
  inputs: REQUEST_SIGNATURE_INPUTS.map((c) => ({ ...c })),
  outputs: [
    { type: 'string', name: 'assigned', required: true },
    { type: 'double', name: 'score', required: true },
    { type: 'string', name: 'model_version', required: true },
  ],
};

const ROUTER_FILE = 'router.json';

/** Writes a router config as an MLflow model directory (abt flavor `RouterModel`, signature, input example). */
export async function saveRouterBundle(
  dir: string,
  config: RouterConfig | ParsedRouterConfig | unknown,
  options: { runId?: string; artifactPath?: string; modelId?: string | null; clock?: () => Date; uuid?: () => string } = {},
): Promise<SavedBundle> {
  checkArity('saveRouterBundle', arguments, 3);
  checkOptions('saveRouterBundle', options, ['runId', 'artifactPath', 'modelId', 'clock', 'uuid']);
  const parsed = asParsedRouterConfig(config);
  const { saveBundle } = await registry();
  return saveBundle(dir, {
    files: { [ROUTER_FILE]: `${JSON.stringify(parsed.config, null, 2)}\n` },
    abt: { modelClass: 'RouterModel', data: ROUTER_FILE },
    signature: ROUTER_SIGNATURE,
    inputExample: {
      columns: ['userId', 'movieId', 'timestamp'],
      data: [
        [196, 242, 881250949],
        [186, 302, 891717742],
      ],
    },
    ...options,
  });
}

/** Reads the router config of a router bundle directory. */
export async function readRouterBundle(dir: string): Promise<ParsedRouterConfig> {
  checkArity('readRouterBundle', arguments, 1);
  const { readBundle, readBundleFile, requireAbtFlavor } = await registry();
  const bundle = await readBundle(dir);
  const flavor = requireAbtFlavor(bundle);
  if (flavor.model_class !== 'RouterModel') throw new PolicyLoadError(dir, messages.notARouterBundle(dir, flavor.model_class));
  return parseRouterConfig((await readBundleFile(bundle, flavor.data)).toString('utf8'));
}

/**
 * A {@link RouterSource} for a router registered in the model registry
 * (`models:/movielens_ctr_router@router`): the router alias and every policy alias are polled,
 * so moving any of them reloads. A missing alias or model fails naming it.
 */
export function createRegistryRouterSource(options: {
  routerUri: string;
  context: ResolveContext;
  loader?: PolicyLoader;
  stickyStore?: StickyStore;
}): RouterSource {
  checkArity('createRegistryRouterSource', arguments, 1);
  checkOptions('createRegistryRouterSource', options, ['routerUri', 'context', 'loader', 'stickyStore']);
  const { routerUri, context, stickyStore } = options;
  const loader = options.loader ?? createRegistryPolicyLoader(context);
  const configs = new Map<string, ParsedRouterConfig>();
  const configFor = async (version: string): Promise<ParsedRouterConfig> => {
    let parsed = configs.get(version);
    if (!parsed) {
      const { resolveModelUri } = await registry();
      try {
        parsed = await readRouterBundle((await resolveModelUri(await pinnedUri(routerUri, version), context)).localDir);
      } catch (e) {
        throw new PolicyLoadError(routerUri, messages.policyLoad(routerUri, (e as Error).message), { cause: e });
      }
      configs.set(version, parsed);
    }
    return parsed;
  };
  return {
    version: 1,
    async resolveCurrent() {
      const routerVersion = await resolveVersion(context, routerUri);
      const { config } = await configFor(routerVersion);
      const uris = [...new Set(Object.values(config.models))];
      const versions = await Promise.all(uris.map((u) => loader.resolve(u)));
      return { [routerUri]: routerVersion, ...Object.fromEntries(uris.map((u, i) => [u, versions[i] as string])) };
    },
    async load(resolved) {
      const { config } = await configFor(resolved[routerUri] as string);
      return RouterModel.load(config, loader, { resolved, stickyStore });
    },
  };
}
