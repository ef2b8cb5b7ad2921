import { createRng as dataRng } from '@abt/data';
import { createRng as evalRng } from '@abt/eval';
import { describe, expect, it } from 'vitest';

// One seeded RNG (issue 14.8): @abt/data and @abt/eval may not import each other, so each compiles
// internal/random.ts in; a seed must still give one stream whichever package it reaches.
describe('one seeded RNG', () => {
  it('@abt/data and @abt/eval give the same stream for the same seed', () => {
    for (const seed of [0, 1, 42, -7, 2 ** 31, 2 ** 32 + 5, 1.5]) {
      const a = dataRng(seed);
      const b = evalRng(seed);
      const xs = Array.from({ length: 64 }, a);
      expect(Array.from({ length: 64 }, b)).toEqual(xs);
    }
  });
});
