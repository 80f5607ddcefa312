"""Reference clusterings for the quality benchmark: scikit-learn KMeans (n_init=10) and Ward at the true k on
z-scored columns, run with Debian's /usr/bin/python3 (python3-sklearn).

usage: /usr/bin/python3 bench/real/sklearn_ref.py DATA.csv DATA.types K MATRIX_OUT.csv
Preparation, as a new user would do it: numeric and 0/1 columns imputed by the median, categorical columns by the
most frequent level then one-hot encoded; every column z-scored (StandardScaler). The prepared matrix is written to
MATRIX_OUT.csv (no header) for ConsensusClusterPlus. Prints one JSON line: labels and wall / CPU seconds per method.
"""
import csv
import json
import sys
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.preprocessing import StandardScaler


def prepared(data_path, types_path):
    types = dict(line.strip().split(",") for line in open(types_path) if line.strip())
    with open(data_path, newline="") as f:
        rows = list(csv.DictReader(f))
    blocks = []
    for col, kind in types.items():
        raw = [r[col] for r in rows]
        if kind == "categorical":
            present = [v for v in raw if v != ""]
            levels = sorted(set(present))
            mode = max(levels, key=present.count)
            filled = [v if v != "" else mode for v in raw]
            blocks += [[1.0 if v == level else 0.0 for v in filled] for level in levels]
        else:
            values = np.array([float(v) if v not in ("", "NA") else np.nan for v in raw])
            values[np.isnan(values)] = np.nanmedian(values)
            blocks.append(values.tolist())
    x = np.array(blocks, dtype=float).T
    x = x[:, x.std(axis=0) > 0]
    return StandardScaler().fit_transform(x)


def timed(fit):
    w0, c0 = time.perf_counter(), time.process_time()
    labels = fit()
    return {"labels": [int(v) for v in labels], "wall": time.perf_counter() - w0, "cpu": time.process_time() - c0}


def main():
    data_path, types_path, k, matrix_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    x = prepared(data_path, types_path)
    np.savetxt(matrix_out, x, delimiter=",", fmt="%.10g")
    out = {
        "kmeans": timed(lambda: KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)),
        "ward": timed(lambda: AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(x)),
    }
    print(json.dumps(out))


main()
