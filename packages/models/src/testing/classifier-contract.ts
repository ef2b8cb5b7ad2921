import { defaultFeatureNames } from '../feature-names';
import type { Classifier, FitProgress } from '../model';
import { asRows, check, contractData, isError, same, sameBytes, thrown, withExtraArgument, type ContractApi } from './contract-tools';

/** How the classifier suite builds the estimator under test. */
export type ClassifierFixture<P extends object = Record<string, unknown>> = {
  /** A new, unfitted estimator with quick-to-fit hyperparameters. */
  make: () => Classifier<P>;
  /** `new Ctor(params)`: `clone()` must equal it applied to `getParams()`. */
  create: (params: P) => Classifier<P>;
  /** The class's static loader (`Ctor.fromJSON`). */
  fromJSON: (json: unknown) => Classifier;
  /** A hyperparameter and another valid value for it, for `setParams`. */
  settable: { readonly name: string; readonly value: unknown };
};

const VALID_METRICS = ['binary_logloss', 'auc'];

/**
 * sklearn's `check_estimator`, in spirit, for every abt classifier (run it on a new estimator as
 * tracking's store contract runs on a new store): constructor = hyperparameters, `fit` returns
 * `this`, refitting forgets, `clone()` = `new Ctor(getParams())`, unfitted → NotFittedError,
 * `getParams()` returns a copy, JSON round trip with validation, determinism, default feature names
 * `Column_0…`, progress metric names, `number[][]` input, and refused unknown keys / arguments.
 */
