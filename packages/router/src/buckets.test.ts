import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseArm, chooseVariation, flattenRanges, getBucketRanges, InvalidArgumentError } from './index';

const fixtures = JSON.parse(readFileSync(new URL('../test/fixtures/growthbook-cases.json', import.meta.url), 'utf8')) as {
  getBucketRange: [number, number, number[] | null, [number, number][]][];
  chooseVariation: [number, [number, number][], number][];
};

describe('bucket ranges (GrowthBook golden vectors)', () => {
  it.each(fixtures.getBucketRange)('getBucketRanges(%i arms, coverage %d, weights %j)', (n, coverage, weights, expected) => {
    expect(getBucketRanges(n, coverage, weights)).toEqual(expected);
    expect([...flattenRanges(getBucketRanges(n, coverage, weights))]).toEqual(expected.flat());
  });

  it.each(fixtures.chooseVariation)('chooseVariation(%d, %j) = %i', (n, ranges, expected) => {
    expect(chooseArm(n, Float64Array.from(ranges.flat()))).toBe(expected);
    expect(chooseVariation(n, ranges)).toBe(expected);
  });

  it('refuses surplus arguments and inputs the SDK cannot take (contract 2)', () => {
    for (const call of [
      () => (getBucketRanges as (...a: unknown[]) => unknown)(2, 1, [0.5, 0.5], 'extra'),
      () => (getBucketRanges as (...a: unknown[]) => unknown)('2'),
      () => (getBucketRanges as (...a: unknown[]) => unknown)(2.5),
      () => (getBucketRanges as (...a: unknown[]) => unknown)(2, '1'),
      () => (getBucketRanges as (...a: unknown[]) => unknown)(2, 1, ['0.5', 0.5]),
      () => (chooseArm as (...a: unknown[]) => unknown)(0.5, new Float64Array(2), 1),
    ]) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    }
  });
});
