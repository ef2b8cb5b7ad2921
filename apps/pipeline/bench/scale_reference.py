"""The references of `pnpm bench pipeline --scale`: LightGBM and scikit-learn fitting the pipeline's own
Policy B and Policy A on the matrices scale-matrices.mjs wrote (the train stage's, rebuilt the same way).

Policy B: lightgbm.train with the pipeline's parameters (POLICY_B in src/policies.ts), early stopping
50 rounds on the valid log loss, num_threads from argv. Policy A: make_pipeline(StandardScaler(),
LogisticRegression(elastic-net, l1_ratio 0.1, C 1, saga, max_iter 200)), the original's. Matrices stay
float32 (sklearn keeps float32 through the scaler; a float64 copy of 20 M x 69 would be 11 GB).
Threads are pinned by the caller's environment (OMP_NUM_THREADS etc.). Prints one JSON line.

Usage: python scale_reference.py <dir> <threads> <seed> [skip-sklearn]
"""
import json
import resource
import sys
import time
import warnings

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

d, threads, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
skip_sklearn = len(sys.argv) > 4 and sys.argv[4] == "skip-sklearn"
meta = json.load(open(f"{d}/meta.json"))
load = lambda part: (np.fromfile(f"{d}/{part}.X", dtype=np.float32).reshape(-1, meta["cols"]), np.fromfile(f"{d}/{part}.y", dtype=np.uint8))
Xtr, ytr = load("train")
Xva, yva = load("valid")
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
out = {"threads": threads, "lightgbm": lgb.__version__}


def logloss(y, p):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


params = dict(objective="binary", metric="binary_logloss", num_leaves=64, learning_rate=0.05, feature_fraction=0.8,
              bagging_fraction=0.8, bagging_freq=1, min_data_in_leaf=50, verbose=-1, seed=seed, num_threads=threads)
t0, c0 = time.perf_counter(), cpu()
train = lgb.Dataset(Xtr, ytr, free_raw_data=True)
booster = lgb.train(params, train, 500, valid_sets=[lgb.Dataset(Xva, yva, reference=train)], callbacks=[lgb.early_stopping(50, verbose=False)])
out.update(lgbm_seconds=time.perf_counter() - t0, lgbm_cpu=cpu() - c0, lgbm_best_iteration=booster.best_iteration,
           lgbm_valid_logloss=booster.best_score["valid_0"]["binary_logloss"])
del booster, train

if not skip_sklearn:
    t0, c0 = time.perf_counter(), cpu()
    lr = LogisticRegression(penalty="elasticnet", l1_ratio=0.1, C=1.0, solver="saga", max_iter=200, random_state=seed)
    model = make_pipeline(StandardScaler(), lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(Xtr, ytr)
    out.update(sklearn_seconds=time.perf_counter() - t0, sklearn_cpu=cpu() - c0, sklearn_n_iter=int(lr.n_iter_[0]),
               sklearn_valid_logloss=logloss(yva, model.predict_proba(Xva)[:, 1]))
out["maxRssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
