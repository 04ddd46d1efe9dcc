"""Reads the arrays ZarrOracleExportTest writes (blockwork-array/target/zarr-ours/v2) with zarr-python 2 and checks
every value against the formulas of make_v2.py. Run from this directory:
    python3 check_ours_v2.py ../../../../target/zarr-ours/v2"""
import os
import sys

sys.path.append('/usr/lib/python3/dist-packages')
sys.modules['zfpy'] = None
import numpy as np  # noqa: E402
import zarr  # noqa: E402
from make_v2 import values  # noqa: E402  (importing runs nothing: make_v2 writes only under __main__)

root = sys.argv[1]
g = zarr.open_group(root, mode='r')
n = 0
for name in sorted(os.listdir(root)):
    if name.startswith('.'):
        continue
    a = g[name]
    dt = name.split('_')[0]
    want = values(dt, (7, 5))
    got = a[...]
    assert got.dtype == want.dtype, (name, got.dtype, want.dtype)
    assert np.array_equal(got, want), (name, got, want)
    assert a.order == name[-1], (name, a.order)
    n += 1
print(f'zarr-python {zarr.__version__} read {n} Blockwork v2 arrays exactly')
