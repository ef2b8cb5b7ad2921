import { describe, expect, it } from 'vitest';
import {
  GBDT,
  InvalidArgumentError,
  InvalidInputError,
  InvalidParamError,
  LogisticRegression,
  ModelFormatError,
  NotFittedError,
  Pipeline,
  StandardScaler,
  loadModel,
  makePipeline,
  type DenseMatrix,
} from '../../src/index';
import { makeProblem } from '../linear/helpers';

/** A logistic problem whose columns live on very different scales (counts, rates, years). */
function scaledProblem(rows: number, seed: number): { X: DenseMatrix; y: Float64Array } {
  const { X, y } = makeProblem(rows, 4, seed);
  const factor = [1000, 0.001, 1, 50];
  const offset = [5000, 0.5, 0, 1990];
  const data = Float64Array.from(X.data, (v, k) => v * factor[k % 4]! + offset[k % 4]!);
  return { X: { rows, cols: 4, data }, y };
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const LR = { l1_ratio: 0.1, C: 1, tol: 1e-8 } as const;

describe('Pipeline(StandardScaler, LogisticRegression)', () => {
  const train = scaledProblem(400, 1);
  const test = scaledProblem(100, 2);

  it('predicts exactly what a manual scale-then-fit gives', () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(train.X, train.y);
    const scaler = new StandardScaler().fit(train.X);
    const lr = new LogisticRegression(LR).fit(scaler.transform(train.X), train.y);
    expect(bytes(pipe.predictProba(test.X)).equals(bytes(lr.predictProba(scaler.transform(test.X))))).toBe(true);
    expect(Array.from(pipe.finalEstimator.coef)).toEqual(Array.from(lr.coef));
    expect(pipe.finalEstimator.nIter).toBe(lr.nIter);
  });

  it('makes the model invariant to rescaling a column, unlike the bare classifier', () => {
    const stretched = (M: DenseMatrix): DenseMatrix => ({ ...M, data: Float64Array.from(M.data, (v, k) => (k % 4 === 2 ? v * 1e4 : v)) });
    const a = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(train.X, train.y).predictProba(test.X);
    const b = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(stretched(train.X), train.y).predictProba(stretched(test.X));
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-9);
    const c = new LogisticRegression(LR).fit(train.X, train.y).predictProba(test.X);
    const d = new LogisticRegression(LR).fit(stretched(train.X), train.y).predictProba(stretched(test.X));
    expect(Math.max(...Array.from(c, (v, i) => Math.abs(v - d[i]!)))).toBeGreaterThan(1e-4);
  });

  it('passes featureNames through and transforms options.valid before the classifier sees it', () => {
    const names = ['n_ratings', 'rate', 'z', 'year'];
    const seen: number[] = [];
    const manual: number[] = [];
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(train.X, train.y, {
      featureNames: names,
      valid: { X: test.X, y: test.y },
      onProgress: (p) => void seen.push(p.metrics!.binary_logloss!),
    });
    expect(pipe.featureNames).toEqual(names);
    expect(pipe.finalEstimator.featureNames).toEqual(names);
    expect((pipe.transformers[0] as StandardScaler).featureNames).toEqual(names);
    const scaler = new StandardScaler().fit(train.X);
    new LogisticRegression(LR).fit(scaler.transform(train.X), train.y, {
      valid: { X: scaler.transform(test.X), y: test.y },
      onProgress: (p) => void manual.push(p.metrics!.binary_logloss!),
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(Number.isFinite)).toBe(true);
    expect(seen).toEqual(manual);
  });

  it('round-trips through JSON (loadModel and Pipeline.fromJSON) with byte-identical predictions', () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(train.X, train.y, { featureNames: ['a', 'b', 'c', 'd'] });
    const text = JSON.stringify(pipe.toJSON());
    const json = JSON.parse(text);
    expect(json.kind).toBe('Pipeline');
    expect(json.params.steps).toEqual(['StandardScaler', 'LogisticRegression']);
    expect(json.state.steps.map((s: { kind: string }) => s.kind)).toEqual(['StandardScaler', 'LogisticRegression']);
    for (const back of [loadModel(JSON.parse(text)), Pipeline.fromJSON(JSON.parse(text)), loadModel(text)]) {
      expect(back).toBeInstanceOf(Pipeline);
      expect(back.featureNames).toEqual(['a', 'b', 'c', 'd']);
      expect(bytes(back.predictProba(test.X)).equals(bytes(pipe.predictProba(test.X)))).toBe(true);
      expect(JSON.stringify(back.toJSON())).toBe(text);
    }
  });

  it('is deterministic: the same data and seed give byte-identical JSON (saga samples rows)', () => {
    const fit = () =>
      JSON.stringify(
        makePipeline(new StandardScaler(), new LogisticRegression({ ...LR, solver: 'saga', seed: 7, max_iter: 30 }))
          .fit(train.X, train.y)
          .toJSON(),
      );
    expect(fit()).toBe(fit());
    const other = JSON.stringify(
      makePipeline(new StandardScaler(), new LogisticRegression({ ...LR, solver: 'saga', seed: 8, max_iter: 30 }))
        .fit(train.X, train.y)
        .toJSON(),
    );
    expect(other).not.toBe(fit());
  });

  it('clones into an unfitted pipeline of fresh steps that refits to the same model', () => {
    const pipe = makePipeline(new StandardScaler({ with_mean: false }), new LogisticRegression(LR)).fit(train.X, train.y);
    const c = pipe.clone();
    expect(() => c.predictProba(test.X)).toThrow(NotFittedError);
    expect(c.steps[0]).not.toBe(pipe.steps[0]);
    expect(c.finalEstimator.getParams()).toEqual(pipe.finalEstimator.getParams());
    expect((c.steps[0] as StandardScaler).getParams()).toEqual({ copy: true, with_mean: false, with_std: true });
    c.fit(train.X, train.y);
    expect(bytes(c.predictProba(test.X)).equals(bytes(pipe.predictProba(test.X)))).toBe(true);
    expect(pipe.getParams().steps).toHaveLength(2);
  });
});

