"""Independent reference for the warehouse analysis (packages/eval/test/interop/analysis-statsmodels.test.ts).

Reads the raw exposure and event logs (NDJSON) with pandas, builds each metric per unit (first exposure,
window, cap, pre-exposure covariate) and tests it with scipy / statsmodels: Welch's t test
(scipy.stats.ttest_ind), the pooled two-proportion z test and Wald interval (statsmodels), CUPED's theta by
OLS (statsmodels), the chi-square SRM test (scipy), the delta method for ratios in numpy. Shares no code with
abt. Request on stdin (JSON), answer on stdout.
"""
import glob
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest


def seconds(col):
    """Unix seconds, whatever resolution pandas parses to."""
    return (pd.to_datetime(col, utc=True) - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)


def load(patterns):
    frames = [pd.read_json(f, lines=True, dtype=False) for p in patterns for f in sorted(glob.glob(p))]
    return pd.concat(frames, ignore_index=True)


def main():
    req = json.load(sys.stdin)
    spec = req["spec"]
    arm_a, arm_b = spec["experiment"]["arms"]
    exp = load(req["exposures"])
    exp["unit"] = exp["userId"].astype(str)
    exp["t"] = seconds(exp["time"])
    if "inExperiment" not in exp:
        exp["inExperiment"] = True
    exp["inExperiment"] = exp["inExperiment"].fillna(True).astype(bool)
    ok = exp[(exp["experiment"] == spec["experiment"]["key"]) & exp["inExperiment"] & exp["arm"].isin([arm_a, arm_b])]
    per_unit = ok.groupby("unit").agg(t0=("t", "min"), arms=("arm", "nunique"), arm=("arm", "first"))
    units = per_unit[per_unit["arms"] == 1].copy()
    ev = load([req["events"]])
    ev["unit"] = ev["userId"].astype(str)
    ev["t"] = seconds(ev["time"])
    ev = ev[ev["unit"].isin(units.index)].join(units[["t0"]], on="unit")

    def measure(m, frame):
        rows = frame[frame["event"].isin(m["events"])]
        vals = rows["value"].fillna(0.0) if m["aggregate"] == "sum" else pd.Series(1.0, index=rows.index)
        return vals.groupby(rows["unit"]).sum().reindex(units.index, fill_value=0.0)

    out = {"units": [int((units["arm"] == arm_a).sum()), int((units["arm"] == arm_b).sum())], "metrics": {}}
    n_all = len(units)
    srm_p = float(stats.chisquare(out["units"], [n_all * w / sum(spec["experiment"]["weights"]) for w in spec["experiment"]["weights"]]).pvalue)
    out["srm_p"] = srm_p
    alpha = spec["analysis"]["alpha"]
    q = stats.norm.ppf(1 - alpha / 2)
    for m in spec["metrics"]:
        if not m["test"]:
            continue
        post = ev[ev["t"] >= ev["t0"]]
        if m["windowSeconds"] is not None:
            post = post[post["t"] < post["t0"] + m["windowSeconds"]]
        y = measure(m["measure"], post)
        present = pd.Series(True, index=units.index)
        if m["type"] == "binomial":
            y = (y > 0).astype(float)
        elif m["type"] == "mean":
            rows = post[post["event"].isin(m["measure"]["events"]) & post["value"].notna()]
            k = rows.groupby("unit").size().reindex(units.index, fill_value=0)
            present = k > 0
            y = (y / k.where(k > 0, 1)).where(present, 0.0)
        if "cap" in m:
            cap = m["cap"]["value"] if "value" in m["cap"] else float(np.percentile(y[present], m["cap"]["quantile"] * 100))
            y = y.clip(upper=cap)
        x = measure(m["denominator"], post) if m["type"] == "ratio" else None
        c = None
        if "cuped" in m:
            cu = m["cuped"]
            pre = ev[ev["t"] < ev["t0"]]
            if cu["lookbackSeconds"] is not None:
                pre = pre[pre["t"] >= pre["t0"] - cu["lookbackSeconds"]]
            c = measure(cu["measure"], pre)
        sel = {a: (units["arm"] == a) & present for a in (arm_a, arm_b)}
        ya, yb = y[sel[arm_a]].to_numpy(), y[sel[arm_b]].to_numpy()
        r = {"n": [len(ya), len(yb)]}
        if m["type"] == "ratio":
            xa, xb = x[sel[arm_a]].to_numpy(), x[sel[arm_b]].to_numpy()

            def delta(yv, xv):
                mx, my, n = xv.mean(), yv.mean(), len(yv)
                cov = np.cov(yv, xv, ddof=1)
                return my / mx, (cov[0, 0] / mx**2 - 2 * my * cov[0, 1] / mx**3 + my**2 * cov[1, 1] / mx**4) / n

            ra, va = delta(ya, xa)
            rb, vb = delta(yb, xb)
            se = np.sqrt(va + vb)
            r.update(rate=[ra, rb], p=float(2 * stats.norm.sf(abs(rb - ra) / se)), lo=rb - ra - q * se, hi=rb - ra + q * se, chance=float(stats.norm.cdf((rb - ra) / se)))
            if c is not None:
                ca, cb = c[sel[arm_a]].to_numpy(), c[sel[arm_b]].to_numpy()
                la, lb = (ya - ra * xa) / xa.mean(), (yb - rb * xb) / xb.mean()
                theta = sm.OLS(np.concatenate([la, lb]), sm.add_constant(np.concatenate([ca, cb]))).fit().params[1]
                cm = np.concatenate([ca, cb]).mean()
                aa, ab = la - theta * (ca - cm), lb - theta * (cb - cm)
                ea, eb = ra + aa.mean(), rb + ab.mean()
                sa, sb = aa.var(ddof=1) / len(aa), ab.var(ddof=1) / len(ab)
                r["cuped"] = dict(theta=float(theta), p=float(2 * stats.norm.sf(abs(eb - ea) / np.sqrt(sa + sb))), reduction=float(1 - (sa + sb) / (la.var(ddof=1) / len(la) + lb.var(ddof=1) / len(lb))))
        elif m["type"] == "binomial":
            sa, sb = ya.sum(), yb.sum()
            z, p = proportions_ztest([sb, sa], [len(yb), len(ya)])
            lo, hi = confint_proportions_2indep(sb, len(yb), sa, len(ya), method="wald", compare="diff", alpha=alpha)
            r.update(rate=[ya.mean(), yb.mean()], p=float(p), lo=float(lo), hi=float(hi))
        else:
            t = stats.ttest_ind(yb, ya, equal_var=False)
            ci = t.confidence_interval(confidence_level=1 - alpha)
            se = np.sqrt(ya.var(ddof=1) / len(ya) + yb.var(ddof=1) / len(yb))
            r.update(rate=[ya.mean(), yb.mean()], p=float(t.pvalue), lo=float(ci.low), hi=float(ci.high), chance=float(stats.norm.cdf((yb.mean() - ya.mean()) / se)))
            if c is not None:
                ca, cb = c[sel[arm_a]].to_numpy(), c[sel[arm_b]].to_numpy()
                theta = sm.OLS(np.concatenate([ya, yb]), sm.add_constant(np.concatenate([ca, cb]))).fit().params[1]
                cm = np.concatenate([ca, cb]).mean()
                aa, ab = ya - theta * (ca - cm), yb - theta * (cb - cm)
                tc = stats.ttest_ind(ab, aa, equal_var=False)
                r["cuped"] = dict(theta=float(theta), p=float(tc.pvalue), reduction=float(1 - (aa.var(ddof=1) / len(aa) + ab.var(ddof=1) / len(ab)) / (se**2)))
        r["rate"] = [float(v) for v in r["rate"]]
        out["metrics"][m["name"]] = r
    json.dump(out, sys.stdout)


main()
