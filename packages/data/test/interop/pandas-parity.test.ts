import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeSplit, labelRatings, loadMovieLens, splitByTime } from '../../src/index';
import { ml100kZip } from '../paths';

// The original pipeline in pandas: read u.data → label rating >= 4 → stable sort by timestamp →
// iloc cuts at int(n*0.8), int(n*0.9). abt must produce the very same rows in the same order.
const python = process.env.ABT_PYTHON;

const SCRIPT = `
import io, json, sys, zipfile
import pandas as pd
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith("u.data"))
    df = pd.read_csv(io.BytesIO(z.read(name)), sep="\\t", names=["userId", "movieId", "rating", "timestamp"])
df["label"] = (df["rating"] >= 4).astype(int)
d = df.sort_values("timestamp", kind="stable").reset_index()
n = len(d); a = int(n * 0.8); b = int(n * 0.9)
parts = {"train": d.iloc[:a], "valid": d.iloc[a:b], "test": d.iloc[b:]}
print(json.dumps({k: {"index": [int(i) for i in p["index"]], "positive_rate": float(p["label"].mean()),
                      "users": int(p["userId"].nunique()), "movies": int(p["movieId"].nunique())} for k, p in parts.items()}))
`;

describe.skipIf(!python)('parity with pandas (the original prepare step)', () => {
  it('same rows, same order, same positive rates on ml-100k', async () => {
    const ref = JSON.parse(execFileSync(python!, ['-c', SCRIPT, ml100kZip], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<
      'train' | 'valid' | 'test',
      { index: number[]; positive_rate: number; users: number; movies: number }
    >;
    const split = splitByTime(labelRatings((await loadMovieLens(ml100kZip)).ratings));
    const stats = describeSplit(split);
    for (const part of ['train', 'valid', 'test'] as const) {
      expect(Array.from(split.indices[part])).toEqual(ref[part].index);
      expect(stats[part].positiveRate).toBeCloseTo(ref[part].positive_rate, 12);
      expect([stats[part].users, stats[part].movies]).toEqual([ref[part].users, ref[part].movies]);
    }
  });
});