describe('Pipeline with other steps', () => {
  it('runs a GBDT after a CSR scaler and round-trips it', () => {
    const { X, y } = makeProblem(200, 3, 3, 0.5);
    const indptr = new Int32Array(X.rows + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++) {
        const v = X.data[i * X.cols + j]!;
        if (v !== 0) {
          indices.push(j);
          data.push(v);
        }
      }
      indptr[i + 1] = indices.length;
    }
    const csr = { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
    const gb = { num_iterations: 5, num_leaves: 4, min_data_in_leaf: 5 };
    const pipe = makePipeline(new StandardScaler({ with_mean: false }), new GBDT(gb)).fit(csr, y);
    expect(pipe.finalEstimator).toBeInstanceOf(GBDT);
    const back = loadModel(JSON.stringify(pipe.toJSON()));
    expect(bytes(back.predictProba(csr)).equals(bytes(pipe.predictProba(csr)))).toBe(true);
    // The default scaler centers, which CSR forbids: the pipeline surfaces the scaler's typed error.
    expect(() => makePipeline(new StandardScaler(), new GBDT(gb)).fit(csr, y)).toThrow(InvalidParamError);
  });

  it('nests a pipeline as the final step and loads it back through loadModel', () => {
    const { X, y } = makeProblem(100, 3, 6);
    const outer = makePipeline(new StandardScaler({ with_std: false }), makePipeline(new StandardScaler(), new LogisticRegression()));
    outer.fit(X, y);
    const back = loadModel(JSON.stringify(outer.toJSON()));
    expect(bytes(back.predictProba(X)).equals(bytes(outer.predictProba(X)))).toBe(true);
    expect(outer.stepParams().pipeline__logisticregression__C).toBe(1);
  });

  it('accepts a pipeline with no transformer', () => {
    const { X, y } = makeProblem(100, 3, 4);
    const pipe = new Pipeline({ steps: [new LogisticRegression()] }).fit(X, y);
    expect(Array.from(pipe.predictProba(X))).toEqual(Array.from(new LogisticRegression().fit(X, y).predictProba(X)));
  });
});

