"""Python side of @abt/registry's interop suite: the real MLflow and LightGBM.

Subcommands (JSON on stdout):
  train OUT_DIR                         tiny LightGBM booster -> OUT_DIR/model.lgb, OUT_DIR/data.json (X, preds)
  load TRACKING_URI MODEL_URI DATA      mlflow.lightgbm.load_model(MODEL_URI).predict(X)
  inspect TRACKING_URI NAME             MlflowClient view of a registered model, its versions and aliases
  write TRACKING_URI NAME ALIAS         MLflow itself logs + registers a LightGBM model with an alias
  versions                              installed versions of the packages the bundles and the suite pin
  load-warnings MODEL_DIR DATA          loads a bundle directory with mlflow.pyfunc and mlflow.lightgbm;
                                        every warning MLflow logs or raises on the way
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")


def train(out_dir):
    import lightgbm as lgb
    import numpy as np

    rng = np.random.default_rng(7)
    X = rng.normal(size=(300, 4))
    y = (X[:, 0] + 0.5 * X[:, 1] - 0.25 * X[:, 2] + rng.normal(scale=0.5, size=300) > 0).astype(int)
    booster = lgb.train(
        {"objective": "binary", "num_leaves": 7, "learning_rate": 0.2, "min_data_in_leaf": 10, "verbose": -1, "seed": 7},
        lgb.Dataset(X, y),
        num_boost_round=5,
    )
    os.makedirs(out_dir, exist_ok=True)
    booster.save_model(os.path.join(out_dir, "model.lgb"))
    Xs = X[:20]
    with open(os.path.join(out_dir, "data.json"), "w") as f:
        json.dump({"X": Xs.tolist(), "preds": booster.predict(Xs).tolist(), "lgb_version": lgb.__version__}, f)
    print(json.dumps({"ok": True}))


def load(tracking_uri, model_uri, data_path):
    import mlflow
    import mlflow.lightgbm
    import numpy as np

    mlflow.set_tracking_uri(tracking_uri)
    with open(data_path) as f:
        data = json.load(f)
    model = mlflow.lightgbm.load_model(model_uri)
    preds = model.predict(np.asarray(data["X"]))
    print(json.dumps({"class": type(model).__module__ + "." + type(model).__name__, "preds": [float(p) for p in preds]}))


def mlmodel(model_dir):
    """What Python MLflow parses out of a bundle directory abt wrote."""
    from mlflow.models import Model

    m = Model.load(model_dir)
    example = m.load_input_example(model_dir)
    print(
        json.dumps(
            {
                "flavors": sorted(m.flavors),
                "run_id": m.run_id,
                "model_id": m.model_id,
                "model_uuid": m.model_uuid,
                "utc_time_created": str(m.utc_time_created),
                "inputs": [{"name": c.name, "type": c.type.name, "required": c.required} for c in m.signature.inputs.inputs],
                "outputs": [{"name": c.name, "type": c.type.name} for c in m.signature.outputs.inputs],
                "example_columns": list(example.columns),
                "example_rows": int(len(example)),
            }
        )
    )


def pyfunc(tracking_uri, model_uri, data_path):
    """mlflow.pyfunc.load_model + predict on a DataFrame: exercises signature enforcement."""
    import mlflow
    import mlflow.pyfunc
    import pandas as pd

    mlflow.set_tracking_uri(tracking_uri)
    with open(data_path) as f:
        data = json.load(f)
    model = mlflow.pyfunc.load_model(model_uri)
    cols = [c.name for c in model.metadata.get_input_schema().inputs]
    preds = model.predict(pd.DataFrame(data["X"], columns=cols))
    print(json.dumps({"preds": [float(p) for p in preds]}))


def inspect(tracking_uri, name):
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
    rm = client.get_registered_model(name)
    versions = client.search_model_versions(f"name = '{name}'")
    out = {
        "name": rm.name,
        "aliases": {k: str(v) for k, v in rm.aliases.items()},
        "tags": rm.tags,
        "versions": sorted(
            (
                {
                    "version": str(v.version),
                    "source": v.source,
                    "run_id": v.run_id,
                    "status": v.status,
                    "current_stage": v.current_stage,
                    # search_model_versions leaves aliases empty; get_model_version fills them.
                    "aliases": list(client.get_model_version(name, v.version).aliases),
                    "tags": v.tags,
                    "download_uri": client.get_model_version_download_uri(name, v.version),
                }
                for v in versions
            ),
            key=lambda v: int(v["version"]),
        ),
    }
    for alias in rm.aliases:
        out.setdefault("by_alias", {})[alias] = str(client.get_model_version_by_alias(name, alias).version)
    print(json.dumps(out))


def write(tracking_uri, name, alias):
    import lightgbm as lgb
    import mlflow
    import mlflow.lightgbm
    import numpy as np
    from mlflow import MlflowClient

    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(100, 3))
    y = (X[:, 0] > 0).astype(int)
    booster = lgb.train({"objective": "binary", "num_leaves": 4, "verbose": -1, "min_data_in_leaf": 5}, lgb.Dataset(X, y), num_boost_round=3)
    mlflow.set_experiment("py_written")
    with mlflow.start_run() as run:
        info = mlflow.lightgbm.log_model(booster, name="model", registered_model_name=name)
    client = MlflowClient()
    client.set_registered_model_alias(name, alias, info.registered_model_version)
    client.set_registered_model_tag(name, "written_by", "python")
    client.set_model_version_tag(name, info.registered_model_version, "k", "v")
    print(json.dumps({"run_id": run.info.run_id, "model_id": info.model_id, "version": str(info.registered_model_version)}))


def versions():
    import platform
    from importlib.metadata import version

    out = {name: version(name) for name in ("mlflow", "lightgbm", "scikit-learn", "scipy")}
    out["python"] = platform.python_version()
    print(json.dumps(out))


def load_warnings(model_dir, data_path):
    """Loads the bundle the way users do and collects what MLflow warns about (log records and warnings)."""
    import logging

    import mlflow.lightgbm
    import mlflow.pyfunc
    import numpy as np
    import pandas as pd

    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(f"{record.name}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    logging.getLogger("mlflow").addHandler(handler)
    with open(data_path) as f:
        data = json.load(f)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = mlflow.pyfunc.load_model(model_dir)
        cols = [c.name for c in model.metadata.get_input_schema().inputs]
        pyfunc_preds = model.predict(pd.DataFrame(data["X"], columns=cols))
        booster = mlflow.lightgbm.load_model(model_dir)
        booster_preds = booster.predict(np.asarray(data["X"]))
    logging.getLogger("mlflow").removeHandler(handler)
    print(
        json.dumps(
            {
                "log_warnings": records,
                "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
                "pyfunc_preds": [float(p) for p in pyfunc_preds],
                "booster_preds": [float(p) for p in booster_preds],
            }
        )
    )


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {
        "train": train, "load": load, "inspect": inspect, "write": write, "mlmodel": mlmodel, "pyfunc": pyfunc,
        "versions": versions, "load-warnings": load_warnings,
    }[cmd](*args)
