#!/usr/bin/env python3
"""Writes the NumPy-made fixtures for blockwork-ndarray's FFT and complex128 tests (FftFixtureTest).

Usage:
    python3 make_fft_fixtures.py        # (re)writes ../resources/fixtures/fft_*.npy

Inputs are seeded and saved beside the outputs, so the Java tests read both; tests must not need Python.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")


def save(name, arr):
    np.save(os.path.join(OUT, "fft_" + name + ".npy"), np.ascontiguousarray(arr))


def main():
    rng = np.random.default_rng(20261201)
    c = rng.standard_normal((6, 10)) + 1j * rng.standard_normal((6, 10))
    r = rng.standard_normal((7, 12))
    c3 = rng.standard_normal((3, 5, 8)) + 1j * rng.standard_normal((3, 5, 8))
    save("in_c", c)
    save("in_r", r)
    save("in_c3", c3)
    save("fft_c_axis1", np.fft.fft(c))
    save("fft_c_axis0", np.fft.fft(c, axis=0))
    save("fft_c_n7", np.fft.fft(c, n=7))
    save("fft_c_n16_ortho", np.fft.fft(c, n=16, norm="ortho"))
    save("ifft_c_axis0_forward", np.fft.ifft(c, axis=0, norm="forward"))
    save("ifft_c", np.fft.ifft(c))
    save("fft_r", np.fft.fft(r))
    save("rfft_r", np.fft.rfft(r))
    save("rfft_r_axis0_n9", np.fft.rfft(r, n=9, axis=0))
    save("irfft_c", np.fft.irfft(c))
    save("irfft_c_n11", np.fft.irfft(c, n=11))
    save("irfft_c_n25_axis0", np.fft.irfft(c, n=25, axis=0))
    save("fft2_c", np.fft.fft2(c))
    save("ifft2_c", np.fft.ifft2(c))
    save("fftn_c3", np.fft.fftn(c3))
    save("fftn_c3_s", np.fft.fftn(c3, s=(4, 6), axes=(0, 2)))
    save("ifftn_c3", np.fft.ifftn(c3))
    save("rfftn_r", np.fft.rfftn(r))
    save("irfftn_c3", np.fft.irfftn(c3))
    save("rfft2_r", np.fft.rfft2(r))
    save("fftfreq_8", np.fft.fftfreq(8, 0.1))
    save("fftfreq_9", np.fft.fftfreq(9))
    save("rfftfreq_9", np.fft.rfftfreq(9, 0.5))
    save("fftshift_r", np.fft.fftshift(r))
    save("ifftshift_r", np.fft.ifftshift(r))
    save("fftshift_c3_axis1", np.fft.fftshift(c3, axes=1))
    # complex arithmetic with broadcasting against real operands
    x = c[:, :4]
    y = rng.standard_normal(4) + 1j * rng.standard_normal(4)
    save("cx", x)
    save("cy", y)
    save("cx_mul_cy", x * y)
    save("cx_div_cy", x / y)
    save("cx_add_r", x + r[:6, :4])
    save("cx_abs", np.abs(x))
    save("cx_angle", np.angle(x))


if __name__ == "__main__":
    main()