describe('Pipeline step names and params', () => {
  it("names steps as sklearn's make_pipeline does and flattens their params for logging", () => {
    const pipe = makePipeline(new StandardScaler({ with_mean: false }), new LogisticRegression({ C: 0.5 }));
    expect(pipe.stepNames).toEqual(['standardscaler', 'logisticregression']);
    const flat = pipe.stepParams();
    expect(flat.standardscaler__with_mean).toBe(false);
    expect(flat.logisticregression__C).toBe(0.5);
    expect(flat.logisticregression__penalty).toBe('deprecated'); // sklearn 1.9's get_params() says the same
    expect(Object.values(flat).some((v) => typeof v === 'object' && v !== null)).toBe(false);
    const twice = new Pipeline({ steps: [new StandardScaler(), new StandardScaler({ with_std: false }), new LogisticRegression()] });
    expect(twice.stepNames).toEqual(['standardscaler-1', 'standardscaler-2', 'logisticregression']);
    expect(twice.stepParams()['standardscaler-2__with_std']).toBe(false);
  });
});

describe('Pipeline errors', () => {
  const { X, y } = makeProblem(60, 3, 5);

  it('throws NotFittedError before fit', () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression());
    for (const f of [() => pipe.predictProba(X), () => pipe.featureNames, () => pipe.toJSON(), () => pipe.transform(X)]) expect(f).toThrow(NotFittedError);
    expect(() => pipe.predictProba(X)).toThrow(/Pipeline\.predictProba: the pipeline is not fitted yet/);
  });

  it('validates steps at fit with InvalidParamError naming the step', () => {
    const bad = (steps: unknown) => () => new Pipeline({ steps: steps as [LogisticRegression] }).fit(X, y);
    expect(bad([])).toThrow(InvalidParamError);
    expect(bad([new LogisticRegression(), new LogisticRegression()])).toThrow(/`steps\[0\]` \(kind 'LogisticRegression'\) must be a transformer/);
    expect(bad([makePipeline(new StandardScaler(), new LogisticRegression()), new LogisticRegression()])).toThrow(
      /`steps\[0\]` \(kind 'Pipeline'\) must be a transformer/,
    );
    expect(bad([new StandardScaler()])).toThrow(/`steps\[0\]` \(kind 'StandardScaler'\) is the last step and must be a classifier/);
  });

  it('reports feature-count mismatches at predict', () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression()).fit(X, y);
    expect(() => pipe.predictProba({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow(InvalidInputError);
  });

  it('rejects malformed or unknown steps in JSON with a ModelFormatError naming the path', () => {
    const good = JSON.stringify(makePipeline(new StandardScaler(), new LogisticRegression()).fit(X, y).toJSON());
    const bad = (patch: (j: any) => void) => {
      const j = JSON.parse(good);
      patch(j);
      return () => loadModel(j);
    };
    expect(bad((j) => (j.state.steps[0].kind = 'PolynomialFeatures'))).toThrow(
      /`\$\.state\.steps\[0\]\.kind` is an unknown transformer kind 'PolynomialFeatures'; this version loads StandardScaler/,
    );
    expect(bad((j) => (j.state.steps[0].kind = 'toString'))).toThrow(ModelFormatError);
    expect(bad((j) => (j.state.steps[1].kind = 'StandardScaler'))).toThrow(/in `\$\.state\.steps\[1\]`: unknown model kind "StandardScaler"/);
    expect(bad((j) => (j.state.steps[1].state.coef = [1]))).toThrow(/in `\$\.state\.steps\[1\]`:.*\$\.featureNames/);
    expect(bad((j) => (j.state.steps[0].state.scale = 'x'))).toThrow(/in `\$\.state\.steps\[0\]`: StandardScaler\.fromJSON: `\$\.state\.scale`/);
    expect(bad((j) => (j.state.steps = []))).toThrow(/`\$\.state\.steps` must be a non-empty array/);
    expect(bad((j) => (j.params.steps = ['StandardScaler', 'GBDT']))).toThrow(/`\$\.params\.steps\[1\]` must be 'LogisticRegression'/);
    expect(bad((j) => (j.formatVersion = 2))).toThrow(ModelFormatError);
    expect(() => loadModel({ format: 'abt-model', kind: 'StandardScaler' })).toThrow(/unknown model kind "StandardScaler"/);
  });
});