export function classifierContract<P extends object>(name: string, api: ContractApi, fixture: ClassifierFixture<P>): void {
  const { describe, it } = api;
  const { X, y } = contractData(120, 4, 11);
  const valid = contractData(50, 4, 12);
  const narrow = contractData(90, 3, 13);
  const json = (m: { toJSON(): unknown }) => JSON.stringify(m.toJSON());

  describe(`${name}: classifier contract`, () => {
    it('is unfitted until fit: isFitted false, fitted state and predictions throw NotFittedError', () => {
      const m = fixture.make();
      check(m.isFitted === false, 'isFitted must be false before fit');
      const reads: [string, () => unknown][] = [
        ['predictProba', () => m.predictProba(X)],
        ['predict', () => m.predict(X)],
        ['featureNames', () => m.featureNames],
        ['nFeaturesIn', () => m.nFeaturesIn],
        ['toJSON', () => m.toJSON()],
      ];
      for (const [what, read] of reads) check(isError(thrown(read, what), 'NotFittedError'), `${what} before fit must throw NotFittedError`);
    });

    it('fit returns this; predictions are probabilities and predict agrees with them', () => {
      const m = fixture.make();
      check(m.fit(X, y) === m, 'fit must return this');
      check(m.isFitted, 'isFitted must be true after fit');
      check(m.nFeaturesIn === 4, `nFeaturesIn must be 4, got ${m.nFeaturesIn}`);
      const p = m.predictProba(X);
      check(p instanceof Float64Array && p.length === X.rows, 'predictProba must return one Float64 per row');
      check(
        p.every((v) => v >= 0 && v <= 1),
        'probabilities must lie in [0, 1]',
      );
      const labels = m.predict(X);
      check(labels.length === X.rows && labels.every((v, i) => v === (p[i]! > 0.5 ? 1 : 0) || p[i] === 0.5), 'predict must be P(y = 1) > 0.5');
    });

    it('refitting forgets the earlier fit; a failed refit leaves it unfitted', () => {
      const m = fixture.make().fit(X, y, { featureNames: ['a', 'b', 'c', 'd'] });
      m.fit(narrow.X, narrow.y);
      check(m.nFeaturesIn === 3, 'a refit on 3 columns must see 3 columns');
      check(same(m.featureNames, defaultFeatureNames(3)), 'a refit without names must forget the earlier names');
      check(json(m) === json(fixture.make().fit(narrow.X, narrow.y)), 'a refit must equal a fresh fit on the same data');
      thrown(() => m.fit(X, new Float64Array(X.rows)), 'fit on a single class');
      check(
        !m.isFitted &&
          isError(
            thrown(() => m.predictProba(X), 'predictProba'),
            'NotFittedError',
          ),
        'a failed refit must leave the estimator unfitted',
      );
    });

    it('clone() is new Ctor(getParams()): unfitted, equal params, fits to the same model', () => {
      const m = fixture.make().fit(X, y);
      const c = m.clone();
      check(c !== m && !c.isFitted, 'clone must be a new, unfitted estimator');
      check(same(c.getParams(), m.getParams()), 'clone must have equal params');
      check(same(fixture.create(m.getParams()).getParams(), m.getParams()), 'new Ctor(getParams()) must have equal params');
      check(json(c.fit(X, y)) === json(m), 'clone must fit to the same model');
    });

    it('getParams returns a copy; setParams changes params, refuses unknown names at once', () => {
      const m = fixture.make();
      const before = m.getParams();
      const p = m.getParams() as Record<string, unknown>;
      for (const k of Object.keys(p)) p[k] = 'mutated';
      check(same(m.getParams(), before), 'mutating getParams() output must not change the estimator');
      check(m.setParams({ [fixture.settable.name]: fixture.settable.value } as Partial<P>) === m, 'setParams must return this');
      check(same((m.getParams() as Record<string, unknown>)[fixture.settable.name], fixture.settable.value), 'setParams must change the param');
      const e = thrown(() => m.setParams({ no_such_param: 1 } as unknown as Partial<P>), 'setParams with an unknown name');
      check(isError(e, 'InvalidParamError') && (e as { param?: string }).param === 'no_such_param', 'setParams must name the unknown param');
    });

    it('an unknown constructor parameter is an InvalidParamError naming it, by fit at the latest', () => {
      const e = thrown(() => fixture.create({ ...fixture.make().getParams(), no_such_param: 1 } as P).fit(X, y), 'an unknown param');
      check(isError(e, 'InvalidParamError') && (e as { param?: string }).param === 'no_such_param', 'the error must name no_such_param');
    });

    it('unknown fit options and surplus arguments are InvalidArgumentError naming them', () => {
      const m = fixture.make();
      const e = thrown(() => m.fit(X, y, { no_such_option: 1 } as never), 'an unknown fit option');
      check(isError(e, 'InvalidArgumentError') && (e as { argument?: string }).argument === 'options.no_such_option', 'fit must name options.no_such_option');
      check(isError(thrown(withExtraArgument(m.fit as never, m, X, y, {}), 'fit with 4 arguments'), 'InvalidArgumentError'), 'fit must refuse a 4th argument');
      m.fit(X, y);
      for (const method of ['predictProba', 'predict'] as const) {
        check(
          isError(thrown(withExtraArgument(m[method] as never, m, X), `${method} with 2 arguments`), 'InvalidArgumentError'),
          `${method} must refuse a 2nd argument`,
        );
      }
    });

    it('JSON round trip: same predictions, same JSON; malformed JSON is a ModelFormatError', () => {
      const m = fixture.make().fit(X, y);
      const text = JSON.stringify(m);
      const back = fixture.fromJSON(JSON.parse(text));
      check(back.isFitted && sameBytes(back.predictProba(X), m.predictProba(X)), 'a loaded model must predict the same bytes');
      check(JSON.stringify(back) === text, 'a loaded model must write the same JSON');
      check(same(back.getParams(), m.getParams()) && same(back.featureNames, m.featureNames), 'params and feature names must survive');
      const good = JSON.parse(text);
      const bad: [string, unknown][] = [
        ['null', null],
        ['format', { ...good, format: 'pickle' }],
        ['formatVersion', { ...good, formatVersion: 99 }],
        ['kind', { ...good, kind: 'SomethingElse' }],
        ['state', { ...good, state: undefined }],
        ['an unknown param', { ...good, params: { ...good.params, no_such_param: 1 } }],
      ];
      for (const [what, j] of bad)
        check(
          isError(
            thrown(() => fixture.fromJSON(j), `fromJSON with bad ${what}`),
            'ModelFormatError',
          ),
          `fromJSON with bad ${what} must throw ModelFormatError`,
        );
    });

    it('is deterministic: the same params and data give the same bytes', () => {
      check(json(fixture.make().fit(X, y)) === json(fixture.make().fit(X, y)), 'two fits must write the same JSON');
    });

    it('feature names: Column_0… by default, fit options when given, checked against X', () => {
      check(same(fixture.make().fit(X, y).featureNames, defaultFeatureNames(4)), 'default feature names must be Column_0…');
      check(same(fixture.make().fit(X, y, { featureNames: ['a', 'b', 'c', 'd'] }).featureNames, ['a', 'b', 'c', 'd']), 'given feature names must be kept');
      check(
        isError(
          thrown(() => fixture.make().fit(X, y, { featureNames: ['a'] }), 'fit with 1 name for 4 columns'),
          'InvalidInputError',
        ),
        'a wrong name count must be InvalidInputError',
      );
    });

    it('progress: iterations 1, 2, …; metrics named by the one rule (valid: LightGBM names, train_*)', () => {
      const seen: FitProgress[] = [];
      fixture.make().fit(X, y, { valid: { X: valid.X, y: valid.y }, onProgress: (p) => void seen.push(p) });
      check(seen.length > 0, 'onProgress must be called');
      seen.forEach((p, k) => {
        check(p.iteration === k + 1 && p.total >= p.iteration, `progress ${k} must be iteration ${k + 1} of total ≥ it`);
        const keys = Object.keys(p.metrics ?? {});
        check(
          keys.every((m) => m.startsWith('train_') || VALID_METRICS.includes(m)),
          `metric names ${keys.join(', ')} must be train_* or ${VALID_METRICS.join(' / ')}`,
        );
        check(
          keys.some((m) => VALID_METRICS.includes(m)),
          'a fit with options.valid must report a validation metric',
        );
      });
    });

    it('takes number[][] wherever it takes a matrix, with the same result', () => {
      const a = fixture.make().fit(X, y);
      const b = fixture.make().fit(asRows(X), Array.from(y));
      check(json(a) === json(b), 'fit on number[][] must equal fit on the dense matrix');
      check(sameBytes(b.predictProba(asRows(X)), a.predictProba(X)), 'predictProba on number[][] must equal the dense matrix');
      check(
        isError(
          thrown(() => a.predictProba(asRows(narrow.X)), 'predictProba with 3 of 4 columns'),
          'InvalidInputError',
        ),
        'a wrong column count must be InvalidInputError',
      );
    });
  });
}
