import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/messages';
import { runCli, tempDir } from './helpers';

describe('--export (built CLI)', () => {
  it('writes the split, the features with user/item ids, the test scores and the FeatureSpec; CSV on request', () => {
    const out = tempDir('export');
    const r = runCli([
      '--dataset',
      'synthetic',
      '--synthetic-ratings',
      '5000',
      '--synthetic-users',
      '100',
      '--synthetic-movies',
      '120',
      '--steps',
      'prepare,train',
      '--export',
      'csv',
      '--out',
      out,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const lines = (f: string) =>
      readFileSync(path.join(out, 'export', f), 'utf8')
        .trimEnd()
        .split('\n');
    const spec = JSON.parse(readFileSync(path.join(out, 'export', 'feature-spec.json'), 'utf8'));
    expect(spec.format).toBe('abt-feature-spec');
    const features = lines('features_test.csv');
    expect(features[0]!.split(',').slice(0, 4)).toEqual(['userId', 'itemId', 'label', 'movie_pos_rate']);
    expect(features).toHaveLength(1 + 500);
    expect(lines('split_train.csv')[0]).toBe('userId,itemId,rating,timestamp,label');
    expect(lines('split_train.csv')).toHaveLength(1 + 4000);
    expect(lines('scores_test.csv')[0]).toBe('userId,itemId,label,score_PolicyA,score_PolicyB');
  });

  it('refuses the sparse one-hot set with the fix', () => {
    const r = runCli([
      '--dataset',
      'synthetic',
      '--synthetic-ratings',
      '5000',
      '--synthetic-users',
      '100',
      '--synthetic-movies',
      '120',
      '--features',
      'onehot',
      '--steps',
      'prepare,train',
      '--export',
      '--out',
      tempDir('export-onehot'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(messages.exportNeedsDense());
  });
});
