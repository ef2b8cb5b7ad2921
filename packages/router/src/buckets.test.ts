import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseArm, getBucketRanges } from './index';

const fixtures = JSON.parse(readFileSync(new URL('../test/fixtures/growthbook-cases.json', import.meta.url), 'utf8')) as {
  getBucketRange: [number, number, number[] | null, [number, number][]][];
  chooseVariation: [number, [number, number][], number][];
};

describe('bucket ranges (GrowthBook golden vectors)', () => {
  it.each(fixtures.getBucketRange)('getBucketRanges(%i arms, coverage %d, weights %j)', (n, coverage, weights, expected) => {
    const w = weights ?? new Array<number>(n).fill(1 / n);
    expect([...getBucketRanges(w, coverage)]).toEqual(expected.flat());
  });

  it.each(fixtures.chooseVariation)('chooseVariation(%d, %j) = %i', (n, ranges, expected) => {
    expect(chooseArm(n, Float64Array.from(ranges.flat()))).toBe(expected);
  });
});
