"""Trains the original pipeline's LightGBM (and logistic regression) on matrices dumped by
quality.test.ts and prints test metrics as one JSON line. Reference: lightgbm + scikit-learn
from the interop venv; params are the original's Policy B / Policy A."""
import json
import sys

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler


def load(d, part, meta):
    y = np.fromfile(f"{d}/{part}.y", dtype=np.uint8).astype(np.float64)
    if meta["kind"] == "dense":
        X = np.fromfile(f"{d}/{part}.X", dtype=np.float32).reshape(-1, meta["cols"])
    else:
        indptr = np.fromfile(f"{d}/{part}.indptr", dtype=np.int32)
        indices = np.fromfile(f"{d}/{part}.indices", dtype=np.int32)
        data = np.fromfile(f"{d}/{part}.data", dtype=np.float32).astype(np.float64)
        X = sp.csr_matrix((data, indices, indptr), shape=(len(y), meta["cols"]))
    return X, y


def main(d):
    meta = json.load(open(f"{d}/meta.json"))
    (Xtr, ytr), (Xva, yva), (Xte, yte) = (load(d, p, meta) for p in ("train", "valid", "test"))
    params = dict(objective="binary", num_leaves=64, learning_rate=0.05, feature_fraction=0.8,
                  bagging_fraction=0.8, bagging_freq=1, min_data_in_leaf=50, verbose=-1, seed=42)
    dtr = lgb.Dataset(Xtr, ytr, feature_name=meta["names"] if meta["kind"] == "dense" else "auto")
    dva = lgb.Dataset(Xva, yva, reference=dtr)
    booster = lgb.train(params, dtr, 500, valid_sets=[dva],
                        callbacks=[lgb.early_stopping(50, verbose=False)])
    p = booster.predict(Xte, num_iteration=booster.best_iteration)
    out = {"lgbm_test_auc": roc_auc_score(yte, p), "lgbm_test_logloss": log_loss(yte, p),
           "lgbm_valid_auc": roc_auc_score(yva, booster.predict(Xva, num_iteration=booster.best_iteration)),
           "lgbm_best_iteration": booster.best_iteration}
    if meta["kind"] == "dense":
        # Warm rows: the user has train history (user_count_log1p > 0); the rest are cold-start users.
        warm = Xte[:, meta["names"].index("user_count_log1p")] > 0
        out["test_cold_fraction"] = float(1 - warm.mean())
        out["lgbm_test_auc_warm"] = roc_auc_score(yte[warm], p[warm])
        out["lgbm_test_auc_cold"] = roc_auc_score(yte[~warm], p[~warm])
        imp = booster.feature_importance("gain")
        out["top_gain"] = [meta["names"][i] for i in np.argsort(-imp)[:12]]
        scaler = StandardScaler().fit(Xtr)
        Xtr_s, Xte_s = scaler.transform(Xtr), scaler.transform(Xte)
    else:
        Xtr_s, Xte_s = Xtr, Xte
    lr = LogisticRegression(penalty="elasticnet", l1_ratio=0.1, C=1.0, solver="saga", max_iter=200)
    lr.fit(Xtr_s, ytr)
    q = lr.predict_proba(Xte_s)[:, 1]
    out["lr_test_auc"] = roc_auc_score(yte, q)
    out["lr_test_logloss"] = log_loss(yte, q)
    if meta["kind"] == "dense":
        out["lr_test_auc_warm"] = roc_auc_score(yte[warm], q[warm])
        out["lr_test_auc_cold"] = roc_auc_score(yte[~warm], q[~warm])
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
