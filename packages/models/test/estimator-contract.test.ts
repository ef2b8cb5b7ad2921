import { describe, expect, it } from 'vitest';
import {
  GBDT,
  LogisticRegression,
  Pipeline,
  StandardScaler,
  makePipeline,
  type GBDTParams,
  type LogisticRegressionParams,
  type PipelineParams,
  type StandardScalerParams,
} from '@abt/models';
import { classifierContract, transformerContract } from '@abt/models/testing';

// One contract suite per interface, run on every implementation (as tracking's store contract).
const api = { describe, it };

classifierContract<LogisticRegressionParams>('LogisticRegression', api, {
  make: () => new LogisticRegression({ C: 0.5 }),
  create: (p) => new LogisticRegression(p),
  fromJSON: (j) => LogisticRegression.fromJSON(j),
  settable: { name: 'l1_ratio', value: 0.5 },
});

classifierContract<LogisticRegressionParams>('LogisticRegression (saga, seeded)', api, {
  make: () => new LogisticRegression({ solver: 'saga', l1_ratio: 0.5, max_iter: 30, random_state: 7 }),
  create: (p) => new LogisticRegression(p),
  fromJSON: (j) => LogisticRegression.fromJSON(j),
  settable: { name: 'seed', value: 8 },
});

classifierContract<GBDTParams>('GBDT', api, {
  make: () => new GBDT({ num_iterations: 8, num_leaves: 4, min_data_in_leaf: 5, bagging_fraction: 0.8, bagging_freq: 1, seed: 3, num_threads: 1 }),
  create: (p) => new GBDT(p),
  fromJSON: (j) => GBDT.fromJSON(j as never),
  settable: { name: 'learning_rate', value: 0.3 },
});

classifierContract<PipelineParams>('Pipeline(StandardScaler, LogisticRegression)', api, {
  make: () => makePipeline(new StandardScaler(), new LogisticRegression({ l1_ratio: 0.2 })),
  create: (p) => new Pipeline(p),
  fromJSON: (j) => Pipeline.fromJSON(j),
  settable: { name: 'verbose', value: true },
});

classifierContract<PipelineParams>('Pipeline(StandardScaler, GBDT)', api, {
  make: () => makePipeline(new StandardScaler(), new GBDT({ num_iterations: 5, num_leaves: 4, min_data_in_leaf: 5, num_threads: 1 })),
  create: (p) => new Pipeline(p),
  fromJSON: (j) => Pipeline.fromJSON(j),
  settable: { name: 'steps', value: [new StandardScaler({ with_mean: false }), new GBDT({ num_iterations: 3 })] },
});

transformerContract<StandardScalerParams>('StandardScaler', api, {
  make: () => new StandardScaler(),
  create: (p) => new StandardScaler(p),
  fromJSON: (j) => StandardScaler.fromJSON(j),
  settable: { name: 'with_std', value: false },
});

describe('the classifier contract catches broken estimators', () => {
  class CloneIsSelf extends LogisticRegression {
    override clone(): LogisticRegression {
      return this;
    }
  }
  class FitReturnsCopy extends LogisticRegression {
    override fit(...args: Parameters<LogisticRegression['fit']>): this {
      return new LogisticRegression(this.getParams()).fit(...args) as this;
    }
  }
  class SharedParams extends LogisticRegression {
    readonly #shared = new LogisticRegression().getParams();
    override getParams(): LogisticRegressionParams {
      return this.#shared;
    }
  }
  /** The names of the suite's checks that fail on `make`. */
  function failures(make: () => LogisticRegression): string[] {
    const collected: { name: string; fn: () => unknown }[] = [];
    classifierContract<LogisticRegressionParams>(
      'broken',
      { describe: (_n, fn) => fn(), it: (name, fn) => void collected.push({ name, fn }) },
      {
        make,
        create: (p) => new LogisticRegression(p),
        fromJSON: (j) => LogisticRegression.fromJSON(j),
        settable: { name: 'C', value: 2 },
      },
    );
    return collected
      .filter((t) => {
        try {
          t.fn();
          return false;
        } catch {
          return true;
        }
      })
      .map((t) => t.name.split(/[:;]/)[0]!);
  }
  it.each([
    ['clone() returns itself', () => new CloneIsSelf(), 'clone() is new Ctor(getParams())'],
    ['fit returns another object', () => new FitReturnsCopy(), 'fit returns this'],
    ['getParams returns its own object', () => new SharedParams(), 'getParams returns a copy'],
  ] as const)('%s: the suite fails that check', (_name, make, check) => {
    expect(failures(make)).toContain(check);
  });
});
