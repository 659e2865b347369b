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
times, cpu = [], []
for _ in range(3):
    t, c = time.perf_counter(), time.process_time()
    model = xgb.XGBRegressor(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method="hist", n_jobs=2, random_state=0)
    model.fit(X[~test], y[~test])
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
pred = model.predict(X[test])
rows = X[test][:200_000]
predict_times, predict_cpu = [], []
for _ in range(5):
    t, c = time.perf_counter(), time.process_time()
    model.predict(rows)
    predict_times.append(time.perf_counter() - t)
    predict_cpu.append(time.process_time() - c)
print(json.dumps({"xgboost": xgb.__version__, "fit_s": sorted(times)[1], "fit_runs_s": times, "fit_cpu_s": sorted(cpu)[1],
                  "predict_200k_s": sorted(predict_times)[2], "predict_200k_cpu_s": sorted(predict_cpu)[2],
                  "train_rows": int((~test).sum()), "test_rmse": float(np.sqrt(np.mean((pred - y[test]) ** 2)))}))
