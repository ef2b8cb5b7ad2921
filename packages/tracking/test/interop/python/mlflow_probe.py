"""Drives the real MLflow against databases abt wrote (and writes one for abt to read).

Usage: python mlflow_probe.py <command> <json-args>; prints one JSON document on stdout.
Commands: read (MlflowClient over abt's DB), search (mlflow.search_runs per filter),
write (Python MLflow writes a DB), schema (a fresh DB's sqlite_master).
"""
import json, math, os, sqlite3, sys, tempfile, warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")


def jnum(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return v


def cmd_read(a):
    from mlflow.tracking import MlflowClient
    c = MlflowClient(tracking_uri=a.get("uri") or f"sqlite:///{a['db']}")
    exp = c.get_experiment_by_name(a["experiment"])
    runs = c.search_runs([exp.experiment_id], max_results=1000)
    out = {"experiment": {"id": exp.experiment_id, "name": exp.name, "artifact_location": exp.artifact_location, "tags": exp.tags},
           "experiments": sorted(e.name for e in c.search_experiments()), "runs": {}}
    for r in runs:
        hist = {k: [[m.step, jnum(m.value), m.timestamp] for m in c.get_metric_history(r.info.run_id, k)] for k in r.data.metrics}
        files = sorted(f.path for f in c.list_artifacts(r.info.run_id))
        dst = os.path.join(a["dst"], r.info.run_id)
        os.makedirs(dst, exist_ok=True)
        downloaded = []
        if files:
            local = c.download_artifacts(r.info.run_id, "", dst)
            for root, _, names in os.walk(local):
                for n in names:
                    downloaded.append(os.path.relpath(os.path.join(root, n), local))
        out["runs"][r.info.run_name] = {
            "run_id": r.info.run_id, "status": r.info.status, "start_time": r.info.start_time, "end_time": r.info.end_time,
            "user_id": r.info.user_id, "artifact_uri": r.info.artifact_uri, "lifecycle_stage": r.info.lifecycle_stage,
            "params": r.data.params, "tags": r.data.tags, "metrics": {k: jnum(v) for k, v in r.data.metrics.items()},
            "history": hist, "artifacts": files, "downloaded": sorted(downloaded),
        }
    if a.get("model_id"):
        m = c.get_logged_model(a["model_id"])
        out["logged_model"] = {"model_id": m.model_id, "name": m.name, "status": str(m.status), "artifact_location": m.artifact_location,
                               "source_run_id": m.source_run_id, "tags": m.tags, "params": m.params}
    print(json.dumps(out))


def cmd_search(a):
    import mlflow
    mlflow.set_tracking_uri(f"sqlite:///{a['db']}")
    res = {}
    for f in a["filters"]:
        df = mlflow.search_runs(experiment_ids=a["experiment_ids"], filter_string=f["filter"], order_by=f.get("order_by"), output_format="list")
        res[f["filter"] + " | " + ",".join(f.get("order_by") or [])] = [r.info.run_id for r in df]
    print(json.dumps(res))


def cmd_write(a):
    import mlflow
    from mlflow.tracking import MlflowClient
    c = MlflowClient(tracking_uri=f"sqlite:///{a['db']}")
    exp_id = c.create_experiment("py_written", artifact_location=a["artifacts"])
    r = c.create_run(exp_id, run_name="py_run", tags={"origin": "python"})
    c.log_param(r.info.run_id, "alpha", "0.5")
    for i in range(5):
        c.log_metric(r.info.run_id, "loss", 1.0 / (i + 1), step=i, timestamp=1_700_000_000_000 + i)
    c.log_metric(r.info.run_id, "nan_metric", float("nan"), step=0, timestamp=1_700_000_000_000)
    c.log_text(r.info.run_id, "from python", "notes/hello.txt")
    c.set_terminated(r.info.run_id, "FINISHED")
    print(json.dumps({"experiment_id": exp_id, "run_id": r.info.run_id}))


def cmd_schema(a):
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore
    d = tempfile.mkdtemp()
    db = os.path.join(d, "fresh.db")
    SqlAlchemyStore(f"sqlite:///{db}", os.path.join(d, "art"))
    con = sqlite3.connect(db)
    rows = con.execute("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%'").fetchall()
    head = con.execute("select version_num from alembic_version").fetchall()
    ws = con.execute("select name, description from workspaces").fetchall()
    print(json.dumps({"objects": rows, "alembic": head, "workspaces": ws}))


if __name__ == "__main__":
    {"read": cmd_read, "search": cmd_search, "write": cmd_write, "schema": cmd_schema}[sys.argv[1]](json.loads(sys.argv[2]))
