#!/usr/bin/env node
// Generates test/fixtures/growthbook-cases.json from the installed @growthbook/growthbook (the
// oracle). Inputs follow GrowthBook sdk-js `test/cases.json` (hash, getBucketRange,
// chooseVariation, run) plus abt's own (unicode seeds, >2 arms, numeric ids). Run once after
// bumping the devDependency: `node packages/router/scripts/generate-fixtures.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('@growthbook/growthbook/package.json'));
const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
// hash/getBucketRanges/chooseVariation are not in the package's export map: load the module file itself.
const util = await import(pathToFileURL(path.join(pkgDir, 'dist/esm/util.mjs')).href);
const { GrowthBookClient } = await import('@growthbook/growthbook');

const seeds = ['', 'seed', 'a', 'movielens_ctr_ab', 'ünï©ødé', '😀', 'exp-2026'];
const values = ['a', 'b', 'ab', 'def', '8952klfjas09ujkasdf', '123', '___)((*":&', '1', '943', '', '😀x', 'user-00042'];
const hash = [];
for (const version of [1, 2]) for (const seed of seeds) for (const value of values) hash.push([seed, value, version, util.hash(seed, value, version)]);

const rangeInputs = [
  [2, 1, null],
  [2, 0.5, null],
  [2, 0, null],
  [4, 1, null],
  [4, 0.5, null],
  [2, 1, [0.4, 0.6]],
  [2, 1, [0.9, 0.1]],
  [3, 1, [0.2, 0.3, 0.5]],
  [3, 0.7, [0.2, 0.3, 0.5]],
  [5, 0.33, null],
  [3, 1, null],
  [2, 1, [0.333, 0.667]],
];
const getBucketRange = rangeInputs.map(([n, coverage, weights]) => [n, coverage, weights, util.getBucketRanges(n, coverage, weights ?? undefined)]);

const chooseVariation = [];
for (const [, , , ranges] of getBucketRange)
  for (const n of [0, 0.1, 0.25, 0.2499, 0.5, 0.5001, 0.6, 0.75, 0.999, 1]) chooseVariation.push([n, ranges, util.chooseVariation(n, ranges)]);

const gb = new GrowthBookClient({});
const settings = [
  { key: 'movielens_ctr_ab', hashVersion: 2, weights: [0.5, 0.5], coverage: 1 },
  { key: 'exp', seed: 'abc', hashVersion: 2, weights: [0.2, 0.3, 0.5], coverage: 0.8 },
  { key: 'exp-v1', hashVersion: 1, weights: [0.7, 0.3], coverage: 0.5 },
  { key: 'four', seed: 'four-seed', hashVersion: 2, weights: [0.25, 0.25, 0.25, 0.25], coverage: 0.95 },
];
const run = [];
for (const s of settings) {
  const exp = { ...s, variations: s.weights.map((_, i) => i) };
  for (const id of [1, 2, 3, 42, 943, 'a', 'user-7', 'ünï', 123456789]) {
    const r = gb.runInlineExperiment(exp, { attributes: { id } });
    run.push([s, id, { variationId: r.variationId, inExperiment: r.inExperiment, bucket: r.bucket ?? null }]);
  }
}

const out = {
  $header: {
    reference: `@growthbook/growthbook@${version}`,
    generatedBy: 'packages/router/scripts/generate-fixtures.mjs',
    note: 'hash: [seed, value, version, expected]; getBucketRange: [numArms, coverage, weights|null, ranges]; chooseVariation: [n, ranges, index]; run: [experiment, id, result]',
  },
  hash,
  getBucketRange,
  chooseVariation,
  run,
};
writeFileSync(path.join(here, '../test/fixtures/growthbook-cases.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${hash.length} hash, ${getBucketRange.length} range, ${chooseVariation.length} choose, ${run.length} run cases from GrowthBook ${version}`);
