// Transform options: `out` (the caller's buffer, e.g. shared memory) and `onProgress` change where
// and how the matrix is built, never its values.
import { describe, expect, it } from 'vitest';
import { FeaturesError, FeatureSpec, fitFeatureSpec, messages, PROGRESS_ROWS, type FeatureProgress } from '../src/index';
import { movies, ratings, users } from './helpers/synthetic';

const train = ratings(PROGRESS_ROWS * 2 + 1234, 11);
const later = ratings(5000, 12);
// transformOnline needs rows after train
const online = { ...later, timestamp: later.timestamp.map((t) => t + 1e9) };
const input = { train, movies: movies(), users: users() };

const bytes = (a: Float32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const denseData = (m: { X: unknown }) => (m.X as { data: Float32Array | Float64Array }).data;
const shared32 = (n: number) => new Float32Array(new SharedArrayBuffer(n * 4));

describe('transform options', () => {
  const spec = fitFeatureSpec(input);
  const cols = spec.featureNames.length;

  it('out: transformTrain, transform and transformOnline write into the given (shared) array, byte-identical to a fresh one', () => {
    const cases = [
      [train.length, (o: object) => spec.transformTrain(o)],
      [later.length, (o: object) => spec.transform(later, o)],
      [online.length, (o: object) => spec.transformOnline(online, o)],
    ] as const;
    for (const [rows, run] of cases) {
      const out = shared32(rows * cols).fill(NaN);
      const got = run({ out });
      expect(denseData(got)).toBe(out);
      expect(bytes(out).equals(bytes(denseData(run({}))))).toBe(true);
    }
  });

  it('out: the element type must be the dtype and the length rows × cols; one-hot refuses it', () => {
    const wrongType = () => spec.transform(later, { out: new Float64Array(later.length * cols) });
    expect(wrongType).toThrow(messages.outType('transform', 'float32', new Float64Array(1)));
    expect(() => spec.transformTrain({ out: new Float32Array(train.length * cols - 1) })).toThrow(
      messages.outLength('transformTrain', train.length * cols - 1, train.length * cols),
    );
    const f64 = fitFeatureSpec(input, { dtype: 'float64' });
    const out = new Float64Array(later.length * cols);
    expect(denseData(f64.transform(later, { out }))).toBe(out);
    const onehot = fitFeatureSpec(input, { kind: 'onehot' });
    expect(() => onehot.transform(later, { out: new Float32Array(10) })).toThrow(messages.outForOnehot('transform'));
    try {
      wrongType();
    } catch (e) {
      expect(FeaturesError.isInstance(e) && e.code === 'INVALID_OPTION' && e.where === 'out').toBe(true);
    }
  });

  it('onProgress: rows done rise to the total in steps of at least PROGRESS_ROWS, per step; the output does not change', () => {
    const seen: FeatureProgress[] = [];
    const onProgress = (p: FeatureProgress) => seen.push(p);
    const fitted = new FeatureSpec().fit(input, { onProgress });
    expect(bytes(denseData(fitted.transformTrain({ onProgress }))).equals(bytes(denseData(spec.transformTrain())))).toBe(true);
    expect(bytes(denseData(fitted.transform(later, { onProgress }))).equals(bytes(denseData(spec.transform(later))))).toBe(true);
    fitted.transformOnline(online, { onProgress });
    for (const step of ['fit', 'transformTrain', 'transform', 'transformOnline'] as const) {
      const mine = seen.filter((p) => p.step === step);
      const total = step === 'transform' || step === 'transformOnline' ? later.length : train.length;
      expect(mine.at(-1)).toEqual({ step, rowsDone: total, rowsTotal: total });
      for (let i = 1; i < mine.length - 1; i++) expect(mine[i]!.rowsDone - mine[i - 1]!.rowsDone).toBeGreaterThanOrEqual(PROGRESS_ROWS);
      if (total > PROGRESS_ROWS) expect(mine.length).toBeGreaterThanOrEqual(2);
    }
    expect(() => spec.transform(later, { onProgress: 'yes' as never })).toThrow(FeaturesError);
  });
});
