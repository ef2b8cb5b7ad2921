"""scikit-learn and LightGBM references for dense-parity.test.ts: fits the original's Policy A
(make_pipeline(StandardScaler(), LogisticRegression(elasticnet, saga)); plain LR on the one-hot
set, as the original) and Policy B (lightgbm.train, the original's params, early stopping on the
valid log loss) on exactly the matrices abt built, and writes their valid/test probabilities.

Usage: python dense_parity.py <dir>
<dir>/meta.json: {"kind": "dense"|"onehot", "cols": n, "names": [...], "max_iter": n, "seed": n}
<dir>/{train,valid,test}.y (uint8) and .X (float32, row-major) or .indptr/.indices (int32) + .data (float32).
Writes <dir>/{lr,lgbm}.{valid,test}.p (float64) and prints one JSON line of fit facts.
"""
import json
import sys
import time
import warnings

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(d, part, meta):
    y = np.fromfile(f"{d}/{part}.y", dtype=np.uint8).astype(np.float64)
    # float64 throughout: abt's scaler and solvers compute in double precision.
    if meta["kind"] == "dense":
        X = np.fromfile(f"{d}/{part}.X", dtype=np.float32).astype(np.float64).reshape(-1, meta["cols"])
    else:
        indptr = np.fromfile(f"{d}/{part}.indptr", dtype=np.int32)
        indices = np.fromfile(f"{d}/{part}.indices", dtype=np.int32)
        data = np.fromfile(f"{d}/{part}.data", dtype=np.float32).astype(np.float64)
        X = sp.csr_matrix((data, indices, indptr), shape=(len(y), meta["cols"]))
    return X, y


def main(d):
    meta = json.load(open(f"{d}/meta.json"))
    (Xtr, ytr), (Xva, yva), (Xte, yte) = (load(d, p, meta) for p in ("train", "valid", "test"))
    facts = {}

    t0 = time.process_time()
    lr = LogisticRegression(penalty="elasticnet", l1_ratio=0.1, C=1.0, solver="saga",
                            max_iter=meta["max_iter"], random_state=meta["seed"])
    model = make_pipeline(StandardScaler(), lr) if meta["kind"] == "dense" else lr
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(Xtr, ytr)
    facts["lr_cpu_seconds"] = time.process_time() - t0
    facts["lr_n_iter"] = int(lr.n_iter_[0])
    facts["lr_converged"] = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    model.predict_proba(Xva)[:, 1].astype(np.float64).tofile(f"{d}/lr.valid.p")
    model.predict_proba(Xte)[:, 1].astype(np.float64).tofile(f"{d}/lr.test.p")

    t0 = time.process_time()
    params = dict(objective="binary", metric="binary_logloss", num_leaves=64, learning_rate=0.05,
                  feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, min_data_in_leaf=50,
                  verbose=-1, seed=meta["seed"], num_threads=2)
    names = meta["names"] if meta["kind"] == "dense" else "auto"
    dtr = lgb.Dataset(Xtr, ytr, feature_name=names)
    dva = lgb.Dataset(Xva, yva, reference=dtr)
    booster = lgb.train(params, dtr, 500, valid_sets=[dva], callbacks=[lgb.early_stopping(50, verbose=False)])
    facts["lgbm_cpu_seconds"] = time.process_time() - t0
    facts["lgbm_best_iteration"] = booster.best_iteration
    booster.predict(Xva, num_iteration=booster.best_iteration).astype(np.float64).tofile(f"{d}/lgbm.valid.p")
    booster.predict(Xte, num_iteration=booster.best_iteration).astype(np.float64).tofile(f"{d}/lgbm.test.p")
    print(json.dumps(facts))


if __name__ == "__main__":
    main(sys.argv[1])
