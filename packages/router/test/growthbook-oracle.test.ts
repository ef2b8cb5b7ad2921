import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GrowthBookClient } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { createAssigner, createExperiment, type ExperimentConfig } from '../src/index';

// The oracle is the real SDK: `runInlineExperiment` for arms, its util `hash` for buckets
// (not in the package's export map, so it is imported by file).
const require = createRequire(import.meta.url);
const gbDir = path.dirname(require.resolve('@growthbook/growthbook/package.json'));
const gbUtil = (await import(pathToFileURL(path.join(gbDir, 'dist/esm/util.mjs')).href)) as {
  hash: (seed: string, value: string, version: number) => number | null;
};
process.env.NODE_ENV = 'production'; // the SDK logs its fallbacks with console.error otherwise
const gb = new GrowthBookClient({});
const fixtures = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/growthbook-cases.json'), 'utf8')) as {
  run: [
    { key: string; seed?: string; hashVersion: 1 | 2; weights: number[]; coverage: number },
    number | string,
    { variationId: number; inExperiment: boolean; bucket: number | null },
  ][];
};

const settings: { name: string; key: string; seed?: string; hashVersion: 1 | 2; weights: number[]; coverage: number }[] = [
  { name: '50/50 v2', key: 'movielens_ctr_ab', hashVersion: 2, weights: [0.5, 0.5], coverage: 1 },
  { name: '70/30 v2 coverage 0.6', key: 'exp', seed: 'seed-70-30', hashVersion: 2, weights: [0.7, 0.3], coverage: 0.6 },
  { name: '3 arms 20/30/50 v2 coverage 0.85', key: 'three', hashVersion: 2, weights: [0.2, 0.3, 0.5], coverage: 0.85 },
  { name: '4 arms v1 coverage 0.5', key: 'four', seed: 'legacy', hashVersion: 1, weights: [0.1, 0.2, 0.3, 0.4], coverage: 0.5 },
  { name: '5 arms equal v2 unicode seed', key: 'five', seed: 'sëëd-😀', hashVersion: 2, weights: [0.2, 0.2, 0.2, 0.2, 0.2], coverage: 1 },
];

const toConfig = (s: (typeof settings)[number]): ExperimentConfig => ({
  key: s.key,
  seed: s.seed,
  hashVersion: s.hashVersion,
  coverage: s.coverage,
  arms: s.weights.map((weight, i) => ({ name: `arm${i}`, weight })),
});

describe('GrowthBook equivalence (oracle: @growthbook/growthbook)', () => {
  it.each(settings)('same bucket and arm as the SDK for 100,000 ids: $name', (s) => {
    const assigner = createAssigner(createExperiment(toConfig(s)));
    const exp = {
      key: s.key,
      seed: s.seed,
      hashVersion: s.hashVersion,
      weights: s.weights,
      coverage: s.coverage,
      variations: s.weights.map((_, i) => i) as [number, number, ...number[]],
    };
    const seed = s.seed ?? s.key;
    let mismatches = 0;
    let inside = 0;
    for (let i = 0; i < 100_000; i++) {
      // Alternate numeric and string ids: both must hash as GrowthBook's `seed + value`.
      const id: number | string = i % 2 === 0 ? i + 1 : `u${i}`;
      const r = gb.runInlineExperiment(exp, { attributes: { id } });
      const ours = assigner.assign(id);
      const bucket = gbUtil.hash(seed, String(id), s.hashVersion);
      if (ours.bucket !== bucket || ours.inExperiment !== r.inExperiment || (r.inExperiment && ours.armIndex !== r.variationId)) mismatches++;
      if (r.inExperiment) {
        inside++;
        if (ours.bucket !== r.bucket) mismatches++;
      } else if (ours.armIndex !== 0) mismatches++; // outside coverage both serve the first (default) arm
    }
    expect(mismatches).toBe(0);
    expect(inside / 100_000).toBeCloseTo(s.coverage, 1);
  });

  it('matches the recorded SDK run fixtures', () => {
    for (const [s, id, expected] of fixtures.run) {
      const assigner = createAssigner(
        createExperiment({
          key: s.key,
          seed: s.seed,
          hashVersion: s.hashVersion,
          coverage: s.coverage,
          arms: s.weights.map((weight, i) => ({ name: String(i), weight })),
        }),
      );
      const ours = assigner.assign(id);
      expect(ours.inExperiment, `${s.key}/${id}`).toBe(expected.inExperiment);
      expect(ours.armIndex, `${s.key}/${id}`).toBe(expected.variationId);
      if (expected.bucket !== null) expect(ours.bucket).toBe(expected.bucket);
    }
  });
});

