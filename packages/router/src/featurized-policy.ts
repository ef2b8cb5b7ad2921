import type { OnlineHistory, RequestColumns } from '@abt/features';
import { checkArity, checkOptions } from './check-args';
import type { HistoryFeatureSpec } from './history/history-store';
import type { Policy, PolicyContext } from './policy';

/** What a policy needs from a model: probabilities for a feature matrix (an `@abt/models` Classifier fits). */
export type ScoringModel<M = unknown> = { predictProba(X: M): Float64Array };

/**
 * What a policy needs from a feature spec (`@abt/features`' FeatureSpec fits): validated request
 * columns → a feature matrix, from train history or, given one, from a feedback history.
 */
export type RequestFeaturizer<M = unknown> = HistoryFeatureSpec & {
  transformColumns(columns: RequestColumns, options?: { history?: OnlineHistory }): { X: M };
};

const OPTIONS = ['name', 'modelVersion', 'model', 'featureSpec', 'modelUri'] as const;

/**
 * A {@link Policy} that featurizes validated request columns with the spec the model was trained
 * with (unknown users and movies are the spec's cold-start business), then scores the batch. With a
 * history store in the context, features include every feedback event the store has applied.
 */
export function createFeaturizedPolicy<M>(options: {
  name: string;
  modelVersion: string;
  model: ScoringModel<M>;
  featureSpec: RequestFeaturizer<M>;
  /** Reported in exposures (`models:/movielens_ctr_ab/3`). */
  modelUri?: string;
}): Policy {
  checkArity('createFeaturizedPolicy', arguments, 1);
  const { name, modelVersion, model, featureSpec, modelUri } = checkOptions('createFeaturizedPolicy', options, OPTIONS);
  return {
    version: 1,
    name,
    modelVersion,
    ...(modelUri === undefined ? {} : { modelUri }),
    featureSpec,
    predict(rows: RequestColumns, context?: PolicyContext) {
      const history = context?.history?.view(featureSpec);
      return model.predictProba(featureSpec.transformColumns(rows, history ? { history } : undefined).X);
    },
  };
}
