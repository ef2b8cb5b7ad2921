import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHasher, fnv32a, hash } from './index';

const fixtures = JSON.parse(readFileSync(new URL('../test/fixtures/growthbook-cases.json', import.meta.url), 'utf8')) as {
  hash: [string, string, 1 | 2, number][];
};

describe('hash (GrowthBook golden vectors)', () => {
  it('matches GrowthBook sdk-js published v1 cases', () => {
    // From GrowthBook's test/cases.json: hash("", "a", 1) = 0.22, "b" → 0.077, "ab" → 0.946, "def" → 0.652.
    expect(hash('', 'a', 1)).toBe(0.22);
    expect(hash('', 'b', 1)).toBe(0.077);
    expect(hash('', 'ab', 1)).toBe(0.946);
    expect(hash('', 'def', 1)).toBe(0.652);
  });

  it.each(fixtures.hash)('hash(%j, %j, v%i) = %d', (seed, value, version, expected) => {
    expect(hash(seed, value, version)).toBe(expected);
    expect(createHasher(seed, version)(value)).toBe(expected);
  });

  it('hashes numbers exactly like their decimal strings', () => {
    for (const version of [1, 2] as const) {
      const h = createHasher('movielens', version);
      for (const n of [
        0,
        1,
        9,
        10,
        99,
        100,
        999,
        1000,
        9999,
        10000,
        10001,
        99999999,
        1e8,
        100000001,
        4294967295,
        999999999999,
        1e12,
        1e12 + 7,
        123456789012345,
        -5,
        -10000,
        -0,
        Number.MAX_SAFE_INTEGER,
        2 ** 60,
        1.5,
        1e21,
      ])
        expect(h(n), `${n} v${version}`).toBe(hash('movielens', String(n), version));
    }
  });

  it('fnv32a is the 32-bit FNV-1a of UTF-16 code units', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c); // FNV-1a reference vector
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('v2 buckets are uniform enough over 100k ids', () => {
    const h = createHasher('uniform', 2);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(h(i) * 10)]! += 1;
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});
