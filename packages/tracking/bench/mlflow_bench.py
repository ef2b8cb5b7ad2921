"""Python MLflow doing the same work as bench/run.mjs; prints {"seconds": ...} (work only, no start-up)."""
import json, sys, time, warnings

warnings.filterwarnings("ignore")
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient


def log_points(client, n_points, run_name):
    exp = client.get_experiment_by_name("bench_py_log") or None
    exp_id = exp.experiment_id if exp else client.create_experiment("bench_py_log")
    run = client.create_run(exp_id, run_name=run_name)
    now = int(time.time() * 1000)
    metrics = [Metric(f"m{i % 10}", float(i), now + i, i // 10) for i in range(n_points)]
    t0 = time.perf_counter()
    for i in range(0, n_points, 1000):
        client.log_batch(run.info.run_id, metrics=metrics[i:i + 1000])
    return time.perf_counter() - t0


def search(client, exp_id, flt, repeats):
    times = []
    count = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        runs = client.search_runs([exp_id], filter_string=flt, max_results=1000)
        times.append(time.perf_counter() - t0)
        count = len(runs)
    return sorted(times)[len(times) // 2], count, times


a = json.loads(sys.argv[1])
client = MlflowClient(tracking_uri=a["uri"])
if a["mode"] == "log":
    print(json.dumps({"seconds": log_points(client, a["points"], a["run_name"])}))
else:
    s, n, times = search(client, a["experiment_id"], a["filter"], a["repeats"])
    print(json.dumps({"seconds": s, "count": n, "times": times}))
