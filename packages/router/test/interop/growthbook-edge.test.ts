// GrowthBook's bucketing functions on edge and random inputs, with the real SDK
// (@growthbook/growthbook, a devDependency) computing every expected value.
import { describe, expect, it } from 'vitest';
import { chooseVariation, createAssigner, createExperiment, getBucketRanges, getEqualWeights, hash, inNamespace } from '../../src/index';
import { createRng, growthbookUtil } from '../helpers/growthbook-sdk';

const gb = await growthbookUtil();

// Inputs at and around every branch of getBucketRanges: coverage clamps, length mismatch,
// the [0.99, 1.01] tolerance, NaN and infinities (SDK comparisons with NaN are false), n <= 0.
const coverages = [undefined, 0, 1, 0.5, -0.1, -5, 1.0000001, 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-12, 0.999999];
const weightSets: (number[] | undefined | null)[] = [
  undefined,
  null,
  [],
  [0.5, 0.5],
  [0.4, 0.6],
  [0.2, 0.3, 0.5],
  [0.5, 0.49],
  [0.5, 0.4899999],
  [0.5, 0.49000001],
  [0.5, 0.51],
  [0.5, 0.5100001],
  [0.5, 0.51000001],
  [0.989999, 0],
  [1.01, 0],
  [1.5, -0.5],
  [Number.NaN, 0.5],
  [0.5, Number.POSITIVE_INFINITY],
  [1, 0, 0],
  [0.25, 0.25, 0.25, 0.25],
  [1 / 3, 1 / 3, 1 / 3],
  [0.1, 0.2, 0.3, 0.4, 0],
];
const counts = [-3, -0.5, 0, 1, 2, 3, 4, 5];

describe('GrowthBook functions on edge inputs (oracle: the SDK)', () => {
  it('getBucketRanges equals the SDK on every (count, coverage, weights) edge combination', () => {
    let cases = 0;
    for (const n of counts)
      for (const coverage of coverages)
        for (const weights of weightSets) {
          const expected = gb.getBucketRanges(n, coverage, weights ?? undefined);
          // Object.is: the same doubles, NaN and -0 included.
          const ours = getBucketRanges(n, coverage, weights);
          expect(ours.length, JSON.stringify({ n, coverage, weights })).toBe(expected.length);
          ours.forEach(([s, e], i) => {
            expect(Object.is(s, expected[i]![0]) && Object.is(e, expected[i]![1]), JSON.stringify({ n, coverage, weights, i })).toBe(true);
          });
          cases++;
        }
    expect(cases).toBe(counts.length * coverages.length * weightSets.length);
  });

  it('getBucketRanges equals the SDK on 20,000 random inputs (seeded)', () => {
    const rng = createRng(13);
    for (let t = 0; t < 20_000; t++) {
      const n = Math.floor(rng() * 7);
      const len = rng() < 0.8 ? n : Math.floor(rng() * 7);
      // Weights near a valid split, perturbed across the tolerance edges.
      const raw = Array.from({ length: len }, () => rng());
      const sum = raw.reduce((a, b) => a + b, 0) || 1;
      const scale = rng() < 0.5 ? 1 : 0.97 + rng() * 0.06;
      const weights = rng() < 0.1 ? undefined : raw.map((x) => (x / sum) * scale);
      const coverage = rng() < 0.1 ? undefined : -0.2 + rng() * 1.4;
      const expected = gb.getBucketRanges(n, coverage, weights);
      expect(getBucketRanges(n, coverage, weights), JSON.stringify({ n, coverage, weights })).toEqual(expected);
    }
  });

  it('getEqualWeights equals the SDK', () => {
    for (const n of [-1, 0, 1, 2, 3, 7, 100]) expect(getEqualWeights(n)).toEqual(gb.getEqualWeights(n));
  });

  it('hash returns null for unknown versions and equals the SDK for 1 and 2', () => {
    const rng = createRng(5);
    for (const version of [0, 1, 2, 3, -1, 1.5, Number.NaN, 2.0000001, 99]) {
      for (let t = 0; t < 200; t++) {
        const seed = rng() < 0.2 ? '' : `s${Math.floor(rng() * 1e6)}`;
        const value = rng() < 0.5 ? String(Math.floor(rng() * 1e9)) : `user-${rng().toString(36).slice(2)}😀`;
        expect(hash(seed, value, version), `${seed}/${value}/v${version}`).toBe(gb.hash(seed, value, version));
      }
    }
    expect(hash('s', 'u', 3)).toBeNull();
  });

  it('chooseVariation and inNamespace equal the SDK on random buckets, ranges and namespaces', () => {
    const rng = createRng(21);
    for (let t = 0; t < 5000; t++) {
      const n = Math.floor(rng() * 5);
      const ranges = gb.getBucketRanges(n, rng() * 1.2, undefined);
      const x = rng() < 0.1 ? [0, 1, 0.5, ...ranges.flat()][Math.floor(rng() * (3 + 2 * n))]! : rng();
      expect(chooseVariation(x, ranges)).toBe(gb.chooseVariation(x, ranges));
      const start = rng();
      const ns: [string, number, number] = [`ns${Math.floor(rng() * 20)}`, start, start + rng() * (1 - start)];
      const id = rng() < 0.5 ? String(Math.floor(rng() * 1e5)) : `u${Math.floor(rng() * 1e5)}`;
      expect(inNamespace(id, ns), `${id} ${JSON.stringify(ns)}`).toBe(gb.inNamespace(id, ns));
    }
  });

  it('the configuration path rejects what the SDK would silently repair, naming the field', () => {
    const arms = (w: number[]) => w.map((weight, i) => ({ name: `a${i}`, weight }));
    const bad: [unknown, RegExp][] = [
      [{ key: 'k', arms: arms([0.5, 0.4]) }, /experiment\.arms: arm weights must add up to 1/],
      [{ key: 'k', arms: arms([1.5, -0.5]) }, /experiment\.arms\[0\]\.weight must be in \[0, 1\]/],
      [{ key: 'k', arms: arms([0.5, 0.5]), coverage: 1.2 }, /experiment\.coverage must be in \[0, 1\]/],
      [{ key: 'k', arms: arms([0.5, 0.5]), coverage: -0.1 }, /experiment\.coverage must be in \[0, 1\]/],
      [{ key: 'k', arms: arms([0.5, 0.5]), hashVersion: 3 }, /experiment\.hashVersion/],
      [{ key: 'k', arms: arms([Number.NaN, 0.5]) }, /finite number/],
    ];
    for (const [config, message] of bad) expect(() => createExperiment(config)).toThrow(message);
  });

  it('valid experiments bucket every id as the SDK (weights at the tolerance edges)', () => {
    for (const weights of [
      [0.5, 0.49],
      [0.5, 0.51],
      [0.2, 0.3, 0.5],
      [1 / 3, 1 / 3, 1 / 3],
    ]) {
      const e = createExperiment({ key: 'edge', hashVersion: 2, coverage: 0.7, arms: weights.map((weight, i) => ({ name: `a${i}`, weight })) });
      const a = createAssigner(e);
      const ranges = gb.getBucketRanges(weights.length, 0.7, weights);
      for (let id = 1; id <= 20_000; id++) {
        const expected = gb.chooseVariation(gb.hash('edge', String(id), 2)!, ranges);
        const ours = a.assign(id);
        expect(ours.inExperiment ? ours.armIndex : -1).toBe(expected);
      }
    }
  });
});
