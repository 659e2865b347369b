#!/usr/bin/env python3
"""XGBoost on exactly the rows ClvML trains and tests on (the harness writes them), for a same-split
RMSE parity check. usage: xgboost_same_split.py FEATURES.csv (columns f0..fk, y, test)."""
import json, sys, time
import numpy as np
import pandas as pd
import xgboost as xgb

df = pd.read_csv(sys.argv[1])
X = df[[c for c in df.columns if c.startswith("f")]].to_numpy(np.float32)
y = df["y"].to_numpy(np.float32)
test = df["test"].to_numpy(bool)
times = []
for _ in range(3):
    t = time.perf_counter()
    model = xgb.XGBRegressor(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method="hist", n_jobs=2, random_state=0)
    model.fit(X[~test], y[~test])
    times.append(time.perf_counter() - t)
pred = model.predict(X[test])
t = time.perf_counter(); model.predict(X[test][:200_000]); predict_s = time.perf_counter() - t
print(json.dumps({"xgboost": xgb.__version__, "fit_s": sorted(times)[1], "fit_runs_s": times, "predict_200k_s": predict_s,
                  "train_rows": int((~test).sum()), "test_rmse": float(np.sqrt(np.mean((pred - y[test]) ** 2)))}))
