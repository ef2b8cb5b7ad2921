import { fitFeatureSpec, type FeatureSpec } from '@abt/features';
import { concatRows } from '@abt/data';
import type { DenseMatrix, Matrix } from '@abt/models';
import type { Prepared } from './data-source';
import { shareForWorkers } from './parallel/shared-matrix';
import { memo, type StageContext } from './stage';

export type FeatureSet = {
  readonly spec: FeatureSpec;
  readonly featureNames: readonly string[];
  readonly train: Matrix;
  readonly valid: Matrix;
  readonly test: Matrix;
};

/**
 * FeatureSpec fitted on train only; train rows featurized leak-free. Valid/test rows see the whole
 * train history ('frozen', what the registered router serves with) or, with `--eval-history online`,
 * also every earlier valid/test interaction (a router whose history is updated with feedback).
 */
export function buildFeatures(ctx: StageContext, data: Prepared): Promise<FeatureSet> {
  return memo(ctx, 'features', () => {
    // @abt/features reports no progress of its own: the bar advances per step (fit, train, valid, test rows).
    const bar = ctx.report.bar('features', 4);
    const spec = fitFeatureSpec({ train: data.train, movies: data.movies, ...(data.users ? { users: data.users } : {}) }, { kind: ctx.options.features });
    bar.tick();
    const train = spec.transformTrain();
    bar.tick();
    const base = { spec, featureNames: train.featureNames, train: shareForWorkers(train.X) };
    if (ctx.options.evalHistory === 'frozen') {
      const valid = shareForWorkers(spec.transform(data.valid).X);
      bar.tick();
      const test = spec.transform(data.test).X;
      bar.done();
      return { ...base, valid, test };
    }
    // Valid precedes test in time, so one online pass over both gives each row all earlier feedback.
    const both = spec.transformOnline(concatRows(data.valid, data.test)).X as DenseMatrix;
    bar.done();
    return { ...base, valid: shareForWorkers(sliceRows(both, 0, data.valid.length)), test: sliceRows(both, data.valid.length, both.rows) };
  });
}

function sliceRows(m: DenseMatrix, from: number, to: number): DenseMatrix {
  return { rows: to - from, cols: m.cols, data: m.data.subarray(from * m.cols, to * m.cols) };
}
