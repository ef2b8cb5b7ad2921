/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResultTypes, readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import {
  describeDataset,
  describeRatings,
  describeSplit,
  dropDuplicateRatings,
  generateSynthetic,
  labelRatings,
  loadMovieLens,
  loadRatingsFile,
  splitByTime,
  splitLeaveLastOut,
  type LoadProgress,
  type SyntheticProgress,
} from '../src/index';
import { ml100kFiles, mlLatestFiles, tempDir, writeDir } from './fixtures';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));

const { expectDocumented } = readme;

describe('README result types', () => {
  it('datasets and their tables', async () => {
    const ml100k = await loadMovieLens(writeDir(ml100kFiles()));
    expectDocumented('MovieLensDataset', ml100k);
    expectDocumented('RatingsTable', ml100k.ratings);
    expectDocumented('MoviesTable', ml100k.movies);
    expectDocumented('UsersTable', ml100k.users);
    const latest = await loadMovieLens(writeDir(mlLatestFiles()), { strict: false });
    expectDocumented('MovieLensDataset', latest);
    expectDocumented('TagsTable', latest.tags);
    expectDocumented('LinksTable', latest.links);
    expectDocumented('MovieLensDataset', await generateSynthetic({ users: 5, movies: 5, ratings: 10, seed: 1 }));
  });

  it('a ratings file, its issues and progress events', async () => {
    const file = path.join(tempDir(), 'ratings.csv');
    writeFileSync(file, 'userId,itemId,rating,timestamp\n1,10,4,100\n1,10,5,200\n2,11,x,300\n');
    const progress: LoadProgress[] = [];
    const ds = await loadRatingsFile(file, { strict: false, onProgress: (p) => progress.push(p) });
    expectDocumented('RatingsFileDataset', ds);
    expectDocumented('ParseIssues', ds.issues);
    expect(ds.issues.examples.length).toBeGreaterThan(0);
    for (const example of ds.issues.examples) expectDocumented('ParseIssueExample', example);
    expect(progress.length).toBeGreaterThan(0);
    expectDocumented('LoadProgress', progress.at(-1));
    expectDocumented('DroppedDuplicates', dropDuplicateRatings(ds.ratings));
  });

  it('labels, splits and descriptions', async () => {
    const ds = await generateSynthetic({ users: 20, movies: 30, ratings: 200, seed: 7 });
    const labeled = labelRatings(ds.ratings);
    expectDocumented('LabeledRatings', labeled);
    const split = splitByTime(labeled);
    expectDocumented('Split', split);
    expectDocumented('LabeledRatings', split.test);
    expectDocumented('Split', splitLeaveLastOut(labeled));
    expectDocumented('PartStats', describeRatings(ds.ratings));
    expectDocumented('DatasetStats', describeDataset(ds));
    const stats = describeSplit(split);
    expectDocumented('SplitStats', stats);
    expectDocumented('PartStats', stats.train);
  });

  it('synthetic files and their progress events', async () => {
    const progress: SyntheticProgress[] = [];
    const files = await generateSynthetic({
      users: 5,
      movies: 5,
      ratings: 10,
      seed: 1,
      format: 'ml-1m',
      outDir: tempDir(),
      onProgress: (p) => progress.push(p),
    });
    expectDocumented('SyntheticFiles', files);
    expectDocumented('SyntheticProgress', progress.at(-1));
  });

  afterAll(() => {
    expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
  });
});

describe('scripts/readme-tables.mjs', () => {
  const section = (body: string) => `# pkg\n\n## API\n\ntext\n\n## Result types\n\n${body}\n## Next\n\n| \`ignored\` | x |\n`;

  it('reads required and optional fields, escaped pipes, and stops at the next ## heading', () => {
    const text = section(
      '### `A`\nused by `f`.\n\n| field | type | meaning |\n|---|---|---|\n| `x` | number | a \\| b |\n| `y?` | string | optional |\n\n' +
        '### `A.b`\n\n| field | type |\n|---|---|\n| `z` | boolean |\n',
    );
    expect(parseResultTypes(text)).toEqual({ A: { required: ['x'], optional: ['y'] }, 'A.b': { required: ['z'], optional: [] } });
  });

  it('refuses what it cannot read', () => {
    expect(() => parseResultTypes('# pkg\n')).toThrow(/no "## Result types" section/);
    expect(() => parseResultTypes(section('### `A`\n\n| field |\n|---|\n| x |\n'))).toThrow(/field cell "x"/);
    expect(() => parseResultTypes(section('### `A`\n\n| field |\n|---|\n| `x` |\n\n### `A`\n\n| field |\n|---|\n| `y` |\n'))).toThrow(/A twice/);
    expect(() => parseResultTypes(section('### `A`\n\nno table\n'))).toThrow(/A has no field table/);
    expect(() => parseResultTypes(section('### Other\n\n| field |\n|---|\n| `x` |\n'))).toThrow(/outside a result type/);
  });

  it('check() reports missing and undocumented keys; unchecked() what no test built', () => {
    const file = path.join(tempDir(), 'README.md');
    writeFileSync(file, section('### `A`\n\n| field |\n|---|\n| `x` |\n| `y?` |\n\n### `B`\n\n| field |\n|---|\n| `z` |\n'));
    const types = readmeResultTypes(file);
    expect(types.check('A', { x: 1 })).toEqual({ missing: [], undocumented: [] });
    expect(types.check('A', { y: 1, w: 2 })).toEqual({ missing: ['x'], undocumented: ['w'] });
    expect(() => types.check('C', {})).toThrow(/no result type C/);
    expect(types.unchecked()).toEqual(['B']);
  });
});
