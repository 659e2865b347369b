#!/usr/bin/env python3
"""scikit-learn KMeans (k=5, n_init=1, k-means++) on exactly the standardized matrix the ClvML harness
fits. usage: kmeans_same_matrix.py MATRIX.csv [REPEAT] [SEEDS]. Prints one JSON object."""
import json, sys, time
import numpy as np
import pandas as pd
from sklearn import __version__ as skv
from sklearn.cluster import KMeans

X = pd.read_csv(sys.argv[1]).to_numpy(np.float64)
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 7
seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 1
times, cpu = [], []
for _ in range(repeat):
    t, c = time.perf_counter(), time.process_time()
    km = KMeans(n_clusters=5, init="k-means++", n_init=1, random_state=0).fit(X)
    times.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
res = {"sklearn": skv, "fit_s": sorted(times)[len(times) // 2], "runs_s": times, "cpu_s": sorted(cpu)[len(cpu) // 2], "n_iter": int(km.n_iter_),
       "inertia": float(km.inertia_), "sizes": sorted(np.bincount(km.labels_).tolist())}
if seeds > 1:
    res["other_seeds"] = [float(KMeans(n_clusters=5, init="k-means++", n_init=1, random_state=s).fit(X).inertia_) for s in range(1, seeds)]
print(json.dumps(res))
