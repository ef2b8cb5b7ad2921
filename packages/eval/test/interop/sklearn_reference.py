"""Reference values for @abt/eval's interop suite, computed with scikit-learn / numpy / scipy.

Reads a JSON request on stdin, writes JSON on stdout. Non-finite floats are written as the
strings "inf", "-inf", "nan" (JSON has no literal for them).

Sample weights: a case with "weights" also gets every scikit-learn metric that has `sample_weight`,
computed with it, under "weighted"; {"kind": "edge"} requests report what scikit-learn does on edge
inputs (a value, NaN / a meaningless value with a warning, or an error).

DeLong is computed here independently of abt's O(n log n) midrank version: the original O(m*n)
structural components of DeLong, DeLong & Clarke-Pearson (1988), psi(x, y) = 1 if x > y, 1/2 if equal.
"""
import json
import math
import sys
import io
import zipfile

import numpy as np
from scipy import stats
from scipy.special import xlogy
from sklearn import metrics
from sklearn.calibration import calibration_curve


def enc(v):
    if isinstance(v, np.ndarray):
        return [enc(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if isinstance(v, (np.integer,)):
        return int(v)
    return v


def delong_bruteforce(y, a, b, alpha=0.05):
    pos = y == 1
    out = []
    v10s, v01s = [], []
    for s in (a, b):
        x, z = s[pos], s[~pos]
        psi = (x[:, None] > z[None, :]).astype(float) + 0.5 * (x[:, None] == z[None, :])
        v10s.append(psi.mean(axis=1))
        v01s.append(psi.mean(axis=0))
        out.append(psi.mean())
    m, n = pos.sum(), (~pos).sum()
    s10 = np.cov(np.vstack(v10s))
    s01 = np.cov(np.vstack(v01s))
    S = s10 / m + s01 / n
    diff = out[1] - out[0]
    var = S[0, 0] + S[1, 1] - 2 * S[0, 1]
    se = math.sqrt(var)
    z = diff / se
    q = stats.norm.ppf(1 - alpha / 2)
    return {
        "auc_a": out[0], "auc_b": out[1], "se_a": math.sqrt(S[0, 0]), "se_b": math.sqrt(S[1, 1]),
        "diff": diff, "se": se, "z": z, "p": 2 * stats.norm.sf(abs(z)),
        "ci_low": diff - q * se, "ci_high": diff + q * se,
    }


def ece(y, p, n_bins, strategy):
    if strategy == "quantile":
        bins = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(bins[1:-1], p)
    total = 0.0
    for b in range(n_bins):
        m = ids == b
        if m.any():
            total += m.sum() / len(y) * abs(y[m].mean() - p[m].mean())
    return total


def ranking(users, labels, scores, k):
    out = {}
    for u in np.unique(users):
        m = users == u
        y, s = labels[m], scores[m]
        if y.sum() == 0:
            continue
        if len(y) < 2:
            continue
        out[str(int(u))] = metrics.ndcg_score([y], [s], k=k)
    return out


def case(c):
    y = np.asarray(c["labels"], dtype=float)
    s = np.asarray(c["scores"], dtype=float)
    r = {}
    r["roc_auc"] = metrics.roc_auc_score(y, s)
    r["average_precision"] = metrics.average_precision_score(y, s)
    fpr, tpr, thr = metrics.roc_curve(y, s)
    r["roc_curve"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    fpr, tpr, thr = metrics.roc_curve(y, s, drop_intermediate=False)
    r["roc_curve_all"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    p, rc, thr = metrics.precision_recall_curve(y, s)
    r["pr_curve"] = {"precision": p, "recall": rc, "thresholds": thr}
    if c.get("probabilities", False):
        r["log_loss"] = metrics.log_loss(y, s)
        r["log_loss_clip7"] = metrics.log_loss(y, np.clip(s, 1e-7, 1 - 1e-7))
        r["log_loss_noclip"] = float(-np.mean(xlogy(y, s) + xlogy(1 - y, 1 - s)))
        r["brier"] = metrics.brier_score_loss(y, s)
        cal = {}
        for strategy in ("uniform", "quantile"):
            for n_bins in (5, 10):
                pt, pp = calibration_curve(y, s, n_bins=n_bins, strategy=strategy)
                cal[f"{strategy}_{n_bins}"] = {"prob_true": pt, "prob_pred": pp, "ece": ece(y, s, n_bins, strategy)}
        r["calibration"] = cal
        r["histogram"] = {"counts": np.histogram(s, bins=20, range=(0, 1))[0].astype(float), "auto": np.histogram(s, bins=13)[0].astype(float)}
        r["threshold"] = threshold_metrics(y, s, 0.5)
    p, rc, thr = metrics.precision_recall_curve(y, s, drop_intermediate=True)
    r["pr_curve_drop"] = {"precision": p, "recall": rc, "thresholds": thr}
    if "weights" in c:
        r["weighted"] = weighted(y, s, np.asarray(c["weights"], dtype=float), c.get("probabilities", False))
    if "scores_b" in c:
        r["delong"] = delong_bruteforce(y, s, np.asarray(c["scores_b"], dtype=float))
    if "users" in c:
        r["ndcg"] = ranking(np.asarray(c["users"]), y, s, c.get("k", 10))
    return r


def weighted(y, s, w, probabilities):
    """Every metric abt implements that has a scikit-learn `sample_weight`, with it."""
    r = {
        "roc_auc": metrics.roc_auc_score(y, s, sample_weight=w),
        "average_precision": metrics.average_precision_score(y, s, sample_weight=w),
    }
    for key, drop in (("roc_curve", True), ("roc_curve_all", False)):
        fpr, tpr, thr = metrics.roc_curve(y, s, sample_weight=w, drop_intermediate=drop)
        r[key] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}
    for key, drop in (("pr_curve", False), ("pr_curve_drop", True)):
        p, rc, thr = metrics.precision_recall_curve(y, s, sample_weight=w, drop_intermediate=drop)
        r[key] = {"precision": p, "recall": rc, "thresholds": thr}
    if probabilities:
        r["log_loss"] = metrics.log_loss(y, s, sample_weight=w, labels=[0, 1])
        r["log_loss_clip7"] = metrics.log_loss(y, np.clip(s, 1e-7, 1 - 1e-7), sample_weight=w, labels=[0, 1])
        keep = w != 0  # abt: a row of weight 0 is absent (numpy would make 0 * inf = nan)
        r["log_loss_noclip"] = float(np.average(-(xlogy(y[keep], s[keep]) + xlogy(1 - y[keep], 1 - s[keep])), weights=w[keep]))
        r["brier"] = metrics.brier_score_loss(y, s, sample_weight=w)
        r["threshold"] = threshold_metrics(y, s, 0.5, w)
    return r


def threshold_metrics(y, s, t, w=None):
    yp = (s >= t).astype(float)
    tn, fp, fn, tp = metrics.confusion_matrix(y, yp, labels=[0, 1], sample_weight=w).ravel()
    return {
        "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "accuracy": metrics.accuracy_score(y, yp, sample_weight=w),
        "precision": metrics.precision_score(y, yp, sample_weight=w, zero_division=0),
        "recall": metrics.recall_score(y, yp, sample_weight=w, zero_division=0),
        "f1": metrics.f1_score(y, yp, sample_weight=w, zero_division=0),
    }


EDGE_FUNCTIONS = {
    "roc_auc": lambda y, s, w: metrics.roc_auc_score(y, s, sample_weight=w),
    "average_precision": lambda y, s, w: metrics.average_precision_score(y, s, sample_weight=w),
    "roc_curve": lambda y, s, w: metrics.roc_curve(y, s, sample_weight=w),
    "precision_recall_curve": lambda y, s, w: metrics.precision_recall_curve(y, s, sample_weight=w),
    "log_loss": lambda y, s, w: metrics.log_loss(y, s, sample_weight=w, labels=[0, 1]),
    "brier": lambda y, s, w: metrics.brier_score_loss(y, s, sample_weight=w),
    "accuracy": lambda y, s, w: metrics.accuracy_score(y, s >= 0.5, sample_weight=w),
    "f1": lambda y, s, w: metrics.f1_score(y, s >= 0.5, sample_weight=w, zero_division=0),
}


def edge(c):
    """What scikit-learn does: {"outcome": "value" | "undefined" | "error", ...}.

    "undefined" = it returns NaN (or a curve of NaN / recall set to 1) with a warning, which abt maps to
    EvalError UNDEFINED_METRIC; "error" = it raises, which abt maps to INVALID_INPUT / LENGTH_MISMATCH.
    """
    import warnings

    y = np.asarray(c["labels"], dtype=float)
    s = np.asarray(c["scores"], dtype=float)
    w = None if c.get("weights") is None else np.asarray(c["weights"], dtype=float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            v = EDGE_FUNCTIONS[c["fn"]](y, s, w)
        except ValueError as e:
            return {"outcome": "error", "message": str(e)}
    warned = [str(x.message) for x in caught]
    undefined_warning = [m for m in warned if "meaningless" in m or "No positive class" in m or "Only one class" in m]
    if undefined_warning:
        return {"outcome": "undefined", "warning": undefined_warning[0]}
    return {"outcome": "value", "value": v if np.isscalar(v) else None}


def movielens(path, train_fraction=0.8):
    """Real inputs: ml-100k sorted stably by timestamp; A = movie's train mean rating, B = user's.

    Also returns what segment analysis needs: train ids, test genres (all 19) and demographics.
    """
    with zipfile.ZipFile(path) as z:
        raw = z.read("ml-100k/u.data").decode()
        items = z.read("ml-100k/u.item").decode("latin-1").strip().split("\n")
        users = z.read("ml-100k/u.user").decode("latin-1").strip().split("\n")
        genre_names = [l.split("|")[0] for l in z.read("ml-100k/u.genre").decode("latin-1").strip().split("\n") if l.strip()]
    rows = np.loadtxt(io.StringIO(raw), dtype=np.int64)
    order = np.argsort(rows[:, 3], kind="stable")
    rows = rows[order]
    cut = int(len(rows) * train_fraction)
    train, test = rows[:cut], rows[cut:]
    gm = train[:, 2].mean()

    def smoothed_mean(col):
        sums, counts = {}, {}
        for key, rating in zip(train[:, col], train[:, 2]):
            sums[key] = sums.get(key, 0) + rating
            counts[key] = counts.get(key, 0) + 1
        return np.array([(sums.get(k, 0) + 5 * gm) / (counts.get(k, 0) + 5) for k in test[:, col]])

    flags = {}
    for line in items:
        f = line.split("|")
        flags[int(f[0])] = [int(x) for x in f[5:5 + len(genre_names)]]
    demo = {}
    for line in users:
        f = line.split("|")
        demo[int(f[0])] = (int(f[1]), f[2], f[3])
    a = (smoothed_mean(1) - 1) / 4
    b = (smoothed_mean(0) - 1) / 4
    return {
        "users": test[:, 0].tolist(), "items": test[:, 1].tolist(),
        "labels": (test[:, 2] >= 4).astype(int).tolist(), "scores_a": a.tolist(), "scores_b": b.tolist(),
        "train_users": train[:, 0].tolist(), "train_items": train[:, 1].tolist(),
        "genre_names": genre_names, "genre_flags": [x for m in test[:, 1] for x in flags[int(m)]],
        "age": [demo[int(u)][0] for u in test[:, 0]], "gender": [demo[int(u)][1] for u in test[:, 0]],
        "occupation": [demo[int(u)][2] for u in test[:, 0]],
    }


if __name__ == "__main__":
    req = json.load(sys.stdin)
    if req["kind"] == "movielens":
        json.dump(movielens(req["path"]), sys.stdout)
    elif req["kind"] == "edge":
        json.dump({name: enc(edge(c)) for name, c in req["cases"].items()}, sys.stdout)
    else:
        json.dump({name: enc(case(c)) for name, c in req["cases"].items()}, sys.stdout)
