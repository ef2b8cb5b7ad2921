"""Trains LightGBM (the venv's) on the features abt exported, the way a team would on a cluster.

Reads <export>/features_{train,valid,test}.parquet (pyarrow), trains a binary booster on the feature
columns (everything after userId, itemId, label), saves <dir>/model.txt and writes its test predictions
to <dir>/lightgbm_test.json. Run: python lightgbm_external.py <export dir> <work dir>
"""
import json
import sys

import lightgbm as lgb
import pandas as pd

export, work = sys.argv[1], sys.argv[2]
train = pd.read_parquet(f"{export}/features_train.parquet")
valid = pd.read_parquet(f"{export}/features_valid.parquet")
test = pd.read_parquet(f"{export}/features_test.parquet")
features = [c for c in train.columns if c not in ("userId", "itemId", "label")]
params = {"objective": "binary", "num_leaves": 15, "learning_rate": 0.1, "min_data_in_leaf": 20, "verbose": -1, "seed": 7, "deterministic": True, "num_threads": 1}
booster = lgb.train(params, lgb.Dataset(train[features], label=train["label"]), num_boost_round=40, valid_sets=[lgb.Dataset(valid[features], label=valid["label"])])
booster.save_model(f"{work}/model.txt")
pred = booster.predict(test[features])
json.dump({"features": features, "pred": [float(p) for p in pred], "userId": test["userId"].tolist(), "itemId": test["itemId"].tolist()}, open(f"{work}/lightgbm_test.json", "w"))
print(json.dumps({"trees": booster.num_trees(), "n_test": len(pred)}))
