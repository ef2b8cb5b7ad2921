import { defaultFeatureNames } from '../feature-names';
import { isCsr, type Matrix } from '../matrix';
import type { Transformer } from '../preprocessing/index';
import { asRows, check, contractData, isError, same, sameBytes, thrown, withExtraArgument, type ContractApi } from './contract-tools';

/** How the transformer suite builds the transformer under test. */
export type TransformerFixture<P extends object = Record<string, unknown>> = {
  /** A new, unfitted transformer. */
  make: () => Transformer<P>;
  /** `new Ctor(params)`: `clone()` must equal it applied to `getParams()`. */
  create: (params: P) => Transformer<P>;
  /** The class's static loader (`Ctor.fromJSON`). */
  fromJSON: (json: unknown) => Transformer;
  /** A hyperparameter and another valid value for it, for `setParams`. */
  settable: { readonly name: string; readonly value: unknown };
};

const dense = (m: Matrix): Float64Array => {
  check(!isCsr(m), 'a dense input must give a dense output');
  return Float64Array.from(m.data);
};

/**
 * sklearn's transformer checks, in spirit, for every abt transformer: `fit` learns from X alone and
 * returns `this`, `transform` keeps the row count and never writes into X, `fitTransform` =
 * `fit().transform()`, refitting forgets, clone / params / JSON / refusals as for classifiers.
 */
export function transformerContract<P extends object>(name: string, api: ContractApi, fixture: TransformerFixture<P>): void {
  const { describe, it } = api;
  const { X } = contractData(100, 4, 21);
  const narrow = contractData(60, 3, 22).X;
  const json = (t: { toJSON(): unknown }) => JSON.stringify(t.toJSON());

  describe(`${name}: transformer contract`, () => {
    it('is unfitted until fit: transform and fitted state throw NotFittedError', () => {
      const t = fixture.make();
      check(t.isFitted === false, 'isFitted must be false before fit');
      for (const [what, read] of [
        ['transform', () => t.transform(X)],
        ['featureNames', () => t.featureNames],
        ['nFeaturesIn', () => t.nFeaturesIn],
        ['toJSON', () => t.toJSON()],
      ] as const) {
        check(isError(thrown(read, what), 'NotFittedError'), `${what} before fit must throw NotFittedError`);
      }
    });

    it('fit returns this; transform keeps the rows and never writes into X; fitTransform = fit + transform', () => {
      const copy = X.data.slice();
      const t = fixture.make();
      check(t.fit(X) === t && t.isFitted && t.nFeaturesIn === 4, 'fit must return this and see 4 columns');
      const out = t.transform(X);
      check(out.rows === X.rows, 'transform must keep the row count');
      check(sameBytes(Float64Array.from(X.data), Float64Array.from(copy)), 'fit / transform must not modify X');
      check(sameBytes(dense(fixture.make().fitTransform(X)), dense(out)), 'fitTransform must equal fit then transform');
    });

    it('refitting forgets the earlier fit', () => {
      const t = fixture.make().fit(X, { featureNames: ['a', 'b', 'c', 'd'] });
      t.fit(narrow);
      check(t.nFeaturesIn === 3 && same(t.featureNames, defaultFeatureNames(3)), 'a refit must forget columns and names');
      check(json(t) === json(fixture.make().fit(narrow)), 'a refit must equal a fresh fit');
    });

    it('clone() is new Ctor(getParams()); getParams returns a copy; setParams refuses unknown names', () => {
      const t = fixture.make().fit(X);
      const c = t.clone();
      check(c !== t && !c.isFitted && same(c.getParams(), t.getParams()), 'clone must be unfitted with equal params');
      check(same(fixture.create(t.getParams()).getParams(), t.getParams()), 'new Ctor(getParams()) must have equal params');
      const p = t.getParams() as Record<string, unknown>;
      for (const k of Object.keys(p)) p[k] = 'mutated';
      check(same(t.getParams(), c.getParams()), 'mutating getParams() output must not change the transformer');
      check(t.setParams({ [fixture.settable.name]: fixture.settable.value } as Partial<P>) === t, 'setParams must return this');
      const e = thrown(() => t.setParams({ no_such_param: 1 } as unknown as Partial<P>), 'setParams with an unknown name');
      check(isError(e, 'InvalidParamError') && (e as { param?: string }).param === 'no_such_param', 'setParams must name the unknown param');
    });

    it('unknown params, options and surplus arguments are refused, naming them', () => {
      const e = thrown(() => fixture.create({ ...fixture.make().getParams(), no_such_param: 1 } as P).fit(X), 'an unknown param');
      check(isError(e, 'InvalidParamError') && (e as { param?: string }).param === 'no_such_param', 'the error must name no_such_param');
      const t = fixture.make();
      const o = thrown(() => t.fit(X, { no_such_option: 1 } as never), 'an unknown fit option');
      check(isError(o, 'InvalidArgumentError') && (o as { argument?: string }).argument === 'options.no_such_option', 'fit must name options.no_such_option');
      check(isError(thrown(withExtraArgument(t.fit as never, t, X, {}), 'fit with 3 arguments'), 'InvalidArgumentError'), 'fit must refuse a 3rd argument');
      t.fit(X);
      check(
        isError(thrown(withExtraArgument(t.transform as never, t, X), 'transform with 2 arguments'), 'InvalidArgumentError'),
        'transform must refuse a 2nd argument',
      );
    });

    it('JSON round trip: same output, same JSON; malformed JSON is a ModelFormatError', () => {
      const t = fixture.make().fit(X);
      const text = JSON.stringify(t);
      const back = fixture.fromJSON(JSON.parse(text));
      check(back.isFitted && sameBytes(dense(back.transform(X)), dense(t.transform(X))), 'a loaded transformer must give the same bytes');
      check(JSON.stringify(back) === text, 'a loaded transformer must write the same JSON');
      const good = JSON.parse(text);
      for (const [what, j] of [
        ['null', null],
        ['format', { ...good, format: 'x' }],
        ['formatVersion', { ...good, formatVersion: 99 }],
        ['kind', { ...good, kind: 'Other' }],
        ['an unknown param', { ...good, params: { ...good.params, no_such_param: 1 } }],
      ] as const) {
        check(
          isError(
            thrown(() => fixture.fromJSON(j), `fromJSON with bad ${what}`),
            'ModelFormatError',
          ),
          `fromJSON with bad ${what} must throw ModelFormatError`,
        );
      }
    });

    it('is deterministic, names features Column_0… by default, and takes number[][]', () => {
      check(json(fixture.make().fit(X)) === json(fixture.make().fit(X)), 'two fits must write the same JSON');
      check(same(fixture.make().fit(X).featureNames, defaultFeatureNames(4)), 'default feature names must be Column_0…');
      const t = fixture.make().fit(asRows(X));
      check(json(t) === json(fixture.make().fit(X)), 'fit on number[][] must equal fit on the dense matrix');
      check(sameBytes(dense(t.transform(asRows(X))), dense(t.transform(X))), 'transform on number[][] must equal the dense matrix');
    });
  });
}
