import type { Policy, RequestColumns } from './policy';

/** What a policy needs from a model: probabilities for a feature matrix (an `@abt/models` Classifier fits). */
export type ScoringModel<M = unknown> = { predictProba(X: M): Float64Array };

/** What a policy needs from a feature spec: raw requests → a feature matrix (`@abt/features` FeatureSpec fits). */
export type RequestFeaturizer<M = unknown> = {
  transformRequests(requests: readonly { userId: number; movieId: number; timestamp?: number }[]): { X: M };
};

/**
 * A {@link Policy} that featurizes raw requests with the spec the model was trained with
 * (unknown users and movies are the spec's cold-start business), then scores the batch.
 */
export function createFeaturizedPolicy<M>(options: {
  name: string;
  modelVersion: string;
  model: ScoringModel<M>;
  featureSpec: RequestFeaturizer<M>;
}): Policy {
  const { name, modelVersion, model, featureSpec } = options;
  return {
    version: 1,
    name,
    modelVersion,
    predict(rows: RequestColumns) {
      const n = rows.userId.length;
      const requests = new Array<{ userId: number; movieId: number; timestamp?: number }>(n);
      for (let i = 0; i < n; i++) {
        const t = rows.timestamp?.[i];
        requests[i] =
          t === undefined || Number.isNaN(t)
            ? { userId: rows.userId[i] as number, movieId: rows.movieId[i] as number }
            : { userId: rows.userId[i] as number, movieId: rows.movieId[i] as number, timestamp: t };
      }
      return model.predictProba(featureSpec.transformRequests(requests).X);
    },
  };
}
