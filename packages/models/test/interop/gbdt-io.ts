// Reads the raw CSR splits written by original_features.py and runs gbdt_reference.py.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsrMatrix } from '../../src/index';

export const here = path.dirname(fileURLToPath(import.meta.url));

export type Split = { X: CsrMatrix; y: Float64Array };

const f64 = (file: string) => {
  const b = readFileSync(file);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const i32 = (file: string) => {
  const b = readFileSync(file);
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

export function readSplit(dir: string, name: string): Split {
  const h = JSON.parse(readFileSync(path.join(dir, 'header.json'), 'utf8')) as { splits: Record<string, { rows: number; cols: number }> };
  const s = h.splits[name]!;
  const p = (ext: string) => path.join(dir, `${name}.${ext}`);
  return {
    X: { rows: s.rows, cols: s.cols, indptr: i32(p('indptr.i32')), indices: i32(p('indices.i32')), data: f64(p('data.f64')) },
    y: f64(p('y.f64')),
  };
}

export const readF64 = f64;

export function runReference(python: string, args: string[]): void {
  execFileSync(python, [path.join(here, 'gbdt_reference.py'), ...args], { stdio: 'inherit' });
}

export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    let tp = 0;
    while (j < n && scores[order[j]!] === scores[order[i]!]) tp += labels[order[j++]!]!;
    rankSum += tp * ((i + 1 + j) / 2);
    pos += tp;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (n - pos));
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
    s -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
