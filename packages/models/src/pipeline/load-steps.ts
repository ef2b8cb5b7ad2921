import { ModelFormatError } from '../errors';
import type { Classifier, SerializedModel } from '../model';
import { StandardScaler, STANDARD_SCALER_KIND, type Transformer } from '../preprocessing/index';
import { messages } from '../messages';

const msg = messages.pipeline;

/** Transformer kinds a pipeline can load, by the `kind` their JSON carries. */
const TRANSFORMER_LOADERS: Readonly<Record<string, (json: SerializedModel) => Transformer>> = {
  [STANDARD_SCALER_KIND]: (json) => StandardScaler.fromJSON(json),
};

/** Loads one non-final step by its `kind`; nothing in the JSON is executed. */
export function loadTransformer(json: unknown, path: string): Transformer {
  const kind = typeof json === 'object' && json !== null ? (json as Partial<SerializedModel>).kind : undefined;
  const load = typeof kind === 'string' && Object.hasOwn(TRANSFORMER_LOADERS, kind) ? TRANSFORMER_LOADERS[kind] : undefined;
  if (load === undefined) throw new ModelFormatError(msg.unknownTransformer(`${path}.kind`, kind, Object.keys(TRANSFORMER_LOADERS)));
  return withPath(path, () => load(json as SerializedModel));
}

/** Loads the final step through the classifier loader (`loadModel`), naming the step on failure. */
export function loadFinal(json: unknown, path: string, loadClassifier: (json: unknown) => Classifier): Classifier {
  return withPath(path, () => loadClassifier(json));
}

function withPath<T>(path: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (ModelFormatError.isInstance(e)) throw new ModelFormatError(msg.inStep(path, e.message), e.line, { cause: e });
    throw e;
  }
}
