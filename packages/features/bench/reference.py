"""Reference timings for bench/run.mjs, on the same data: scikit-learn's OneHotEncoder +
hstack (the original pipeline's features) and pandas' expanding per-user / per-movie
aggregates (groupby cumsum shifted by one row: the usual leak-free target encoding, which
unlike abt does not group equal timestamps). Prints one JSON line of seconds."""
import json
import sys
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import OneHotEncoder


def read(d, name, dtype):
    return np.fromfile(f"{d}/{name}", dtype=dtype)


def onehot(d, prefix, genres_n):
    u = read(d, f"{prefix}.userId", np.int32)
    m = read(d, f"{prefix}.movieId", np.int32)
    g = read(d, f"{prefix}.genres", np.uint8).reshape(-1, genres_n)
    return pd.DataFrame({"userId": u, "movieId": m}), g


def main(d):
    meta = json.load(open(f"{d}/meta.json"))
    out = {}
    tr, gtr = onehot(d, "ml100k-train", meta["genres"])
    te, gte = onehot(d, "ml100k-test", meta["genres"])
    t = time.perf_counter()
    enc = OneHotEncoder(handle_unknown="ignore").fit(tr[["userId", "movieId"]])
    Xtr = sp.hstack([enc.transform(tr[["userId", "movieId"]]), sp.csr_matrix(gtr)]).tocsr()
    Xte = sp.hstack([enc.transform(te[["userId", "movieId"]]), sp.csr_matrix(gte)]).tocsr()
    out["sklearn_onehot_ml100k_s"] = time.perf_counter() - t
    out["sklearn_onehot_cols"] = int(Xtr.shape[1])
    n = meta["big_rows"]
    df = pd.DataFrame({
        "userId": read(d, "big.userId", np.int32), "movieId": read(d, "big.movieId", np.int32),
        "rating": read(d, "big.rating", np.float32), "timestamp": read(d, "big.timestamp", np.float64),
        "label": read(d, "big.label", np.uint8),
    })
    assert len(df) == n
    t = time.perf_counter()
    df = df.sort_values("timestamp", kind="stable")
    feats = {}
    for key in ("userId", "movieId"):
        g = df.groupby(key, sort=False)
        feats[f"{key}_count"] = g.cumcount()
        feats[f"{key}_pos"] = g["label"].cumsum() - df["label"]
        feats[f"{key}_rating"] = g["rating"].cumsum() - df["rating"]
        feats[f"{key}_last"] = g["timestamp"].shift(1)
    _ = pd.DataFrame(feats).to_numpy(np.float32)
    out["pandas_expanding_1m_s"] = time.perf_counter() - t
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
