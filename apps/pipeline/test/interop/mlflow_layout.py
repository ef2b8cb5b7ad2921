"""Reads abt's pipeline database with the real MLflow (the venv's) and prints what a user would see as JSON.

Generator of the facts mlflow-layout.test.ts asserts on: parent/child runs, dataset inputs, logged-model
outputs, fold metrics as steps, the segments table. Run: python mlflow_layout.py sqlite:///<out>/mlflow.db
"""
import json
import sys

import mlflow
from mlflow import MlflowClient

mlflow.set_tracking_uri(sys.argv[1])
client = MlflowClient()
exp = client.get_experiment_by_name("abtest_movielens")
runs = client.search_runs([exp.experiment_id], max_results=1000)
by_name = {r.info.run_name: r for r in runs}
parents = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
parent_id = parents[0].info.run_id if parents else None


def inputs(run):
    return [
        {"name": d.dataset.name, "digest": d.dataset.digest, "source_type": d.dataset.source_type, "source": json.loads(d.dataset.source), "context": [t.value for t in d.tags if t.key == "mlflow.data.context"], "profile": json.loads(d.dataset.profile or "{}")}
        for d in client.get_run(run.info.run_id).inputs.dataset_inputs
    ]


out = {
    "parents": [r.info.run_name for r in parents],
    "children": sorted(r.info.run_name for r in runs if r.data.tags.get("mlflow.parentRunId") == parent_id),
    "statuses": sorted({r.info.status for r in runs}),
}
for name in ("PolicyA_LogReg", "PolicyB_LightGBM"):
    run = client.get_run(by_name[name].info.run_id)
    models = [client.get_logged_model(o.model_id) for o in run.outputs.model_outputs]
    out[name] = {"inputs": inputs(run), "outputs": [{"name": m.name, "source_run_id": m.source_run_id == run.info.run_id} for m in models], "duration_ms": run.info.end_time - run.info.start_time}
out["Eval_Offline_AB"] = {"inputs": inputs(by_name["Eval_Offline_AB"])}
cv = [r for r in runs if r.info.run_name.startswith("CV_")][0]
out["fold_steps"] = [m.step for m in client.get_metric_history(cv.info.run_id, "A_LogReg_auc_fold")]
out["cv_keys"] = sorted(cv.data.metrics)
seg = by_name["Segment_Analysis"]
table = client.load_table(exp.experiment_id, "segments_table.json", run_ids=[seg.info.run_id])
out["segments_table"] = {"rows": len(table), "columns": list(table.columns), "segments": sorted(set(table["segment"]))}
out["segment_metric_keys"] = sorted(seg.data.metrics)
print(json.dumps(out))
