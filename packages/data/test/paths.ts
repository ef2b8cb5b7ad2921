import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root, computed from this file (packages/data/test → ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The real MovieLens 100K zip (never copied into the repo). */
export const ml100kZip = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
