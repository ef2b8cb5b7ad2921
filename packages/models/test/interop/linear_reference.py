"""scikit-learn LogisticRegression reference for abt's parity tests and benchmark.

Usage: python linear_reference.py <data_dir> <params_json> <out_json>

<data_dir> holds header.json and raw little-endian CSR splits (see original_features.py):
<s>.indptr.i32, <s>.indices.i32, <s>.data.f64, <s>.y.f64. Fits on "train" and predicts every
other split listed in the header. params_json is LogisticRegression's kwargs plus
"dense": true to fit on a dense copy. Writes coef, intercept, n_iter, fit seconds, the
objective C*sum(logloss) + (1-r)/2|b|^2 + r|b|_1 at the solution, and P(y=1) per split.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def read_split(data_dir, name, shape):
    p = lambda ext: os.path.join(data_dir, f"{name}.{ext}")
    indptr = np.fromfile(p("indptr.i32"), dtype="<i4")
    indices = np.fromfile(p("indices.i32"), dtype="<i4")
    data = np.fromfile(p("data.f64"), dtype="<f8")
    y = np.fromfile(p("y.f64"), dtype="<f8")
    return sp.csr_matrix((data, indices, indptr), shape=(shape["rows"], shape["cols"])), y


def objective(model, X, y, C, penalty, l1_ratio):
    z = X @ model.coef_.ravel() + model.intercept_[0]
    # log(1 + e^z) - y z, computed stably
    loss = np.logaddexp(0.0, z) - y * z
    w = model.coef_.ravel()
    r = {"l2": 0.0, "l1": 1.0, "elasticnet": l1_ratio}.get(penalty, None)
    reg = 0.0 if r is None else (1 - r) / 2 * np.dot(w, w) + r * np.abs(w).sum()
    return float(C * loss.sum() + reg)


def main():
    data_dir, params, out_path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    with open(os.path.join(data_dir, "header.json")) as f:
        header = json.load(f)
    dense = params.pop("dense", False)
    penalty = params.get("penalty", "l2")
    if penalty == "none":
        params["penalty"] = None
    elif penalty == "l1":
        # sklearn >= 1.8 checks penalty against l1_ratio (default 0.0) and warns when they disagree.
        params.setdefault("l1_ratio", 1.0)
    splits = {n: read_split(data_dir, n, s) for n, s in header["splits"].items()}
    X, y = splits["train"]
    if dense:
        X = X.toarray()
    model = LogisticRegression(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", FutureWarning)
        t0 = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - t0
    out = {
        "coef": model.coef_.ravel().tolist(),
        "intercept": float(model.intercept_[0]) if model.fit_intercept else 0.0,
        "n_iter": int(np.max(model.n_iter_)),
        "fit_seconds": seconds,
        "objective": objective(model, X, y, params.get("C", 1.0), penalty, params.get("l1_ratio") or 0.0),
        "proba": {},
    }
    for name, (Xs, _) in splits.items():
        if name != "train":
            out["proba"][name] = model.predict_proba(Xs.toarray() if dense else Xs)[:, 1].tolist()
    with open(out_path, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
