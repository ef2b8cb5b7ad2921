"""The original Python pipeline's code path on ml-100k, timed per stage (the reference for `pnpm bench pipeline`).

Usage: python original_pipeline.py <ml-100k.zip> <work_dir>   → prints one JSON line {stage: seconds, ...}

Reproduces what the original did, defects included where they cost time (its CV trains and scores on the
same folds; its segments measure popularity on the test set): prepare (pandas merge, label, stable sort,
80/10/10), train (saga elastic-net LR, 200 iterations; LightGBM 500 rounds, early stopping 50), eval
(AUC, AP, log loss), curves (ROC, PR, calibration, Brier), segments, 5-fold CV, and MLflow logging of
every run into an SQLite store. Charts are not drawn (matplotlib is not in the venv), so the reference
is, if anything, a little fast.
"""
import json
import os
import sys
import time
import zipfile

import numpy as np
import pandas as pd
import scipy.sparse as sp
import lightgbm as lgb
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, average_precision_score, log_loss, roc_curve, precision_recall_curve, brier_score_loss
from sklearn.calibration import calibration_curve
from sklearn.model_selection import KFold
from sklearn.preprocessing import OneHotEncoder

GENRES = ["unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
          "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]
LGB_PARAMS = dict(objective="binary", metric="binary_logloss", num_leaves=64, learning_rate=0.05, feature_fraction=0.8,
                  bagging_fraction=0.8, bagging_freq=1, min_data_in_leaf=50, verbose=-1, num_threads=2, seed=42)
timings = {}


def timed(name):
    def wrap(fn):
        def run(*a, **k):
            t0 = time.perf_counter()
            out = fn(*a, **k)
            timings[name] = time.perf_counter() - t0
            return out
        return run
    return wrap


@timed("prepare")
def prepare(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        with z.open("ml-100k/u.data") as f:
            ratings = pd.read_csv(f, sep="\t", names=["userId", "movieId", "rating", "timestamp"])
        with z.open("ml-100k/u.item") as f:
            items = pd.read_csv(f, sep="|", encoding="latin-1", header=None, names=["movieId", "title", "release", "video", "url"] + GENRES)
    df = ratings.merge(items[["movieId"] + GENRES], on="movieId", how="left")
    df["label"] = (df["rating"] >= 4).astype(int)
    df = df.sort_values("timestamp", kind="mergesort").reset_index(drop=True)
    n = len(df)
    return df.iloc[: int(n * 0.8)], df.iloc[int(n * 0.8): int(n * 0.9)], df.iloc[int(n * 0.9):]


def features(enc, part):
    return sp.hstack([enc.transform(part[["userId", "movieId"]]), sp.csr_matrix(part[GENRES].to_numpy(dtype=float))], format="csr")


def fit_both(Xtr, ytr, Xva, yva):
    lr = LogisticRegression(penalty="elasticnet", l1_ratio=0.1, C=1.0, solver="saga", max_iter=200)
    lr.fit(Xtr, ytr)
    booster = lgb.train(LGB_PARAMS, lgb.Dataset(Xtr, ytr), num_boost_round=500, valid_sets=[lgb.Dataset(Xva, yva)],
                        callbacks=[lgb.early_stopping(50, verbose=False)])
    return lr, booster


@timed("train")
def train(tr, va):
    enc = OneHotEncoder(handle_unknown="ignore").fit(tr[["userId", "movieId"]])
    Xtr, Xva = features(enc, tr), features(enc, va)
    lr, booster = fit_both(Xtr, tr["label"], Xva, va["label"])
    for p in (lr.predict_proba(Xva)[:, 1], booster.predict(Xva)):
        roc_auc_score(va["label"], p), average_precision_score(va["label"], p), log_loss(va["label"], np.clip(p, 1e-7, 1 - 1e-7))
    return enc, lr, booster


@timed("eval")
def evaluate(enc, lr, booster, te):
    Xte = features(enc, te)
    pa, pb = lr.predict_proba(Xte)[:, 1], booster.predict(Xte)
    out = {}
    for k, p in (("A", pa), ("B", pb)):
        out[k] = (roc_auc_score(te["label"], p), average_precision_score(te["label"], p), log_loss(te["label"], np.clip(p, 1e-7, 1 - 1e-7)))
    return pa, pb, out


@timed("curves")
def curves(y, pa, pb):
    for p in (pa, pb):
        roc_curve(y, p), precision_recall_curve(y, p), calibration_curve(y, p, n_bins=10), brier_score_loss(y, p)


@timed("segments")
def segments(tr, te, pa, pb):
    y = te["label"].to_numpy()
    masks = {"cold_user": ~te["userId"].isin(tr["userId"]).to_numpy(), "cold_item": ~te["movieId"].isin(tr["movieId"]).to_numpy()}
    pop = te["movieId"].value_counts()
    masks["popular"] = te["movieId"].isin(pop[pop >= pop.quantile(0.9)].index).to_numpy()
    for g in GENRES[:8]:
        masks[g] = te[g].to_numpy() == 1
    for m in masks.values():
        if m.sum() > 1 and len(np.unique(y[m])) == 2:
            for p in (pa, pb):
                roc_auc_score(y[m], p[m]), log_loss(y[m], np.clip(p[m], 1e-7, 1 - 1e-7), labels=[0, 1])


@timed("cv")
def cv(tr, va):
    enc = OneHotEncoder(handle_unknown="ignore").fit(tr[["userId", "movieId"]])
    X, y = features(enc, tr), tr["label"].to_numpy()
    Xva = features(enc, va)
    for idx, _ in KFold(5, shuffle=True, random_state=42).split(X):
        lr, booster = fit_both(X[idx], y[idx], Xva, va["label"])
        roc_auc_score(y[idx], lr.predict_proba(X[idx])[:, 1]), roc_auc_score(y[idx], booster.predict(X[idx]))


@timed("tracking")
def track(work, results):
    import mlflow
    mlflow.set_tracking_uri(f"sqlite:///{os.path.join(work, 'mlflow.db')}")
    mlflow.set_experiment("abtest_movielens")
    for name in ("PolicyA_LogReg", "PolicyB_LightGBM", "Eval_Offline_AB", "Curves_PR_ROC_Calib_Lift", "Segment_Analysis", "CV_5fold"):
        with mlflow.start_run(run_name=name):
            mlflow.log_metrics({f"{k}_auc": v[0] for k, v in results.items()})


def main():
    zip_path, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    tr, va, te = prepare(zip_path)
    enc, lr, booster = train(tr, va)
    pa, pb, results = evaluate(enc, lr, booster, te)
    curves(te["label"], pa, pb)
    segments(tr, te, pa, pb)
    cv(tr, va)
    track(work, results)
    timings["total"] = sum(timings.values())
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
