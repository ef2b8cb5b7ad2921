"""pandas doing the analysis's per-unit join and aggregation on the same Parquet files (the reference for
`pnpm bench analyze`): first exposure per unit, units in one arm only, events after it joined per unit, the
metrics per unit (clicks/impressions ratio, purchased, capped revenue, order value; visits before exposure as the
covariate), reduced to the sums per arm. Prints {"seconds", "maxRssMB", "units"} as JSON.
Usage: analysis_pandas.py <exposures.parquet> <events.parquet>
"""
import json
import resource
import sys
import time

import pandas as pd

t0 = time.perf_counter()
exp = pd.read_parquet(sys.argv[1], columns=["userId", "time", "arm"])
ev = pd.read_parquet(sys.argv[2], columns=["userId", "time", "event", "value"])
units = exp.groupby("userId").agg(t0=("time", "min"), arm=("arm", "min"), arm_hi=("arm", "max"))
units = units[units["arm"] == units["arm_hi"]].drop(columns="arm_hi")
ev = ev.join(units, on="userId", how="inner")
post = ev[ev["time"] >= ev["t0"]]
pre = ev[(ev["time"] < ev["t0"]) & (ev["time"] >= ev["t0"] - pd.Timedelta(days=30))]
per = pd.DataFrame(index=units.index)
per["arm"] = units["arm"]
per["clicks"] = post[post["event"] == "click"].groupby("userId").size()
per["impressions"] = post[post["event"] == "impression"].groupby("userId").size()
purchases = post[post["event"] == "purchase"].groupby("userId")["value"]
per["purchases"] = purchases.size()
per["revenue"] = purchases.sum()
per["order_value"] = purchases.mean()
per["visits"] = pre[pre["event"] == "visit"].groupby("userId").size()
per = per.fillna({"clicks": 0, "impressions": 0, "purchases": 0, "revenue": 0, "visits": 0})
per["purchased"] = (per["purchases"] > 0).astype(float)
per["revenue"] = per["revenue"].clip(upper=200)
for col in ["clicks", "impressions", "purchased", "revenue", "visits"]:
    per[col + "_sq"] = per[col] ** 2
per["ci"] = per["clicks"] * per["impressions"]
per["cv"] = per["clicks"] * per["visits"]
per["iv"] = per["impressions"] * per["visits"]
per["rv"] = per["revenue"] * per["visits"]
sums = per.groupby("arm").agg(["count", "sum"])
means = per.dropna(subset=["order_value"]).groupby("arm")["order_value"].agg(["count", "sum", lambda s: (s**2).sum()])
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "units": [int(v) for v in sums[("clicks", "count")].tolist()]}))
