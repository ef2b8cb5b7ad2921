"""scikit-learn make_pipeline(StandardScaler(), LogisticRegression()) reference for abt's parity test.

Usage: python pipeline_reference.py <in_json> <out_json>

<in_json>: {"X": [[...], ...], "y": [...] | null, "scaler": {StandardScaler kwargs},
"lr": {LogisticRegression kwargs} | null}. NaN travels as the string "NaN". With "lr" null only the
scaler is fitted. Writes the scaler's mean_, var_, scale_, transform(X) and, with "lr", the final
estimator's coef_, intercept_, n_iter_ and predict_proba(X)[:, 1].
"""
import json
import sys
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def listify(a):
    return None if a is None else [None if np.isnan(v) else float(v) for v in np.ravel(a)]


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    X = np.array([[np.nan if v == "NaN" else v for v in row] for row in spec["X"]], dtype=np.float64)
    scaler = StandardScaler(**spec["scaler"])
    out = {}
    if spec["lr"] is None:
        scaler.fit(X)
    else:
        warnings.simplefilter("ignore", ConvergenceWarning)
        pipe = make_pipeline(scaler, LogisticRegression(**spec["lr"]))
        pipe.fit(X, np.array(spec["y"], dtype=np.float64))
        lr = pipe[-1]
        out.update(coef=listify(lr.coef_), intercept=float(lr.intercept_[0]), n_iter=int(lr.n_iter_[0]),
                   proba=listify(pipe.predict_proba(X)[:, 1]))
    out.update(mean=listify(scaler.mean_), var=listify(scaler.var_), scale=listify(scaler.scale_),
               transformed=listify(scaler.transform(X)))
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
