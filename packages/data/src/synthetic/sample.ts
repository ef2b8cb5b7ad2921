import type { World } from './world';

function drawPopular(rng: () => number, cdf: Float64Array): number {
  const r = rng() * cdf[cdf.length - 1]!;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `n` distinct movie indices for one user, drawn by popularity without replacement, into
 * `out[0..n)`. `taken` is a scratch marker array (all zero on entry and on exit).
 * Light users: rejection sampling on the popularity CDF. Heavy users (n > movies / 4):
 * Efraimidis–Spirakis weighted sampling (top n of u^(1/w)), which never stalls.
 */
export function sampleMovies(rng: () => number, world: World, n: number, taken: Uint8Array, out: Int32Array): void {
  const M = world.movies;
  if (n > M / 4) {
    const keys = new Float64Array(M);
    for (let i = 0; i < M; i++) keys[i] = Math.log(1 - rng()) / world.popularity[i]!;
    const idx = Int32Array.from({ length: M }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
    out.set(idx.subarray(0, n));
    return;
  }
  for (let k = 0; k < n; k++) {
    let m = drawPopular(rng, world.popularityCdf);
    for (let tries = 0; taken[m] === 1; tries++) {
      // After many collisions, walk to the next free movie so the loop always ends.
      m = tries < 64 ? drawPopular(rng, world.popularityCdf) : (m + 1) % M;
    }
    taken[m] = 1;
    out[k] = m;
  }
  for (let k = 0; k < n; k++) taken[out[k]!] = 0;
}
