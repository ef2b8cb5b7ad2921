# The Python reference for the HTTP benchmark: the same router as bench/server.mjs (GrowthBook v2
# bucketing, 50/50, two stand-in logistic policies over hashed one-hot ids with the same LCG weights),
# as an MLflow "model from code" (no pickle), served by `mlflow models serve`.
import math

import mlflow
import numpy as np
import pandas as pd
from mlflow.pyfunc import PythonModel

DIM = 1 << 16


def weights(seed):
    s = seed & 0xFFFFFFFF
    w = np.empty(DIM)
    for i in range(DIM):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        w[i] = (s / 2**32 - 0.5) * 0.2
    return w


def fnv32a(text):
    h = 0x811C9DC5
    for ch in text:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def gb_hash_v2(seed, value):
    return (fnv32a(str(fnv32a(seed + value))) % 10000) / 10000


class RouterPy(PythonModel):
    def __init__(self):
        self.w = {"A": weights(1), "B": weights(2)}
        self.version = {"A": "1", "B": "2"}

    def _score(self, arm, users, movies):
        w = self.w[arm]
        z = w[(users * 2654435761) & (DIM - 1)] + w[((movies + 7919) * 40503) & (DIM - 1)]
        for g in range(19):
            z = z + np.where((movies >> g) & 1 == 1, w[g], 0.0)
        return 1 / (1 + np.exp(-z))

    def predict(self, context, model_input, params=None):
        users = model_input["userId"].to_numpy(dtype=np.int64)
        movies = model_input["movieId"].to_numpy(dtype=np.int64)
        arms = np.array(["A" if gb_hash_v2("movielens_ctr_ab", str(u)) < 0.5 else "B" for u in users])
        score = np.empty(len(users))
        for arm in ("A", "B"):
            mask = arms == arm
            if mask.any():
                score[mask] = self._score(arm, users[mask], movies[mask])
        return pd.DataFrame({"assigned": arms, "score": score, "model_version": [self.version[a] for a in arms]})


mlflow.models.set_model(RouterPy())
