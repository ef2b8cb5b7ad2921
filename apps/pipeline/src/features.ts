import { FeatureSpec, type FeatureProgress } from '@abt/features';
import { concatRows } from '@abt/data';
import type { DenseMatrix, Matrix } from '@abt/models';
import type { Prepared } from './data-source';
import { shareForWorkers, sharedOutput } from './parallel/shared-matrix';
import { memo, type StageContext } from './stage';
import type { StageName } from './options';

export type FeatureSet = {
  readonly spec: FeatureSpec;
  readonly featureNames: readonly string[];
  readonly train: Matrix;
  readonly valid: Matrix;
  readonly test: Matrix;
};

const FEATURES_KEY = 'features';
/** The stages that read the feature set built here. */
const FEATURE_READERS: readonly StageName[] = ['train', 'export'];

/**
 * Lets the feature matrices go once none of the stages still to run reads them (on 1M ratings
 * 270 MB that the CV folds' own matrices would otherwise sit on top of).
 */
export function releaseFeatures(ctx: StageContext, stillToRun: readonly StageName[]): void {
  if (!stillToRun.some((s) => FEATURE_READERS.includes(s))) ctx.memo.delete(FEATURES_KEY);
}

/**
 * Forgets this invocation's feature set: its train matrix is about to be overwritten (Policy A's
 * standardized design, see trainStage), so a later reader (export) builds the features again.
 */
export function forgetFeatures(ctx: StageContext): void {
  ctx.memo.delete(FEATURES_KEY);
}

/**
 * FeatureSpec fitted on train only; train rows featurized leak-free. Valid/test rows see the whole
 * train history ('frozen', what the registered router serves with) or, with `--eval-history online`,
 * also every earlier valid/test interaction (a router whose history is updated with feedback).
 */
export function buildFeatures(ctx: StageContext, data: Prepared): Promise<FeatureSet> {
  return memo(ctx, FEATURES_KEY, () => {
    const frozen = ctx.options.evalHistory === 'frozen';
    // One bar over every row pass: the fit's history pass, train, valid (and with online history test) rows.
    const bar = rowsBar(ctx, 'features (rows)', 2 * data.train.length + data.valid.length + (frozen ? 0 : data.test.length));
    const spec = new FeatureSpec({ kind: ctx.options.features }).fit(
      { train: data.train, movies: data.movies, ...(data.users ? { users: data.users } : {}) },
      { onProgress: bar.onProgress },
    );
    // Built straight into shared memory when a fit worker reads them (no second copy).
    const train = spec.transformTrain({ ...sharedOutput(spec, data.train.length), onProgress: bar.onProgress });
    const base = { spec, featureNames: train.featureNames, train: shareForWorkers(train.X) };
    if (frozen) {
      const valid = shareForWorkers(spec.transform(data.valid, { ...sharedOutput(spec, data.valid.length), onProgress: bar.onProgress }).X);
      bar.done();
      let test: Matrix | undefined;
      return {
        ...base,
        valid,
        // Built when first read, after the fits: on ml-25m 0.7 GB that is then not held beside theirs.
        get test() {
          if (test === undefined) {
            const testBar = rowsBar(ctx, 'features (test rows)', data.test.length);
            test = spec.transform(data.test, { onProgress: testBar.onProgress }).X;
            testBar.done();
          }
          return test;
        },
      };
    }
    // Valid precedes test in time, so one online pass over both gives each row all earlier feedback.
    const both = spec.transformOnline(concatRows(data.valid, data.test), {
      ...sharedOutput(spec, data.valid.length + data.test.length),
      onProgress: bar.onProgress,
    }).X as DenseMatrix;
    bar.done();
    return { ...base, valid: shareForWorkers(sliceRows(both, 0, data.valid.length)), test: sliceRows(both, data.valid.length, both.rows) };
  });
}

function sliceRows(m: DenseMatrix, from: number, to: number): DenseMatrix {
  return { rows: to - from, cols: m.cols, data: m.data.subarray(from * m.cols, to * m.cols) };
}

/** A bar over `total` rows that @abt/features' per-pass progress reports (rows done within each pass) advance. */
function rowsBar(ctx: StageContext, label: string, total: number): { onProgress: (p: FeatureProgress) => void; done(): void } {
  const bar = ctx.report.bar(label, total);
  let passDone = 0;
  return {
    onProgress: (p) => {
      bar.tick(p.rowsDone - passDone);
      passDone = p.rowsDone === p.rowsTotal ? 0 : p.rowsDone;
    },
    done: () => bar.done(),
  };
}
