"""scipy reference figures for packages/eval/test/interop/ab-scipy.test.ts.

Reads one JSON request on stdin, prints one JSON answer. Every figure comes straight from scipy / numpy,
so the TypeScript side is checked against an implementation it shares no code with.
"""
import json
import sys

import numpy as np
from scipy import integrate, special, stats


def welch(case):
    a = np.asarray(case["a"], dtype=float)
    b = np.asarray(case["b"], dtype=float)
    r = stats.ttest_ind(b, a, equal_var=False)
    ci = r.confidence_interval(confidence_level=1 - case["alpha"])
    return {"t": float(r.statistic), "p": float(r.pvalue), "df": float(r.df), "lo": float(ci.low), "hi": float(ci.high)}


def proportion(case):
    x1, n1, x2, n2 = case["xa"], case["na"], case["xb"], case["nb"]
    p1, p2, p = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    q = stats.norm.ppf(1 - case["alpha"] / 2)
    return {"z": float(z), "p": float(2 * stats.norm.sf(abs(z))), "lo": float(p2 - p1 - q * se), "hi": float(p2 - p1 + q * se)}


def srm(case):
    obs = np.asarray(case["observed"], dtype=float)
    w = np.asarray(case["weights"], dtype=float)
    r = stats.chisquare(obs, f_exp=obs.sum() * w / w.sum())
    return {"chi2": float(r.statistic), "p": float(r.pvalue)}


def cuped(case):
    y = np.concatenate([case["ya"], case["yb"]])
    x = np.concatenate([case["xa"], case["xb"]])
    c = np.cov(x, y, ddof=1)
    return {"theta": float(c[0, 1] / c[0, 0]), "rho": float(np.corrcoef(x, y)[0, 1])}


def bayes(case):
    aA, bA, aB, bB = case["aA"], case["bA"], case["aB"], case["bB"]
    m = aA / (aA + bA)
    sd = np.sqrt(aA * bA / ((aA + bA) ** 2 * (aA + bA + 1)))
    lo, hi = max(0.0, m - 12 * sd), min(1.0, m + 12 * sd)
    chance, _ = integrate.quad(lambda x: stats.beta.pdf(x, aA, bA) * stats.beta.sf(x, aB, bB), lo, hi, epsabs=1e-13, epsrel=1e-12, limit=500)
    loss_b, _ = integrate.quad(
        lambda x: stats.beta.pdf(x, aA, bA) * (x * stats.beta.cdf(x, aB, bB) - aB / (aB + bB) * stats.beta.cdf(x, aB + 1, bB)),
        lo, hi, epsabs=1e-15, epsrel=1e-12, limit=500)
    return {"chance": chance, "lossB": loss_b}


def special_values(case):
    return {
        "t_sf": [float(stats.t.sf(t, df)) for t, df in case["t_sf"]],
        "t_ppf": [float(stats.t.ppf(p, df)) for p, df in case["t_ppf"]],
        "chi2_sf": [float(stats.chi2.sf(x, df)) for x, df in case["chi2_sf"]],
        "betainc": [float(special.betainc(a, b, x)) for a, b, x in case["betainc"]],
        "gammaincc": [float(special.gammaincc(a, x)) for a, x in case["gammaincc"]],
    }


HANDLERS = {"welch": welch, "proportion": proportion, "srm": srm, "cuped": cuped, "bayes": bayes, "special": special_values}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    out = [HANDLERS[c["kind"]](c) for c in request]
    json.dump(out, sys.stdout)
