import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../../..');
export const ml100k = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');

/** Runs the scikit-learn reference script with a JSON request; parses its JSON answer. */
export function runReference(request: unknown): any {
  const python = process.env.ABT_PYTHON!;
  const r = spawnSync(python, [path.join(here, 'sklearn_reference.py')], { input: JSON.stringify(request), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sklearn_reference.py failed (${r.status}): ${r.stderr}`);
  return decode(JSON.parse(r.stdout));
}

function decode(v: any): any {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}

export const TOL = 1e-9;

export function expectNumberClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: abt ${actual} vs sklearn ${expected}`).toBeLessThanOrEqual(TOL);
}

export function expectArrayClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectNumberClose(actual[i]!, expected[i]!, `${what}[${i}]`);
}
