import { fitFeatureSpec, type FeatureSpec } from '@abt/features';
import type { Matrix } from '@abt/models';
import type { Prepared } from './data-source';
import { memo, type StageContext } from './stage';

export type FeatureSet = {
  readonly spec: FeatureSpec;
  readonly featureNames: readonly string[];
  readonly train: Matrix;
  readonly valid: Matrix;
  readonly test: Matrix;
};

/** FeatureSpec fitted on train only; train rows featurized leak-free, valid/test with the whole train history. */
export function buildFeatures(ctx: StageContext, data: Prepared): Promise<FeatureSet> {
  return memo(ctx, 'features', () => {
    const spec = fitFeatureSpec({ train: data.train, movies: data.movies, ...(data.users ? { users: data.users } : {}) }, { kind: ctx.options.features });
    const train = spec.transformTrain();
    return { spec, featureNames: train.featureNames, train: train.X, valid: spec.transform(data.valid).X, test: spec.transform(data.test).X };
  });
}
