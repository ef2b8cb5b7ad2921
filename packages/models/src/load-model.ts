import { checkArity } from './arguments';
import { ModelFormatError } from './errors';
import { messages } from './messages';
import type { Classifier, SerializedModel } from './model';
import { GBDT, GBDT_KIND } from './gbdt/index';
import { LogisticRegression, LOGISTIC_REGRESSION_KIND } from './linear/index';
import { Pipeline, PIPELINE_KIND } from './pipeline/index';

/** Model kinds this version can load, by the `kind` their JSON carries. */
const LOADERS: Readonly<Record<string, (json: SerializedModel) => Classifier>> = {
  [LOGISTIC_REGRESSION_KIND]: (json) => LogisticRegression.fromJSON(json),
  [GBDT_KIND]: (json) => GBDT.fromJSON(json),
  // A pipeline's final step loads back through loadModel; its transformers (StandardScaler) through
  // the pipeline's own step table, since a transformer alone is not a Classifier.
  [PIPELINE_KIND]: (json) => Pipeline.fromJSON(json, loadModel),
};

/** Every model kind `loadModel` loads, derived from its table (for "known kinds" in messages). */
export const MODEL_KINDS: readonly string[] = Object.freeze(Object.keys(LOADERS));

// Spellings that older abt bundles wrote in the abt flavor's `model_class` for a kind: the pipeline
// wrote `GBDT` for models whose JSON kind is `gbdt`. Read forever, never written.
const LEGACY_KINDS: Readonly<Record<string, string>> = { GBDT: GBDT_KIND };

/**
 * The kind that `name` (a model JSON `kind` or a bundle's `model_class`) spells, old spellings
 * included; `undefined` when `loadModel` knows no such kind.
 */
export function canonicalModelKind(name: string): string | undefined {
  checkArity('canonicalModelKind', arguments.length, 1);
  if (typeof name !== 'string') return undefined;
  if (Object.hasOwn(LOADERS, name)) return name;
  return Object.hasOwn(LEGACY_KINDS, name) ? LEGACY_KINDS[name] : undefined;
}

/**
 * Loads any abt model from its JSON form (`model.toJSON()`), dispatching on `kind`.
 * Models are data: nothing in the JSON is executed. Unknown kinds or formats throw
 * `ModelFormatError` naming what was found.
 */
export function loadModel(json: unknown): Classifier {
  checkArity('loadModel', arguments.length, 1);
  const value = typeof json === 'string' ? parseJson(json) : json;
  if (typeof value !== 'object' || value === null) throw new ModelFormatError(messages.modelNotObject(value));
  const { format, kind } = value as Partial<SerializedModel>;
  if (format !== 'abt-model') throw new ModelFormatError(messages.modelFormat(format));
  // hasOwn: a kind such as 'toString' must not reach Object.prototype.
  const load = typeof kind === 'string' && Object.hasOwn(LOADERS, kind) ? LOADERS[kind] : undefined;
  if (!load) throw new ModelFormatError(messages.unknownKind(kind, Object.keys(LOADERS)));
  return load(value as SerializedModel);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(messages.modelJsonParse((e as Error).message), undefined, { cause: e });
  }
}
