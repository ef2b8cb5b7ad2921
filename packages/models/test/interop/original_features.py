"""Reproduce the ORIGINAL pipeline's feature preparation on MovieLens 100K.

Usage: python original_features.py <ml-100k.zip> <out_dir>

Steps (as the original Python pipeline did them): label = rating >= 4; join the 19 genre
flags from u.item on movieId; stable sort by timestamp (mergesort keeps file order among
ties: one timestamp straddles the 80 % boundary); split 80/10/10 by row count
(floor(n*.8), floor(n*.9)); one-hot userId + movieId with OneHotEncoder(handle_unknown=
'ignore') fitted on train; hstack with the genre flags -> CSR.

Output in <out_dir>: header.json plus, per split s in train/valid/test, raw little-endian
s.indptr.i32, s.indices.i32, s.data.f64, s.y.f64 (labels 0/1), s.user.i32, s.movie.i32.
"""
import json
import os
import sys
import zipfile

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import OneHotEncoder

GENRES = [
    "unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
    "Romance", "Sci-Fi", "Thriller", "War", "Western",
]


def load(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        with z.open("ml-100k/u.data") as f:
            ratings = pd.read_csv(f, sep="\t", names=["userId", "movieId", "rating", "timestamp"])
        with z.open("ml-100k/u.item") as f:
            items = pd.read_csv(
                f, sep="|", encoding="latin-1", header=None,
                names=["movieId", "title", "release", "video", "url"] + GENRES,
            )
    return ratings, items[["movieId"] + GENRES]


def main():
    zip_path, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    ratings, items = load(zip_path)
    df = ratings.merge(items, on="movieId", how="left")
    df["label"] = (df["rating"] >= 4).astype(np.float64)
    df = df.sort_values("timestamp", kind="mergesort").reset_index(drop=True)
    n = len(df)
    cut1, cut2 = int(np.floor(n * 0.8)), int(np.floor(n * 0.9))
    parts = {"train": df.iloc[:cut1], "valid": df.iloc[cut1:cut2], "test": df.iloc[cut2:]}
    enc = OneHotEncoder(handle_unknown="ignore")
    enc.fit(parts["train"][["userId", "movieId"]])
    header = {"source": "original_features.py", "splits": {}}
    for name, part in parts.items():
        onehot = enc.transform(part[["userId", "movieId"]])
        genres = sp.csr_matrix(part[GENRES].to_numpy(dtype=np.float64))
        X = sp.hstack([onehot, genres], format="csr")
        X.sort_indices()
        X.indptr.astype("<i4").tofile(os.path.join(out_dir, f"{name}.indptr.i32"))
        X.indices.astype("<i4").tofile(os.path.join(out_dir, f"{name}.indices.i32"))
        X.data.astype("<f8").tofile(os.path.join(out_dir, f"{name}.data.f64"))
        part["label"].to_numpy(dtype="<f8").tofile(os.path.join(out_dir, f"{name}.y.f64"))
        part["userId"].to_numpy(dtype="<i4").tofile(os.path.join(out_dir, f"{name}.user.i32"))
        part["movieId"].to_numpy(dtype="<i4").tofile(os.path.join(out_dir, f"{name}.movie.i32"))
        header["splits"][name] = {"rows": int(X.shape[0]), "cols": int(X.shape[1]), "nnz": int(X.nnz)}
    with open(os.path.join(out_dir, "header.json"), "w") as f:
        json.dump(header, f, indent=2)


if __name__ == "__main__":
    main()
