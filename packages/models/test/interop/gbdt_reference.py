"""LightGBM reference for abt's GBDT parity tests.

Usage:
  python gbdt_reference.py train <data_dir> <params.json> <out_dir>
      Trains lightgbm.train(params) on <data_dir>'s train split (CSR, from original_features.py)
      with early stopping on the valid split when params has early_stopping_round; writes
      out_dir/model.txt, out_dir/test.pred.f64 (probabilities at best_iteration) and
      out_dir/result.json {best_iteration, num_trees, fit_seconds, lightgbm_version}.
  python gbdt_reference.py predict <model.txt> <data_dir> <split> <out.f64>
      Loads a model file with lightgbm.Booster(model_file=...) and writes its probabilities.
"""
import json
import os
import sys
import time

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp


def load_split(data_dir, name):
    with open(os.path.join(data_dir, "header.json")) as f:
        s = json.load(f)["splits"][name]
    p = lambda ext: os.path.join(data_dir, f"{name}.{ext}")
    X = sp.csr_matrix(
        (np.fromfile(p("data.f64"), dtype="<f8"), np.fromfile(p("indices.i32"), dtype="<i4"),
         np.fromfile(p("indptr.i32"), dtype="<i4")),
        shape=(s["rows"], s["cols"]),
    )
    return X, np.fromfile(p("y.f64"), dtype="<f8")


def train(data_dir, params_path, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(params_path) as f:
        params = json.load(f)
    rounds = params.pop("num_iterations")
    stop = params.pop("early_stopping_round", 0)
    Xt, yt = load_split(data_dir, "train")
    Xv, yv = load_split(data_dir, "valid")
    Xs, _ = load_split(data_dir, "test")
    callbacks = [lgb.early_stopping(stop, verbose=False)] if stop else []
    t0 = time.perf_counter()
    booster = lgb.train(
        {**params, "objective": "binary", "verbose": -1},
        lgb.Dataset(Xt, yt), rounds, valid_sets=[lgb.Dataset(Xv, yv)], callbacks=callbacks,
    )
    fit_seconds = time.perf_counter() - t0
    booster.save_model(os.path.join(out_dir, "model.txt"))
    best = booster.best_iteration or booster.num_trees()
    booster.predict(Xs, num_iteration=best).astype("<f8").tofile(os.path.join(out_dir, "test.pred.f64"))
    with open(os.path.join(out_dir, "result.json"), "w") as f:
        json.dump({"best_iteration": booster.best_iteration, "num_trees": booster.num_trees(),
                   "fit_seconds": fit_seconds, "lightgbm_version": lgb.__version__}, f)


def predict(model_path, data_dir, split, out_path):
    X, _ = load_split(data_dir, split)
    lgb.Booster(model_file=model_path).predict(X).astype("<f8").tofile(out_path)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"train": train, "predict": predict}[cmd](*args)
