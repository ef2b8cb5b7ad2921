import { FeatureSpec } from '@abt/features';
import { GBDT, loadModel } from '@abt/models';
import { readBundle, readBundleFile, requireAbtFlavor } from '@abt/registry';
import { PolicyLoadError } from '../errors';
import { createFeaturizedPolicy, type ScoringModel } from '../featurized-policy';
import { messages } from '../messages';
import type { Policy } from '../policy';

/**
 * The model behind an abt flavor's data file: abt model JSON dispatches on its own `kind`
 * (`loadModel`); a LightGBM text file loads as a GBDT. Models are data, never code.
 */
function modelFromFile(modelClass: string, file: string, text: string): ScoringModel {
  if (file.endsWith('.json')) return loadModel(text);
  if (/^(GBDT|gbdt|lightgbm\.basic\.Booster)$/.test(modelClass)) return GBDT.fromLightGBMText(text);
  throw new Error(messages.unknownModelClass(modelClass));
}

/**
 * Loads a policy from an MLflow model directory with the abt flavor: the model file plus its
 * FeatureSpec, so raw `{userId, movieId, timestamp?}` requests are featurized as in training.
 */
export async function loadPolicyFromBundle(dir: string, options: { name?: string; modelVersion?: string; uri?: string } = {}): Promise<Policy> {
  const uri = options.uri ?? dir;
  try {
    const bundle = await readBundle(dir);
    const flavor = requireAbtFlavor(bundle);
    if (!flavor.feature_spec) throw new Error(messages.noFeatureSpec(dir));
    const model = modelFromFile(flavor.model_class, flavor.data, (await readBundleFile(bundle, flavor.data)).toString('utf8'));
    const featureSpec = FeatureSpec.fromJSON(JSON.parse((await readBundleFile(bundle, flavor.feature_spec)).toString('utf8')));
    const modelNames = (model as { featureNames?: readonly string[] }).featureNames;
    if (modelNames && modelNames.length !== featureSpec.featureNames.length)
      throw new Error(messages.featureCountMismatch(modelNames.length, featureSpec.featureNames.length));
    return createFeaturizedPolicy({
      name: options.name ?? flavor.model_class,
      modelVersion: options.modelVersion ?? bundle.mlmodel.model_uuid ?? 'unversioned',
      model,
      featureSpec,
    });
  } catch (e) {
    if (PolicyLoadError.isInstance(e)) throw e;
    throw new PolicyLoadError(uri, messages.policyLoad(uri, (e as Error).message), { cause: e });
  }
}
