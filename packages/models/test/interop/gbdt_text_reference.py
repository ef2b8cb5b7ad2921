"""LightGBM reference for abt's model-text parity tests (test/interop/gbdt-text-parity.test.ts,
test/interop/gbdt-params-parity.test.ts).

Usage:
  python gbdt_text_reference.py train <jobs.json>
      Each job: {"X": path, "y": path, "rows": n, "cols": m, "csr": bool, "params": {...},
      "valid": {"X": path, "y": path, "rows": k} (optional), "importance_type": "split"|"gain",
      "out": path}, or instead of X/y/valid {"splits": dir} for the train and valid CSR splits
      original_features.py wrote. Trains lightgbm.train(params) (valid set built with reference=train; early
      stopping when params has early_stopping_round) and writes Booster.model_to_string() to out.
      X files are row-major little-endian float64.
  python gbdt_text_reference.py breast-cancer <dir>
      Writes scikit-learn's breast cancer data (569 x 30) as <dir>/X.f64, <dir>/y.f64.
  python gbdt_text_reference.py aliases <out.json>
      Writes LightGBM's own parameter table (LGBM_DumpParamAliases): name -> [name, aliases...].
"""
import json
import sys

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp


def load(path, rows, cols, csr):
    X = np.fromfile(path, dtype="<f8").reshape(rows, cols)
    return sp.csr_matrix(X) if csr else X


def train(jobs_path):
    with open(jobs_path) as f:
        jobs = json.load(f)
    for job in jobs:
        if "splits" in job:
            from gbdt_reference import load_split

            data = lgb.Dataset(*load_split(job["splits"], "train"))
            booster = lgb.train(dict(job["params"]), data, valid_sets=[lgb.Dataset(*load_split(job["splits"], "valid"), reference=data)])
            with open(job["out"], "w") as f:
                f.write(booster.model_to_string())
            continue
        X = load(job["X"], job["rows"], job["cols"], job.get("csr", False))
        y = np.fromfile(job["y"], dtype="<f8")
        data = lgb.Dataset(X, y)
        valid_sets = []
        if "valid" in job:
            v = job["valid"]
            Xv = load(v["X"], v["rows"], job["cols"], job.get("csr", False))
            valid_sets = [lgb.Dataset(Xv, np.fromfile(v["y"], dtype="<f8"), reference=data)]
        booster = lgb.train(dict(job["params"]), data, valid_sets=valid_sets)
        with open(job["out"], "w") as f:
            f.write(booster.model_to_string(importance_type=job.get("importance_type", "split")))


def breast_cancer(d):
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    X.astype("<f8").tofile(f"{d}/X.f64")
    y.astype("<f8").tofile(f"{d}/y.f64")


def aliases(out):
    with open(out, "w") as f:
        json.dump(lgb.basic._ConfigAliases._get_all_param_aliases(), f)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"train": train, "breast-cancer": breast_cancer, "aliases": aliases}[cmd](*args)
