import { FeatureSpec } from '@abt/features';
import { GBDT, loadModel } from '@abt/models';
import { parseUri, readBundle, readBundleFile, requireAbtFlavor, type ResolveContext, resolveModelUri } from '@abt/registry';
import { createFeaturizedPolicy, PolicyLoadError, type Policy, type PolicyLoader } from '@abt/router';
import { createRegistryPolicyLoader } from '@abt/router/loaders';
import { messages } from './messages';

/**
 * Loads an abt policy bundle whatever its model file: model JSON through `@abt/models`' `loadModel`
 * (which dispatches on the JSON's own `kind`, so `gbdt` — what `GBDT.kind` and the pipeline's
 * bundles say — and `GBDT` both work), or LightGBM text.
 */
async function loadBundlePolicy(dir: string, uri: string, modelVersion: string, name: string): Promise<Policy> {
  const bundle = await readBundle(dir);
  const flavor = requireAbtFlavor(bundle);
  if (!flavor.feature_spec) throw new Error(messages.noFeatureSpec(dir));
  const text = (await readBundleFile(bundle, flavor.data)).toString('utf8');
  const model = flavor.data.endsWith('.json') ? loadModel(text) : GBDT.fromLightGBMText(text);
  const featureSpec = FeatureSpec.fromJSON(JSON.parse((await readBundleFile(bundle, flavor.feature_spec)).toString('utf8')));
  if (model.featureNames.length !== featureSpec.featureNames.length) {
    throw new Error(messages.featureCountMismatch(uri, model.featureNames.length, featureSpec.featureNames.length));
  }
  return createFeaturizedPolicy({ name, modelVersion, model, featureSpec });
}

/**
 * The registry policy loader of `@abt/router/loaders` for `resolve` (alias → version, polled), with
 * a `load` that accepts every model kind `@abt/models` can load. Until the router's own bundle loader
 * accepts `model_class: gbdt`, this is what lets the demo serve the pipeline's registered policies.
 */
export function createDemoPolicyLoader(ctx: ResolveContext): PolicyLoader {
  const base = createRegistryPolicyLoader(ctx);
  return {
    version: 1,
    resolve: (uri) => base.resolve(uri),
    async load(uri, modelVersion) {
      try {
        const parsed = parseUri(uri);
        // Pin to the version `resolve` saw, so a load never reads a newer alias target.
        const pinned = 'name' in parsed && parsed.kind !== 'version' ? `models:/${parsed.name}/${modelVersion}` : uri;
        const dir = (await resolveModelUri(pinned, ctx)).localDir;
        return await loadBundlePolicy(dir, uri, modelVersion, 'name' in parsed ? parsed.name : uri);
      } catch (e) {
        if (PolicyLoadError.isInstance(e)) throw e;
        throw new PolicyLoadError(uri, messages.policyLoad(uri, (e as Error).message), { cause: e });
      }
    },
  };
}
