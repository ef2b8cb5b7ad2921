import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateSynthetic } from '@abt/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages';
import { runCli, tempDir } from './helpers';

// A user's own data through the built CLI: a plain ratings file with its own column names, two
// malformed lines and a repeated pair; and a MovieLens directory with a rating of a movie missing
// from its catalog.
describe('bring your own ratings, dirty rows (built CLI)', () => {
  const dir = tempDir('byo');
  const csv = path.join(dir, 'ratings.csv');
  const columns = 'userId=customer,itemId=product,rating=stars,timestamp=ts';

  beforeAll(async () => {
    const ds = await generateSynthetic({ ratings: 4000, users: 100, movies: 120, seed: 5 });
    const r = ds.ratings;
    const lines = ['customer,product,stars,ts'];
    for (let i = 0; i < r.length; i++) lines.push(`${r.userId[i]},${r.movieId[i]},${r.rating[i]},${r.timestamp[i]}`);
    lines.splice(40, 0, '12,abc,4,1000');
    lines.splice(90, 0, '5,7');
    lines.push(`${r.userId[3]},${r.movieId[3]},1,${r.timestamp[3]! + 1}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
  });

  it('--bad-rows error stops at the first bad row, naming the line and the option (exit 3)', () => {
    const r = runCli(['--data', csv, '--columns', columns, '--steps', 'prepare', '--out', path.join(dir, 'strict')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('ratings.csv:41: itemId must be an integer id');
    expect(r.stderr).toContain('--bad-rows skip');
  });

  it('names --columns when the header lacks a column', () => {
    const r = runCli(['--data', csv, '--steps', 'prepare', '--out', path.join(dir, 'header')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no userId column .* --columns \(e\.g\./);
  });

  it('--bad-rows skip drops and counts by reason, says which features are left out, and logs the counts to MLflow', () => {
    const out = path.join(dir, 'skip');
    const r = runCli(['--data', csv, '--columns', columns, '--bad-rows', 'skip', '--positive-threshold', '3', '--steps', 'prepare,train', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--bad-rows skip dropped 3 rows: 2 malformed lines, 0 ratings of items missing from the catalog, 1 repeated (user, item) pairs');
    expect(r.stdout).toMatch(/e\.g\. \(malformed\) .*ratings\.csv:41: itemId/);
    expect(r.stdout).toMatch(/e\.g\. \(duplicate\) rating #4: user \d+ rated item \d+ again; the latest rating is kept/);
    expect(r.stdout).toContain('features left out: content (genres, release year, movie age, genre affinity): no item catalog');
    expect(r.stdout).toContain('features left out: demographics');
    expect(r.stdout).toMatch(/positive \(rating ≥ 3\) rate/);
    const names = /^feature_names=(.*)$/m.exec(readFileSync(path.join(out, 'models', 'PolicyB', 'model.lgb'), 'utf8'))![1]!.split(' ');
    expect(names).toContain('movie_pos_rate');
    expect(names.some((n) => n.startsWith('genre') || n === 'release_year')).toBe(false);
    const db = new Database(path.join(out, 'mlflow.db'), { readonly: true });
    const metric = (key: string) =>
      (
        db.prepare("SELECT m.value FROM latest_metrics m JOIN runs r ON r.run_uuid = m.run_uuid WHERE r.name = 'Prepare_Data' AND m.key = ?").get(key) as {
          value: number;
        }
      ).value;
    expect([metric('bad_rows_malformed'), metric('bad_rows_orphan'), metric('bad_rows_duplicate')]).toEqual([2, 0, 1]);
    db.close();
  });

  it('counts ratings of movies missing from a MovieLens catalog as orphans', async () => {
    const ml = path.join(dir, 'ml');
    await generateSynthetic({ ratings: 3000, users: 80, movies: 90, seed: 2, format: 'ml-100k', outDir: ml });
    appendFileSync(path.join(ml, 'u.data'), '1\t99999\t4\t881250949\n');
    const strict = runCli(['--data', ml, '--steps', 'prepare', '--out', path.join(dir, 'ml-strict')]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/movieId 99999 is not in the movie catalog \(line \d+\)\. Fix the row, or pass --bad-rows skip/);
    expect(strict.stderr).not.toContain('strict: false');
    const skip = runCli(['--data', ml, '--bad-rows', 'skip', '--steps', 'prepare', '--out', path.join(dir, 'ml-skip')]);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toContain('0 malformed lines, 1 ratings of items missing from the catalog');
  });

  it('keeps the message functions honest', () => {
    expect(messages.badRowStops('f.csv:3: bad', 3)).not.toContain('(line 3)');
    expect(messages.badRowStops('u.data: movieId 9 is not in the movie catalog (strict: false skips such ratings)', 7)).toBe(
      'u.data: movieId 9 is not in the movie catalog (line 7). Fix the row, or pass --bad-rows skip to drop such rows (counted by reason, with examples)',
    );
  });
});
