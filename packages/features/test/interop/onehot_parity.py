"""Builds the original pipeline's features with scikit-learn (OneHotEncoder(handle_unknown='ignore')
on [userId, movieId] fitted on train, hstacked with the genre flags) and compares them with abt's
CSR matrices dumped by onehot-parity.test.ts. Prints one JSON line."""
import json
import sys

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import OneHotEncoder


def main(d):
    meta = json.load(open(f"{d}/meta.json"))
    g = meta["genres"]
    read = lambda name, dt: np.fromfile(f"{d}/{name}", dtype=dt)
    frames = {p: pd.DataFrame({"userId": read(f"{p}.userId", np.int32), "movieId": read(f"{p}.movieId", np.int32)}) for p in ("train", "test")}
    enc = OneHotEncoder(handle_unknown="ignore").fit(frames["train"])
    names = list(enc.get_feature_names_out()) + meta["genreNames"]
    out = {"names_equal": names == meta["names"]}
    for p in ("train", "test"):
        ref = sp.hstack([enc.transform(frames[p]), sp.csr_matrix(read(f"{p}.genres", np.uint8).reshape(-1, g))]).tocsr()
        n = len(frames[p])
        ours = sp.csr_matrix((read(f"{p}.data", np.float32).astype(np.float64), read(f"{p}.indices", np.int32), read(f"{p}.indptr", np.int32)), shape=(n, meta["cols"]))
        out[f"{p}_shape_equal"] = ref.shape == ours.shape
        out[f"{p}_mismatches"] = int((ref != ours).nnz) if ref.shape == ours.shape else -1
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
