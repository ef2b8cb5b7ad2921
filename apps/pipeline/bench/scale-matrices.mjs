// `node scale-matrices.mjs <pipeline out dir> <dir>`: rebuilds the train stage's Policy A/B matrices
// from the pipeline's prepared tables (<out>/prepared) with the same calls as the pipeline's
// buildFeatures (dense FeatureSpec fitted on train, transformTrain, transform(valid): the frozen
// protocol) and writes them raw for scale_reference.py: train.X / valid.X (float32, row-major),
// train.y / valid.y (uint8), meta.json ({ cols, train, valid }). Part of `pnpm bench pipeline --scale`.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { loadTables } from '@abt/data';
import { FeatureSpec } from '@abt/features';

const [out, dir] = process.argv.slice(2);
const { train, valid, movies, users } = await loadTables(path.join(out, 'prepared'));
const spec = new FeatureSpec({ kind: 'dense' }).fit({ train, movies, ...(users ? { users } : {}) });

/**
 * Writes a typed array in chunks: one write call takes at most 2 GiB, and a Uint8Array view cannot
 * span more than 4 GiB (ml-25m's train matrix is 5.4 GB), so each chunk is its own byte view.
 */
function writeRaw(file, a) {
  const CHUNK = 1 << 28;
  const fd = openSync(file, 'w');
  try {
    for (let at = 0; at < a.byteLength; at += CHUNK) writeSync(fd, new Uint8Array(a.buffer, a.byteOffset + at, Math.min(CHUNK, a.byteLength - at)));
  } finally {
    closeSync(fd);
  }
}

let cols = 0;
for (const [name, rows, X] of [
  ['train', train, () => spec.transformTrain().X],
  ['valid', valid, () => spec.transform(valid).X],
]) {
  const m = X();
  cols = m.cols;
  if (!(m.data instanceof Float32Array)) throw new Error(`expected the pipeline's Float32 matrices, got ${m.data.constructor.name}`);
  writeRaw(path.join(dir, `${name}.X`), m.data);
  writeRaw(path.join(dir, `${name}.y`), Uint8Array.from(rows.label));
}
writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ cols, train: train.length, valid: valid.length, names: spec.featureNames }));
console.log(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, cols, train: train.length, valid: valid.length }));
