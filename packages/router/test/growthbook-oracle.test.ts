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
const gb = new GrowthBookClient({});
const fixtures = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/growthbook-cases.json'), 'utf8')) as {
  run: [{ key: string; seed?: string; hashVersion: 1 | 2; weights: number[]; coverage: number }, number | string, { variationId: number; inExperiment: boolean; bucket: number | null }][];
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
    const exp = { key: s.key, seed: s.seed, hashVersion: s.hashVersion, weights: s.weights, coverage: s.coverage, variations: s.weights.map((_, i) => i) as [number, number, ...number[]] };
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
        createExperiment({ key: s.key, seed: s.seed, hashVersion: s.hashVersion, coverage: s.coverage, arms: s.weights.map((weight, i) => ({ name: String(i), weight })) }),
      );
      const ours = assigner.assign(id);
      expect(ours.inExperiment, `${s.key}/${id}`).toBe(expected.inExperiment);
      expect(ours.armIndex, `${s.key}/${id}`).toBe(expected.variationId);
      if (expected.bucket !== null) expect(ours.bucket).toBe(expected.bucket);
    }
  });
});
