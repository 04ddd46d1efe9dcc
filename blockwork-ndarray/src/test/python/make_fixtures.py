#!/usr/bin/env python3
"""Writes the NumPy-made fixtures for blockwork-ndarray's tests.

Usage:
    python3 make_fixtures.py            # (re)writes ../resources/fixtures/*.npy
    python3 make_fixtures.py --verify D # checks that NumPy reads every .npy file Java wrote into D
                                        # (files named <dtype>_<shape>.npy by NpyRoundTripTest when
                                        #  -Dblockwork.npy.exportDir=D is set)

Keep the output small (< 2 MB in total); tests must not need Python.
"""
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")
DTYPES = ["float64", "float32", "int64", "int32", "bool"]


def save(name, arr, **kw):
    path = os.path.join(OUT, name + ".npy")
    if kw:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, np.asarray(arr), **kw)
    else:
        np.save(path, arr)


def promotion():
    idx = {d: i for i, d in enumerate(DTYPES)}
    add = np.zeros((5, 5), np.int32)
    div = np.zeros((5, 5), np.int32)
    for a in DTYPES:
        for b in DTYPES:
            x, y = np.ones(1, a), np.ones(1, b)
            add[idx[a], idx[b]] = idx[str((x * y).dtype)] if a == b == "bool" else idx[str((x + y).dtype)]
            div[idx[a], idx[b]] = idx[str((x / y).dtype)]
    save("promotion_add", add)
    save("promotion_div", div)


def elementwise():
    rng = np.random.default_rng(7)
    special = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 0.0, -0.0, np.nan, np.inf, -np.inf, 1e300, -1e-300,
                        2.4999999999999996, 4.5])
    x = np.concatenate([special, rng.normal(0, 3, 48)])
    y = np.concatenate([rng.normal(0, 2, 16), [np.nan], rng.normal(0, 3, 47)])
    save("ew_x", x)
    save("ew_y", y)
    with np.errstate(all="ignore"):
        ops = {
            "add": x + y, "sub": x - y, "mul": x * y, "div": x / y, "pow": np.abs(x) ** y,
            "minimum": np.minimum(x, y), "maximum": np.maximum(x, y),
            "sqrt": np.sqrt(x), "exp": np.exp(x), "log": np.log(x), "sin": np.sin(x), "cos": np.cos(x),
            "tanh": np.tanh(x), "floor": np.floor(x), "ceil": np.ceil(x), "round": np.round(x), "abs": np.abs(x),
            "negative": -x, "lt": x < y, "le": x <= y, "gt": x > y, "ge": x >= y, "eq": x == y, "ne": x != y,
            "where": np.where(x > y, x, y), "fused": (x + x * 2) / (1 + np.abs(y)) - np.sqrt(np.abs(x)),
        }
    for k, v in ops.items():
        save("ew_" + k, v)
    # mixed dtypes: operands and NumPy's results (dtype included)
    a32 = rng.integers(-50, 50, 20).astype(np.int32)
    b32 = (rng.integers(1, 9, 20) * np.where(rng.random(20) < .5, -1, 1)).astype(np.int32)
    f32 = rng.normal(0, 10, 20).astype(np.float32)
    g32 = rng.normal(0, 10, 20).astype(np.float32)
    i64 = rng.integers(-10**12, 10**12, 20)
    bo = rng.random(20) < .5
    save("mx_i32a", a32); save("mx_i32b", b32); save("mx_f32a", f32); save("mx_f32b", g32)
    save("mx_i64", i64); save("mx_bool", bo)
    save("mx_i32_add_f32", a32 + f32)
    save("mx_i64_add_f32", i64 + f32)
    save("mx_bool_add_i32", bo + a32)
    save("mx_i32_div_i32", a32 / b32)
    save("mx_f32_mul_f32", f32 * g32)
    save("mx_f32_div_f32", f32 / g32)
    save("mx_f32_sqrt", np.sqrt(np.abs(f32)))
    save("mx_f32_add_pyfloat", f32 + 0.1)
    save("mx_i32_mul_pyint", a32 * 3)
    save("mx_i32_mul_pyfloat", a32 * 0.5)
    save("mx_i32_pow_i32", a32 ** np.abs(b32))
    save("mx_i32_max_i32", np.maximum(a32, b32))
    save("mx_bool_and_bool", bo & bo[::-1])
    save("mx_i32_xor_i32", a32 ^ b32)


