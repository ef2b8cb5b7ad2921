"""Loads Policy A through Python MLflow alone (mlflow.pyfunc over the onnx flavor; onnxruntime scores it).

Checks the ONNX graph with onnx.checker, loads models:/movielens_ctr_ab@PolicyA from abt's database and
scores the exported test features; prints the scores and abt's own (scores_test.parquet) as JSON.
Run: python onnx_policy_a.py sqlite:///<out>/mlflow.db <out>/export <out>/models/PolicyA/model.onnx
"""
import json
import sys

import mlflow
import onnx
import pandas as pd

uri, export, onnx_file = sys.argv[1], sys.argv[2], sys.argv[3]
onnx.checker.check_model(onnx.load(onnx_file), full_check=True)
mlflow.set_tracking_uri(uri)
model = mlflow.pyfunc.load_model("models:/movielens_ctr_ab@PolicyA")
test = pd.read_parquet(f"{export}/features_test.parquet")
features = test[[c for c in test.columns if c not in ("userId", "itemId", "label")]].astype("float64")
pred = model.predict(features)
scores = pd.read_parquet(f"{export}/scores_test.parquet")
print(json.dumps({
    "flavors": sorted(model.metadata.flavors),
    "loader": model.metadata.flavors["python_function"]["loader_module"],
    "columns": list(pred.columns),
    "onnx": pred[pred.columns[0]].tolist(),
    "abt": scores["score_PolicyA"].tolist(),
}))
