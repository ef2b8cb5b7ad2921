import { checkArity, checkOptions } from '../check-args';
import { FeatureSpec } from '@abt/features';
import { canonicalModelKind, GBDT, loadModel, MODEL_KINDS } from '@abt/models';
import { PolicyLoadError } from '../errors';
import { createFeaturizedPolicy, type ScoringModel } from '../featurized-policy';
import { messages } from '../messages';
import type { Policy } from '../policy';
import { registry } from './registry-peer';

const GBDT_KIND = new GBDT().kind;

/**
 * The model behind an abt flavor's data file. `model_class` names the kind, in `@abt/models`'
 * spelling (older bundles' `GBDT` is read as `gbdt`); abt model JSON must carry that same kind
 * (`loadModel`), and a LightGBM text file loads as a GBDT. Models are data, never code.
 */
export function modelFromFile(modelClass: string, file: string, text: string): ScoringModel {
  const kind = modelClass === 'lightgbm.basic.Booster' ? GBDT_KIND : canonicalModelKind(modelClass);
  if (kind === undefined) throw new Error(messages.unknownModelClass(modelClass, MODEL_KINDS));
  if (!file.endsWith('.json')) {
    if (kind !== GBDT_KIND) throw new Error(messages.notLightGBMKind(modelClass, file));
    return GBDT.fromLightGBMText(text);
  }
  const model = loadModel(text);
  if (model.kind !== kind) throw new Error(messages.modelClassMismatch(modelClass, model.kind));
  return model;
}

/**
 * Loads a policy from an MLflow model directory with the abt flavor: the model file plus its
 * FeatureSpec, so raw `{userId, movieId, timestamp?}` requests are featurized as in training.
 */
export async function loadPolicyFromBundle(dir: string, options: { name?: string; modelVersion?: string; uri?: string } = {}): Promise<Policy> {
  checkArity('loadPolicyFromBundle', arguments, 2);
  checkOptions('loadPolicyFromBundle', options, ['name', 'modelVersion', 'uri']);
  const uri = options.uri ?? dir;
  const { readBundle, readBundleFile, requireAbtFlavor } = await registry();
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
      modelUri: uri,
    });
  } catch (e) {
    if (PolicyLoadError.isInstance(e)) throw e;
    throw new PolicyLoadError(uri, messages.policyLoad(uri, (e as Error).message), { cause: e });
  }
}
