// Reads and writes the raw CSR split format shared with original_features.py and linear_reference.py.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsrMatrix } from '../../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
let calls = 0;

export type Split = { X: CsrMatrix; y: Float64Array };

export function readSplits(dir: string): Record<string, Split> {
  const header = JSON.parse(readFileSync(path.join(dir, 'header.json'), 'utf8')) as {
    splits: Record<string, { rows: number; cols: number }>;
  };
  const out: Record<string, Split> = {};
  for (const [name, s] of Object.entries(header.splits)) {
    const bytes = (ext: string) => {
      const b = readFileSync(path.join(dir, `${name}.${ext}`));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    };
    out[name] = {
      X: {
        rows: s.rows,
        cols: s.cols,
        indptr: new Int32Array(bytes('indptr.i32')),
        indices: new Int32Array(bytes('indices.i32')),
        data: new Float64Array(bytes('data.f64')),
      },
      y: new Float64Array(bytes('y.f64')),
    };
  }
  return out;
}

export function writeSplits(dir: string, splits: Record<string, Split>): void {
  mkdirSync(dir, { recursive: true });
  const header: Record<string, { rows: number; cols: number; nnz: number }> = {};
  for (const [name, { X, y }] of Object.entries(splits)) {
    const nnz = X.indptr[X.rows]!;
    writeFileSync(path.join(dir, `${name}.indptr.i32`), new Uint8Array(Int32Array.from(X.indptr).buffer));
    writeFileSync(path.join(dir, `${name}.indices.i32`), new Uint8Array(Int32Array.from(X.indices.subarray(0, nnz)).buffer));
    writeFileSync(path.join(dir, `${name}.data.f64`), new Uint8Array(Float64Array.from(X.data.subarray(0, nnz)).buffer));
    writeFileSync(path.join(dir, `${name}.y.f64`), new Uint8Array(Float64Array.from(y).buffer));
    header[name] = { rows: X.rows, cols: X.cols, nnz };
  }
  writeFileSync(path.join(dir, 'header.json'), JSON.stringify({ source: 'abt linear-io.ts', splits: header }));
}

export type SklearnResult = {
  coef: number[];
  intercept: number;
  n_iter: number;
  fit_seconds: number;
  objective: number;
  proba: Record<string, number[]>;
};

/** Fits sklearn's LogisticRegression(**params) on <dir>/train via linear_reference.py. */
export function sklearnFit(python: string, dir: string, params: Record<string, unknown>): SklearnResult {
  const out = path.join(dir, `sklearn-${++calls}.json`);
  execFileSync(python, [path.join(here, 'linear_reference.py'), dir, JSON.stringify(params), out], { stdio: 'inherit' });
  return JSON.parse(readFileSync(out, 'utf8')) as SklearnResult;
}

export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

/** Mann–Whitney AUC, ties counted half (what sklearn's roc_auc_score computes). */
export function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && p[idx[j]!] === p[idx[i]!]) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (y[idx[k]!] === 1) {
        rankSum += avgRank;
        pos++;
      }
    }
    i = j;
  }
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
