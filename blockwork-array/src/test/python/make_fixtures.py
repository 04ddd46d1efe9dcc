#!/usr/bin/env python3
"""Writes the NumPy oracle fixtures for blockwork-array's NumpyFixtureTest.

Run from the repository root:  python3 blockwork-array/src/test/python/make_fixtures.py
Inputs are small seeded arrays (in_*.npy); every expected result is NumPy's own answer (out_*.npy), with
NumPy's dtype, so the Java tests check values AND type promotion. Tests read the committed files; they never
run Python. Regenerate only when a case is added (NumPy 2.x).
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261125)


def save(name, arr):
    np.save(os.path.join(OUT, name + ".npy"), np.array(arr, order="C"))


# inputs
a = rng.normal(size=(7, 11))                                # float64
a[1, 3] = 0.5; a[2, 4] = -1.5; a[4, 4] = 2.5                 # round-half-even cases
b = rng.normal(size=(11,)).astype(np.float32)              # float32, broadcasts along rows
c = rng.integers(-5, 6, size=(7, 1)).astype(np.int32)       # int32 column
d = rng.integers(-100, 100, size=(7, 11)).astype(np.int64)  # int64
m = rng.random(size=(7, 11)) < 0.5                          # bool
x3 = rng.normal(size=(4, 5, 6))                             # 3-d
y3 = rng.normal(size=(6, 5, 3))
p = np.abs(rng.normal(size=(7, 11))) + 0.1
q4 = rng.normal(size=(2, 1, 3, 4))                          # batched matmul operands (batch axes broadcast)
r4 = rng.integers(-3, 4, size=(5, 4, 2)).astype(np.int32)
for k, v in dict(a=a, b=b, c=c, d=d, m=m, x3=x3, y3=y3, p=p, q4=q4, r4=r4).items():
    save("in_" + k, v)

cases = {
    # element-wise with broadcasting and promotion
    "add_a_b": a + b,
    "mul_b_2": b * 2.0,
    "add_c_d": c + d,
    "mul_c_b": c * b,
    "div_c_d": c / np.where(d == 0, 1, d),
    "sub_d_c": d - c,
    "pow_p_2": p ** 2,
    "pow_p_b": p ** b,
    "neg_a": -a,
    "abs_d": np.abs(d),
    "sqrt_p": np.sqrt(p),
    "exp_a": np.exp(a),
    "log_p": np.log(p),
    "sin_a": np.sin(a),
    "cos_b": np.cos(b),
    "tanh_a": np.tanh(a),
    "floor_a": np.floor(a),
    "ceil_b": np.ceil(b),
    "round_a": np.round(a),
    "minimum_a_b": np.minimum(a, b),
    "maximum_c_d": np.maximum(c, d),
    "lt_a_b": a < b,
    "ge_d_c": d >= c,
    "eq_c_0": c == 0,
    "and_m_apos": m & (a > 0),
    "or_m_apos": m | (a > 0),
    "not_m": ~m,
    "where_m_a_c": np.where(m, a, c),
    "chain": (a + a * 2) / (p + 1) - np.sin(a),
    "astype_a_i32": a.astype(np.int32),
    # reductions
    "sum_a_0": a.sum(0), "sum_a_1": a.sum(1), "sum_a": a.sum(), "sum_d_0": d.sum(0), "sum_m": m.sum(),
    "prod_c": c.prod(), "mean_a_0": a.mean(0), "mean_b": b.mean(), "mean_c": c.mean(), "var_a_1": a.var(1),
    "std_a": a.std(), "var_a_ddof1": a.var(ddof=1), "std_x3_02": x3.std(axis=(0, 2)), "min_a_0": a.min(0), "max_d_1": d.max(1),
    "argmin_a_0": a.argmin(0), "argmax_a": a.argmax(), "argmax_x3_1": x3.argmax(1), "any_m_0": m.any(0), "all_m_1": m.all(1),
    "sum_x3_keep": x3.sum(axis=(0, 2), keepdims=True),
    "var_b": b.var(), "std_b_ddof1": b.std(ddof=1), "mean_c_0": c.mean(0), "sum_c_0": c.sum(0), "min_c": c.min(),
    "argmin_d_1": d.argmin(1), "argmax_b": b.argmax(), "prod_m_0": m.prod(0), "max_m_1": m.max(1), "mean_m": m.mean(),
    # indexing
    "slice_a": a[2:6:2, ::-3], "index_a_3": a[3], "newaxis_a": a[:, None, 4], "take_a": a[::-1][:, [1, 5, 2, -1]],
    "mask_a": a[:, m[0]], "slice_x3": x3[1:, ::2, -2:],
    # shape
    "transpose_a": a.T, "transpose_x3": x3.transpose(2, 0, 1), "swap_x3": np.swapaxes(x3, 0, 2), "moveaxis_x3": np.moveaxis(x3, 0, -1),
    "reshape_a_77": a.reshape(77), "reshape_a_11_7": a.reshape(11, 7), "reshape_x3": x3.reshape(20, 6),
    "reshape_x3_b": x3.reshape(4, 30), "reshape_x3_c": x3.reshape(2, 2, 30), "concat_a_d": np.concatenate([a, d], 0),
    "stack_a_a": np.stack([a, a], 1), "squeeze_c": np.squeeze(c), "expand_b": np.expand_dims(b, 0),
    # linear algebra
    "matmul_a_at": a @ a.T, "matmul_a_b": a @ b, "matmul_d_dt": d @ d.T, "tensordot_x3_y3": np.tensordot(x3, y3, axes=([1, 2], [1, 0])),
    "dot_b_b": np.dot(b, b),
    "matmul_batched": q4 @ r4, "matmul_x3_b6": x3 @ y3[:, 0, 0].astype(np.float32),
}
# stencils: 3-point mean along both axes of a padded copy, as mapOverlap with depth 1 would compute
for mode, np_mode in [("constant", "constant"), ("reflect", "symmetric"), ("periodic", "wrap")]:
    q = np.pad(a, 1, mode=np_mode)
    cases["overlap_" + mode] = (q[:-2, 1:-1] + q[1:-1, 1:-1] + q[2:, 1:-1] + q[1:-1, :-2] + q[1:-1, 2:]) / 5
for k, v in cases.items():
    save("out_" + k, np.asarray(v))
print("wrote", len(cases), "cases to", os.path.normpath(OUT))
