#!/usr/bin/env python3
"""Writes the NumPy oracle fixtures for blockwork-array's LinalgFixtureTest (Linalg against np.linalg).

Run from the repository root:  python3 blockwork-array/src/test/python/make_linalg_fixtures.py
Inputs are small seeded matrices (in_*.npy); expected results are NumPy's own answers (out_*.npy). Factors that are
unique only up to signs (Q, R, U, Vt) are stored as absolute values; the tests compare |factor|. Tests read the
committed files and never run Python. NumPy 2.x.
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "fixtures", "linalg")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261201)


def save(name, arr):
    np.save(os.path.join(OUT, name + ".npy"), np.array(arr, order="C", dtype=np.float64 if np.asarray(arr).dtype.kind == "f" else None))


tall = rng.normal(size=(57, 6))          # tall-and-skinny
sq = rng.normal(size=(9, 9)) + 9 * np.eye(9)
spd = sq @ sq.T + np.eye(9)
rhs = rng.normal(size=(9, 3))
b_tall = rng.normal(size=(57, 2))
lowrank = rng.normal(size=(40, 3)) @ rng.normal(size=(3, 30))   # rank 3
x3 = rng.normal(size=(3, 4, 5))
for name, v in [("tall", tall), ("sq", sq), ("spd", spd), ("rhs", rhs), ("b_tall", b_tall), ("lowrank", lowrank), ("x3", x3)]:
    save("in_" + name, v)

q, r = np.linalg.qr(tall)
save("out_qr_absq", np.abs(q))
save("out_qr_absr", np.abs(r))
u, s, vt = np.linalg.svd(tall, full_matrices=False)
save("out_svd_s", s)
save("out_svd_absvt", np.abs(vt))
save("out_svd_wide_s", np.linalg.svd(tall.T, compute_uv=False))
save("out_cholesky", np.linalg.cholesky(spd))
save("out_solve", np.linalg.solve(sq, rhs))
save("out_solve_vec", np.linalg.solve(sq, rhs[:, 0]))
save("out_inv", np.linalg.inv(sq))
save("out_det", np.linalg.det(sq))
x, res, rank, sv = np.linalg.lstsq(tall, b_tall, rcond=None)
save("out_lstsq_x", x)
save("out_lstsq_res", res)
save("out_lstsq_rank", np.array(rank, dtype=np.int64))
save("out_lstsq_s", sv)
x, res, rank, sv = np.linalg.lstsq(lowrank, b_tall[:40, 0], rcond=None)
save("out_lstsq_lowrank_x", x)
save("out_lstsq_lowrank_rank", np.array(rank, dtype=np.int64))
save("out_svd_lowrank_s", np.linalg.svd(lowrank, compute_uv=False)[:3])
# solve_triangular (scipy's) through NumPy: solve with the triangle
low = np.tril(sq)
save("out_solve_lower", np.linalg.solve(low, rhs))
save("out_solve_upper", np.linalg.solve(np.triu(sq), rhs))
for o, tag in [(None, "none"), ("fro", "fro"), ("nuc", "nuc"), (1, "1"), (-1, "m1"), (2, "2"), (-2, "m2"), (np.inf, "inf"), (-np.inf, "minf")]:
    save("out_norm_tall_" + tag, np.linalg.norm(tall, o))
    save("out_norm_x3_" + tag + "_ax20", np.linalg.norm(x3, o, axis=(2, 0)))
for o, tag in [(None, "none"), (1, "1"), (0, "0"), (np.inf, "inf"), (-np.inf, "minf"), (3.5, "3.5")]:
    save("out_vnorm_tall_" + tag + "_ax0", np.linalg.norm(tall, o, axis=0))
save("out_norm_x3_keep", np.linalg.norm(x3, "nuc", axis=(0, 1), keepdims=True))
save("out_norm_x3_all", np.linalg.norm(x3))
