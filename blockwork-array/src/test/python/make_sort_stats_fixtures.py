#!/usr/bin/env python3
"""Writes the NumPy-made fixtures for blockwork-array's sorting, sets and statistics tests (SortStatsFixtureTest).

Usage:
    python3 make_sort_stats_fixtures.py    # (re)writes ../resources/fixtures/ss_*.npy

Inputs are seeded and saved beside the outputs (ss_in_*), so the Java tests read both; tests must not need Python.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")


def save(name, arr):
    a = np.asarray(arr)
    np.save(os.path.join(OUT, "ss_" + name + ".npy"), a if a.ndim == 0 else np.ascontiguousarray(a))


def main():
    rng = np.random.default_rng(15)
    f = np.round(rng.standard_normal((9, 11)) * 4) / 2   # ties
    f[2, 3] = np.nan
    f[7, 0] = np.nan
    i = rng.integers(-20, 20, (9, 11)).astype(np.int64)
    t = np.round(rng.standard_normal((9, 11)) * 4) / 2   # ties, no NaN (topk oracle)
    u = rng.integers(0, 30, 500).astype(np.int64)
    w = rng.random(500)
    v3 = rng.standard_normal((4, 5, 6))
    x2 = rng.standard_normal(300)
    y2 = rng.standard_normal(300)
    w2 = rng.random(300)
    for k, a in {"f": f, "i": i, "t": t, "u": u, "w": w, "v3": v3, "x2": x2, "y2": y2, "w2": w2}.items():
        save("in_" + k, a)
    # sorting
    save("sort_f_0", np.sort(f, axis=0))
    save("sort_f_1", np.sort(f, axis=1))
    save("argsort_f_0", np.argsort(f, axis=0, kind="stable"))
    save("argsort_i_1", np.argsort(i, axis=1, kind="stable"))
    save("sort_i_0", np.sort(i, axis=0))
    # topk oracle: largest first, ties by position (stable sort of -t); smallest first for k < 0
    save("topk_t_3_1", -np.sort(-t, axis=1, kind="stable")[:, :3])
    save("argtopk_t_3_1", np.argsort(-t, axis=1, kind="stable")[:, :3])
    save("topk_t_-4_0", np.sort(t, axis=0, kind="stable")[:4, :])
    save("argtopk_t_-4_0", np.argsort(t, axis=0, kind="stable")[:4, :])
    # sets
    vals, inv, cnt = np.unique(f, return_inverse=True, return_counts=True)
    save("unique_f", vals)
    save("unique_f_counts", cnt)
    vals, inv, cnt = np.unique(i, return_inverse=True, return_counts=True)
    save("unique_i", vals)
    save("unique_i_counts", cnt)
    save("unique_i_inverse", inv.reshape(i.shape))
    save("isin_i", np.isin(i, [-3, 0, 5, 19]))
    bins = np.array([-10.0, -2.5, 0.0, 0.0, 3.0, 8.0])
    save("digitize_i", np.digitize(i, bins))
    save("digitize_i_right", np.digitize(i, bins, right=True))
    save("digitize_i_dec", np.digitize(i, bins[::-1]))
    save("digitize_i_dec_right", np.digitize(i, bins[::-1], right=True))
    save("searchsorted_i_left", np.searchsorted(np.sort(u), i, side="left"))
    save("bincount_u", np.bincount(u))
    save("bincount_u_w_40", np.bincount(u, weights=w, minlength=40))
    # histograms
    save("hist_x2_10", np.histogram(x2, bins=10)[0])
    save("hist_x2_10_edges", np.histogram(x2, bins=10)[1])
    save("hist_x2_7_range_w_density", np.histogram(x2, bins=7, range=(-1, 2), weights=w2, density=True)[0])
    edges = np.array([-3.0, -1.0, -0.5, 0.0, 0.25, 2.0, 3.5])
    save("hist_x2_edges", np.histogram(x2, bins=edges)[0])
    save("hist_x2_edges_density", np.histogram(x2, bins=edges, density=True)[0])
    ex, ey = np.array([-2.0, -1.0, 0.0, 0.5, 2.0]), np.array([-3.0, 0.0, 1.0, 3.0])
    save("hist2d", np.histogram2d(x2, y2, bins=[ex, ey])[0].astype(np.int64))
    save("hist2d_w_density", np.histogram2d(x2, y2, bins=[ex, ey], weights=w2, density=True)[0])
    save("histdd", np.histogramdd(np.stack([x2, y2, w2], -1), bins=[ex, ey, np.array([0.0, 0.3, 1.0])])[0].astype(np.int64))
    # quantiles
    for m in ["linear", "lower", "higher", "nearest", "midpoint"]:
        save("pct_v3_30_1_" + m, np.percentile(v3, 30, axis=1, method=m))
        save("pct_v3_50_2_" + m, np.percentile(v3, 50, axis=2, method=m))
    save("nanpct_f_75_0", np.nanpercentile(f, 75, axis=0))
    save("median_v3_02", np.median(v3, axis=(0, 2)))
    save("median_v3_all", np.median(v3))
    save("pct_x2_q", np.percentile(x2, [0, 10, 50, 90, 100]))


if __name__ == "__main__":
    main()
