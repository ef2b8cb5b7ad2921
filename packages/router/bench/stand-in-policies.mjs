// Stand-in policies for the benchmark until @abt/models + @abt/features export loadable models:
// a logistic model over hashed one-hot user/movie ids plus 19 dense "genre" weights, i.e. the
// same per-row work shape (a few sparse lookups and a sigmoid) as the original's Policy A.
const DIM = 1 << 16;

function weights(seed) {
  let s = seed >>> 0;
  const w = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    w[i] = (s / 2 ** 32 - 0.5) * 0.2;
  }
  return w;
}

export function standInPolicy(name, modelVersion, seed) {
  const w = weights(seed);
  return {
    version: 1,
    name,
    modelVersion,
    predict(rows) {
      const n = rows.userId.length;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rows.userId[i];
        const m = rows.movieId[i];
        let z = w[(u * 2654435761) & (DIM - 1)] + w[((m + 7919) * 40503) & (DIM - 1)];
        for (let g = 0; g < 19; g++) if ((m >> g) & 1) z += w[g];
        out[i] = 1 / (1 + Math.exp(-z));
      }
      return out;
    },
  };
}