describe("GrowthBook's experiment shape, namespaces and filters (oracle: runInlineExperiment)", () => {
  type GbExp = Record<string, unknown> & { key: string; variations: string[] };
  const cases: { name: string; exp: GbExp }[] = [
    { name: 'defaults (hash v1, equal weights)', exp: { key: 'gb-defaults', variations: ['A', 'B'] } },
    {
      name: 'v2, weights, coverage, seed',
      exp: { key: 'gb-w', variations: ['A', 'B', 'C'], weights: [0.2, 0.3, 0.5], coverage: 0.7, hashVersion: 2, seed: 's1' },
    },
    { name: 'namespace (mutually exclusive half)', exp: { key: 'gb-ns', variations: ['A', 'B'], namespace: ['pricing', 0, 0.5], hashVersion: 2 } },
    { name: 'namespace, other half, v1', exp: { key: 'gb-ns2', variations: ['A', 'B'], namespace: ['pricing', 0.5, 1] } },
    {
      name: 'filters (v2 default) with two ranges',
      exp: {
        key: 'gb-f',
        variations: ['A', 'B'],
        hashVersion: 2,
        filters: [
          {
            seed: 'f-seed',
            ranges: [
              [0, 0.3],
              [0.6, 0.8],
            ],
          },
        ],
      },
    },
    {
      name: 'two filters, one v1',
      exp: {
        key: 'gb-f2',
        variations: ['A', 'B'],
        filters: [
          { seed: 'a', ranges: [[0, 0.7]] },
          { seed: 'b', ranges: [[0.2, 1]], hashVersion: 1 },
        ],
      },
    },
    {
      name: 'explicit ranges (win over weights, as in the SDK)',
      exp: {
        key: 'gb-r',
        variations: ['A', 'B'],
        ranges: [
          [0, 0.1],
          [0.5, 0.9],
        ],
        weights: [0.5, 0.5],
        hashVersion: 2,
      },
    },
    { name: 'hashAttribute userId', exp: { key: 'gb-ha', variations: ['A', 'B'], hashAttribute: 'userId', hashVersion: 2, coverage: 0.5 } },
  ];

  it.each(cases)('same arm and in-experiment flag as the SDK for 20,000 ids: $name', ({ exp }) => {
    const ours = createAssigner(createExperiment(exp));
    const attribute = (exp.hashAttribute as string | undefined) ?? 'id';
    let mismatches = 0;
    for (let i = 0; i < 20_000; i++) {
      // Integers, their decimal strings, other strings, and the empty ids GrowthBook skips.
      const id: number | string = i === 0 ? 0 : i === 1 ? '' : i % 3 === 0 ? `u${i}` : i % 3 === 1 ? i : String(i);
      const r = gb.runInlineExperiment({ ...exp, variations: exp.variations } as never, { attributes: { [attribute]: id } });
      const a = ours.assign(id);
      if (a.inExperiment !== r.inExperiment || a.armIndex !== r.variationId) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('namespaces make experiments mutually exclusive, exactly where the SDK says', () => {
    const left = createAssigner(createExperiment(cases[2]!.exp));
    const right = createAssigner(createExperiment({ key: 'other', variations: ['A', 'B'], namespace: ['pricing', 0.5, 1], hashVersion: 2 }));
    let both = 0;
    let either = 0;
    for (let id = 1; id <= 10_000; id++) {
      const l = left.assign(id).inExperiment;
      const r = right.assign(id).inExperiment;
      if (l && r) both++;
      if (l || r) either++;
    }
    expect(both).toBe(0);
    expect(either / 10_000).toBeGreaterThan(0.95);
  });

  it('refuses unknown and unsupported keys, and what the SDK would silently repair', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ key: 'k', variations: ['A', 'B'], condition: { country: 'US' } }, /experiment\.condition is not supported in a GrowthBook \(variations\) config/],
      [{ key: 'k', variations: ['A', 'B'], force: 1 }, /experiment\.force is not supported/],
      [{ key: 'k', variations: ['A', 'B'], hashAttribute: 'deviceId' }, /hashAttribute "deviceId" is not supported/],
      [{ key: 'k', variations: ['A', 'B'], weights: [0.5, 0.4] }, /add up to 1/],
      [{ key: 'k', variations: ['A', 'B'], weights: [1] }, /one weight per variation/],
      [{ key: 'k', variations: ['A', 'B'], coverage: 1.5 }, /coverage must be in \[0, 1\]/],
      [{ key: 'k', variations: ['A', 'B'], hashVersion: 3 }, /hashVersion must be 1 or 2/],
      [
        {
          key: 'k',
          variations: ['A', 'B'],
          ranges: [
            [0, 0.6],
            [0.5, 1],
          ],
        },
        /overlap/,
      ],
      [
        { key: 'k', variations: ['A', 'B'], namespace: ['n', 0, 0.5], filters: [{ seed: 's', ranges: [[0, 1]] }] },
        /ignores the namespace when filters are given/,
      ],
      [{ key: 'k', variations: ['A', 1] }, /variations\[1\] must be an arm name/],
      [{ key: 'k', variations: ['A', 'B'], filters: [{ seed: 's', ranges: [[0, 1]], attribute: 'country' }] }, /attribute "country" is not supported/],
      [{ key: 'k', arms: [{ name: 'A' }, { name: 'B' }], namespac: ['n', 0, 1] }, /experiment\.namespac is not supported in an abt \(arms\) config/],
      [{ key: 'k', arms: [{ name: 'A' }, { name: 'B' }], variations: ['A', 'B'] }, /both "arms".*and "variations"/],
    ];
    for (const [config, message] of bad) expect(() => createExperiment(config), JSON.stringify(config)).toThrow(message);
  });
});
