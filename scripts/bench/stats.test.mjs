// `node --test scripts/bench/`: the bench figures' arithmetic (run by .ci/run).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareResults, formatComparison, formatFigure, formatNumber, goalMet, makeFigure, parseGoal, summarize } from './stats.mjs';

test('summarize: median of odd and even counts, min, max; non-finite runs dropped', () => {
  assert.deepEqual(summarize([3, 1, 2]), { median: 2, min: 1, max: 3, runs: [3, 1, 2] });
  assert.deepEqual(summarize([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, runs: [4, 1, 3, 2] });
  assert.deepEqual(summarize([5, NaN, undefined]), { median: 5, min: 5, max: 5, runs: [5] });
  assert.deepEqual(summarize([]), { median: null, min: null, max: null, runs: [] });
});

test('goals: ratio and abt conditions, ≤/≥ spellings, all must hold; unreadable goals throw naming the figure', () => {
  const g = parseGoal({ ratio: '<= 1.0', abt: '< 60' }, 'f');
  assert.equal(g.text, 'ratio ≤ 1.00×; abt < 60.0');
  assert.equal(goalMet(g, 59, 1.0), true);
  assert.equal(goalMet(g, 61, 0.5), false);
  assert.equal(goalMet(g, 59, 1.01), false);
  assert.equal(goalMet(g, 59, null), null);
  assert.equal(goalMet(parseGoal({ ratio: '≥ 15' }, 'f'), 1, 14.9), false);
  assert.equal(goalMet(parseGoal({ text: 'keep' }, 'f'), 1, 1), null);
  assert.equal(parseGoal('none', 'f').text, 'none stated');
  assert.throws(() => parseGoal({ ratoi: '<= 1' }, 'fit b'), /fit b.*unknown goal key 'ratoi'/);
  assert.throws(() => parseGoal({ ratio: 'about 1' }, 'fit b'), /fit b.*'about 1'/);
  assert.throws(() => parseGoal(undefined, 'fit b'), /fit b/);
  assert.throws(() => parseGoal({}, 'fit b'), /no condition/);
});

test('makeFigure: ratio of medians, direction from the unit, verdict; formatFigure prints goal and spread', () => {
  const f = makeFigure({
    bench: 'models',
    name: '(b) fit',
    unit: 's',
    abt: [39, 40, 41],
    ref: { name: 'LightGBM', values: [20, 21, 19] },
    goal: { ratio: '<= 1.0' },
  });
  assert.equal(f.ratio, 2);
  assert.equal(f.better, 'lower');
  assert.equal(f.met, false);
  assert.equal(makeFigure({ bench: 'b', name: 'rate', unit: 'req/s', abt: [1], goal: 'none' }).better, 'higher');
  const line = formatFigure(f);
  assert.match(line, /abt 40\.0 s \[39\.0–41\.0\]/);
  assert.match(line, /LightGBM 20\.0 s \[19\.0–21\.0\]/);
  assert.match(line, /ratio 2\.00× \| goal ratio ≤ 1\.00×: NOT met/);
  assert.throws(() => makeFigure({ bench: 'b', name: 'x', abt: [1], goal: 'none' }), /unit is required/);
});

test('formatNumber: three significant digits, thousands grouped', () => {
  assert.equal(formatNumber(0.000123), '0.000123');
  assert.equal(formatNumber(1.234), '1.23');
  assert.equal(formatNumber(39.34), '39.3');
  assert.equal(formatNumber(181.4), '181');
  assert.equal(formatNumber(30512.4), '30,512');
  assert.equal(formatNumber(null), '—');
});

test('compareResults: change per figure by bench and name, direction-aware, new and vanished figures named', () => {
  const before = {
    figures: [
      makeFigure({ bench: 'models', name: 'fit', unit: 's', abt: [10], goal: 'none' }),
      makeFigure({ bench: 'router', name: 'rate', unit: 'req/s', abt: [100], goal: 'none' }),
      makeFigure({ bench: 'models', name: 'gone', unit: 's', abt: [1], goal: 'none' }),
    ],
  };
  const now = {
    figures: [
      makeFigure({ bench: 'models', name: 'fit', unit: 's', abt: [8], goal: 'none' }),
      makeFigure({ bench: 'router', name: 'rate', unit: 'req/s', abt: [90], goal: 'none' }),
      makeFigure({ bench: 'models', name: 'new', unit: 's', abt: [1], goal: 'none' }),
    ],
  };
  const lines = formatComparison(compareResults(before, now), 'prev.json');
  assert.match(lines[1], /models\/fit: 8\.00 s, was 10\.0 s → -20\.0 % \(better\)/);
  assert.match(lines[2], /router\/rate: 90\.0 req\/s, was 100 req\/s → -10\.0 % \(worse\)/);
  assert.match(lines[3], /models\/new: .*new/);
  assert.match(lines[4], /models\/gone: in the previous file, not measured now/);
});

test('the harness appends each figure to ABT_BENCH_FIGURES and prints it with the goal and the previous value', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'abt-harness-test-'));
  try {
    const figures = path.join(dir, 'f.ndjson');
    const prev = path.join(dir, 'prev.json');
    writeFileSync(prev, JSON.stringify({ figures: [makeFigure({ bench: 't', name: 'sleep', unit: 'ms', abt: [4], goal: 'none' })] }));
    const harness = path.join(path.dirname(fileURLToPath(import.meta.url)), 'harness.mjs');
    const script = `import { createBench } from ${JSON.stringify(harness)};
const h = createBench('t');
const { abt, ref } = await h.pair((i) => 2 + i, (i) => 4 + i);
h.figure({ name: 'sleep', unit: 'ms', abt, ref: { name: 'ref', values: ref }, goal: { ratio: '< 1' } });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ABT_BENCH_FIGURES: figures, ABT_BENCH_COMPARE: prev, ABT_BENCH_RUNS: '3' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /bench t: load average at start .* median \[min–max\] of 3 runs/);
    assert.match(
      r.stdout,
      /sleep: abt 3\.00 ms \[2\.00–4\.00\] \| ref 5\.00 ms \[4\.00–6\.00\] \| ratio 0\.600× \| goal ratio < 1\.00×: met \| was 4\.00 ms → -25\.0 % \(better\)/,
    );
    assert.match(r.stdout, /bench t: load average at end /);
    const rec = JSON.parse(readFileSync(figures, 'utf8').trim());
    assert.deepEqual(rec.abt.runs, [2, 3, 4]);
    assert.deepEqual(rec.reference.runs, [4, 5, 6]);
    assert.equal(rec.met, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