describe("Pipeline / makePipeline options (sklearn's memory, transform_input, verbose) and refusals", () => {
  const { X, y } = scaledProblem(200, 5);
  const thrown = (run: () => unknown): Error => {
    try {
      run();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected a throw');
  };

  it('getParams has every sklearn Pipeline parameter; verbose is accepted and changes nothing', () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR), { verbose: true });
    expect(Object.keys(pipe.getParams()).sort()).toEqual(['memory', 'steps', 'transform_input', 'verbose']);
    expect(pipe.getParams().verbose).toBe(true);
    const quiet = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(X, y);
    expect(bytes(pipe.fit(X, y).predictProba(X)).equals(bytes(quiet.predictProba(X)))).toBe(true);
    expect(Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe))).getParams().verbose).toBe(true);
  });

  it.each([
    ['memory', { memory: '/tmp/cache' }, /`memory` must be null/],
    ['transform_input', { transform_input: ['X_val'] }, /`transform_input` must be null/],
    ['verbose', { verbose: 1 }, /`verbose` must be true or false/],
    ['cache', { cache: true }, /unknown parameter `cache`/],
  ])('%s is refused at fit with an InvalidParamError naming it', (param, extra, message) => {
    const pipe = new Pipeline({ steps: [new StandardScaler(), new LogisticRegression(LR)], ...(extra as object) });
    const e = thrown(() => pipe.fit(X, y));
    expect(e).toBeInstanceOf(InvalidParamError);
    expect((e as InvalidParamError).param).toBe(param);
    expect(e.message).toMatch(message);
  });

  it('makePipeline refuses unknown keywords; fit refuses unknown options and passes sampleWeight to the classifier', () => {
    expect(() => makePipeline(new StandardScaler(), new LogisticRegression(LR), { verbos: true } as never)).toThrow(InvalidArgumentError);
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR));
    expect(thrown(() => pipe.fit(X, y, { sample_weight: [] } as never))).toMatchObject({ fn: 'Pipeline.fit', argument: 'options.sample_weight' });
    const w = Float64Array.from({ length: X.rows }, (_, i) => 1 + (i % 3));
    const weighted = pipe.fit(X, y, { sampleWeight: w }).predictProba(X);
    const scaler = new StandardScaler().fit(X);
    const manual = new LogisticRegression(LR).fit(scaler.transform(X), y, { sampleWeight: w }).predictProba(scaler.transform(X));
    expect(bytes(weighted).equals(bytes(manual))).toBe(true);
    // A final step without sample weights refuses them rather than ignore them.
    const gbdt = makePipeline(new StandardScaler(), new GBDT({ num_iterations: 2 }));
    expect(thrown(() => gbdt.fit(X, y, { sampleWeight: w }))).toMatchObject({ fn: 'GBDT.fit', argument: 'options.sampleWeight' });
  });

  it("setParams: sklearn's nested <step>__<param>, a step by name, unknown names refused at once", () => {
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(X, y);
    pipe.setParams({ logisticregression__C: 0.01, standardscaler__with_std: false });
    expect(pipe.finalEstimator.getParams().C).toBe(0.01);
    expect((pipe.steps[0] as StandardScaler).getParams().with_std).toBe(false);
    expect(pipe.isFitted).toBe(true); // sklearn keeps the fit until the next fit
    const lr = new LogisticRegression({ C: 3 });
    pipe.setParams({ logisticregression: lr });
    expect(pipe.finalEstimator).toBe(lr);
    expect(pipe.isFitted).toBe(false);
    expect((thrown(() => pipe.setParams({ logisticregression__nope: 1 })) as InvalidParamError).param).toBe('nope');
    expect((thrown(() => pipe.setParams({ scaler__with_std: true })) as InvalidParamError).param).toBe('scaler__with_std');
  });

  it('StandardScaler: copy is a validated no-op; unknown params and options are refused', () => {
    const a = new StandardScaler().fit(X).transform(X);
    const b = new StandardScaler({ copy: false }).fit(X).transform(X);
    expect(bytes(a.data).equals(bytes(b.data))).toBe(true);
    expect(thrown(() => new StandardScaler({ copy: 'no' } as never).fit(X))).toMatchObject({ param: 'copy' });
    expect(thrown(() => new StandardScaler({ with_means: true } as never).fit(X))).toMatchObject({ param: 'with_means' });
    expect(thrown(() => new StandardScaler().fit(X, y as never))).toBeInstanceOf(InvalidArgumentError);
    expect(() => (loadModel as (...a: unknown[]) => unknown)(pipe0(), {})).toThrow(InvalidArgumentError);
  });
});

function pipe0(): unknown {
  const { X, y } = scaledProblem(50, 9);
  return JSON.parse(JSON.stringify(makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(X, y)));
}
