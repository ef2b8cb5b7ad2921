import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The SDK's util module (`hash`, `getBucketRanges`, … are not in its export map, so it is loaded by file). */
export type GrowthBookUtil = {
  hash(seed: string, value: string, version: number): number | null;
  getEqualWeights(n: number): number[];
  getBucketRanges(numVariations: number, coverage?: number, weights?: number[]): [number, number][];
  chooseVariation(n: number, ranges: [number, number][]): number;
  inNamespace(hashValue: string, namespace: [string, number, number]): boolean;
};

export async function growthbookUtil(): Promise<GrowthBookUtil> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@growthbook/growthbook/package.json'));
  // The SDK logs its fallbacks with console.error outside production.
  process.env.NODE_ENV = 'production';
  return (await import(pathToFileURL(path.join(dir, 'dist/esm/util.mjs')).href)) as GrowthBookUtil;
}

/** mulberry32: a seeded generator for test inputs. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
