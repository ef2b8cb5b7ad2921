"""scikit-learn LogisticRegression on a batch of cases: the reference for abt's parameter-rule parity test.

Usage: python linear_rule_reference.py <in.json> <out.json>

in.json: {"cases": [{"name", "X": [[...]], "y": [...], "sparse": bool, "sample_weight": [...] | null,
          "params": {LogisticRegression kwargs}, "abt": {"coef": [...], "intercept": x} | null}]}
JSON has no inf: "C": "Infinity" stands for np.inf. Per case, out.json holds what sklearn warned
(classified into abt's warning codes; anything else under "unclassified"), what it raised, its
coef / intercept / n_iter / P(y=1), and the objective
    C * sum_i w_i * logloss_i + (1 - r)/2 |w|^2 + r |w|_1        (w_i = sample weight x class weight)
at sklearn's solution and at abt's, with the penalty sklearn 1.9 documents for these params
(liblinear: the intercept is a feature of value intercept_scaling, penalized too), and the largest
violation of that objective's optimality (KKT) conditions at abt's solution, on the scale of tol.
"""
import json
import sys
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_class_weight

# sklearn 1.9.1's warning texts (sklearn/linear_model/_logistic.py), by abt's code.
CODES = [
    ("'penalty' was deprecated", "penalty-deprecated"),
    ("'l1_ratio=None' was deprecated", "l1-ratio-none-deprecated"),
    ("l1_ratio parameter is only used when penalty is", "l1-ratio-unused"),
    ("Inconsistent values: penalty=", "penalty-l1-ratio-inconsistent"),
    ("Setting penalty=None will ignore", "penalty-none-ignores-c"),
    ("'n_jobs' has no effect", "n-jobs-deprecated"),
]


def classify(message):
    for prefix, code in CODES:
        if message.startswith(prefix):
            return code
    return None


def effective_penalty(params):
    """sklearn 1.9's documented rule: (l1 share, C); C = inf means no penalty."""
    penalty = params.get("penalty", "deprecated")
    r = params.get("l1_ratio", 0.0)
    C = params.get("C", 1.0)
    if penalty == "deprecated":
        penalty = "l2" if r in (0, None) else ("l1" if r == 1 else "elasticnet")
        if C == np.inf:
            penalty = None
    if penalty is None:
        return 0.0, np.inf
    return {"l2": 0.0, "l1": 1.0, "elasticnet": r}[penalty], C


def objective(X, y, w, coef, intercept, params):
    r, C = effective_penalty(params)
    z = X @ coef + intercept
    loss = float(np.sum(w * (np.logaddexp(0.0, z) - y * z)))
    if C == np.inf:
        return loss
    pen = np.asarray(coef, dtype=float)
    if params.get("solver") == "liblinear" and params.get("fit_intercept", True):
        pen = np.append(pen, intercept / params.get("intercept_scaling", 1.0))
    return C * loss + (1 - r) / 2 * float(pen @ pen) + r * float(np.abs(pen).sum())


def kkt(X, y, w, coef, intercept, params):
    """Largest violation of the optimality conditions of objective(), divided by C * sum(w) (the scale of tol)."""
    r, C = effective_penalty(params)
    liblinear = params.get("solver") == "liblinear"
    fit_b = params.get("fit_intercept", True)
    s = params.get("intercept_scaling", 1.0) if liblinear else 1.0
    z = X @ coef + intercept
    resid = w * (1 / (1 + np.exp(-z)) - y)
    cols = [X.T @ resid] + ([np.array([s * resid.sum()])] if fit_b else [])
    g = np.concatenate(cols) * (1.0 if C == np.inf else C)
    theta = np.append(coef, intercept / s) if fit_b else np.asarray(coef, dtype=float)
    penalized = np.arange(theta.size) < (theta.size if (liblinear or not fit_b) else coef.size)
    if C == np.inf:
        r, l2, l1 = 0.0, 0.0, 0.0
    else:
        l2, l1 = (1 - r), r
    g = g + np.where(penalized, l2 * theta, 0.0)
    l1v = np.where(penalized, l1, 0.0)
    viol = np.where(theta != 0, np.abs(g + l1v * np.sign(theta)), np.maximum(0.0, np.abs(g) - l1v))
    return float(viol.max() / ((1.0 if C == np.inf else C) * w.sum()))


def run(case):
    params = dict(case["params"])
    if params.get("C") == "Infinity":
        params["C"] = np.inf
    if isinstance(params.get("class_weight"), dict):  # JSON keys are strings; sklearn's are the labels
        params["class_weight"] = {int(k): v for k, v in params["class_weight"].items()}
    X = np.asarray(case["X"], dtype=float)
    y = np.asarray(case["y"], dtype=float)
    sw = None if case.get("sample_weight") is None else np.asarray(case["sample_weight"], dtype=float)
    Xfit = sp.csr_matrix(X) if case.get("sparse") else X
    out = {"warnings": [], "unclassified": [], "error": None, "converged": True}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = LogisticRegression(**params).fit(Xfit, y, sample_weight=sw)
        except Exception as e:  # noqa: BLE001 - the test compares what sklearn raises
            out["error"] = {"type": type(e).__name__, "message": str(e)}
            model = None
    for w in caught:
        if issubclass(w.category, ConvergenceWarning):
            out["converged"] = False
            continue
        code = classify(str(w.message))
        (out["warnings"].append(code) if code else out["unclassified"].append(f"{w.category.__name__}: {w.message}"))
    if model is None:
        return out
    cw = params.get("class_weight")
    if cw is not None:
        classes = np.array([0.0, 1.0])
        per_class = compute_class_weight(cw, classes=classes, y=y, sample_weight=sw)
        weights = (np.ones_like(y) if sw is None else sw) * per_class[y.astype(int)]
    else:
        weights = np.ones_like(y) if sw is None else sw
    coef = model.coef_.ravel()
    intercept = float(model.intercept_[0])
    out.update(
        coef=coef.tolist(),
        intercept=intercept,
        n_iter=int(np.max(model.n_iter_)),
        proba=model.predict_proba(Xfit)[:, 1].tolist(),
        objective=objective(X, y, weights, coef, intercept, params),
    )
    if case.get("abt") is not None:
        a = case["abt"]
        out["abt_objective"] = objective(X, y, weights, np.asarray(a["coef"]), a["intercept"], params)
        out["abt_kkt"] = kkt(X, y, weights, np.asarray(a["coef"]), a["intercept"], params)
    return out


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    results = {"sklearn": sklearn.__version__, "results": [run(c) for c in cases]}
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