def reductions():
    rng = np.random.default_rng(11)
    r = rng.normal(5, 2, (4, 5, 6))
    save("red_x", r)
    rn = r.copy()
    rn[1, 2, 3] = np.nan
    save("red_xnan", rn)
    ri = rng.integers(-1000, 1000, (4, 5, 6)).astype(np.int32)
    save("red_i32", ri)
    for axes, tag in [(None, "all"), (0, "a0"), (1, "a1"), (2, "a2"), ((0, 2), "a02")]:
        save(f"red_sum_{tag}", r.sum(axis=axes))
        save(f"red_mean_{tag}", r.mean(axis=axes))
        save(f"red_var0_{tag}", r.var(axis=axes))
        save(f"red_std1_{tag}", r.std(axis=axes, ddof=1))
        save(f"red_min_{tag}", r.min(axis=axes))
        save(f"red_max_{tag}", r.max(axis=axes))
        save(f"red_prod_{tag}", (r / 5).prod(axis=axes))
        save(f"red_nanmax_{tag}", rn.max(axis=axes))
        save(f"red_i32sum_{tag}", ri.sum(axis=axes))
        save(f"red_i32mean_{tag}", ri.mean(axis=axes))
    for ax in (0, 1, 2):
        save(f"red_argmin_a{ax}", r.argmin(axis=ax))
        save(f"red_argmax_a{ax}", rn.argmax(axis=ax))
    save("red_argmax_all", np.array(rn.argmax()))


def matmul():
    rng = np.random.default_rng(13)
    a = rng.normal(size=(7, 13)); b = rng.normal(size=(13, 5))
    save("mm_a", a); save("mm_b", b); save("mm_c", a @ b)
    a32 = a.astype(np.float32); b32 = b.astype(np.float32)
    save("mm_c32", a32 @ b32)
    ba = rng.normal(size=(2, 3, 4)); bb = rng.normal(size=(4, 5))
    save("mm_ba", ba); save("mm_bb", bb); save("mm_bc", ba @ bb)
    v = rng.normal(size=4)
    save("mm_v", v); save("mm_bav", ba @ v)


def npy_files():
    base = np.arange(24).reshape(2, 3, 4)
    for d in DTYPES:
        arr = (base % 3 == 0) if d == "bool" else (base * 1.25 - 7).astype(d) if d.startswith("float") else (base * 1000003 - 7).astype(d)
        save(f"io_{d}_c", arr)
        save(f"io_{d}_f", np.asfortranarray(arr))
    save("io_0d", np.array(3.25))
    save("io_0d_i32", np.array(-7, np.int32))
    save("io_empty", np.zeros((0, 3)))
    save("io_1d", np.arange(5.0))
    save("io_v2", np.arange(6.0).reshape(2, 3), version=(2, 0))
    save("io_v3", np.arange(6, dtype=np.int32).reshape(3, 2), version=(3, 0))
    save("io_be_f8", np.arange(6.0).reshape(2, 3).astype(">f8"))
    save("io_be_i4", np.arange(6).reshape(3, 2).astype(">i4"))
    save("io_be_i8_f", np.asfortranarray(np.arange(6).reshape(3, 2).astype(">i8")))


def verify(directory):
    n = 0
    for name in sorted(os.listdir(directory)):
        if name.endswith(".npy"):
            arr = np.load(os.path.join(directory, name))
            print(name, arr.dtype, arr.shape)
            n += 1
    print(f"NumPy read {n} files written by Java")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
    else:
        os.makedirs(OUT, exist_ok=True)
        promotion(); elementwise(); reductions(); matmul(); npy_files()
        total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
        print(f"wrote {len(os.listdir(OUT))} fixtures, {total} bytes, into {os.path.normpath(OUT)}")
