# Saves bench/python/router_model.py as an MLflow pyfunc model directory (model from code).
import sys

import mlflow
import pandas as pd

path, code = sys.argv[1], sys.argv[2]
example = pd.DataFrame({"userId": [196], "movieId": [242]})
mlflow.pyfunc.save_model(path, python_model=code, input_example=example)
print("saved", path)
