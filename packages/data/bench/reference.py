# pandas reference for the same steps: read → label rating >= 4 → stable sort by timestamp → 80/10/10.
# Usage: python reference.py <ml-100k.zip | ratings.csv>; prints one JSON line.
import io, json, resource, sys, time, zipfile

import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
if path.endswith(".zip"):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith("u.data"))
        df = pd.read_csv(io.BytesIO(z.read(name)), sep="\t", names=["userId", "movieId", "rating", "timestamp"])
else:
    df = pd.read_csv(path)
load_ms = (time.perf_counter() - t0) * 1000
df["label"] = (df["rating"] >= 4).astype("int8")
df = df.sort_values("timestamp", kind="stable")
n = len(df)
parts = [df.iloc[: int(n * 0.8)], df.iloc[int(n * 0.8) : int(n * 0.9)], df.iloc[int(n * 0.9) :]]
ms = (time.perf_counter() - t0) * 1000
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ms": ms, "loadMs": load_ms, "rows": n, "parts": [len(p) for p in parts], "maxRssMB": rss}))
