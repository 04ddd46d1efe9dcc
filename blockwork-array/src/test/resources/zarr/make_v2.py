"""Writes the Zarr v2 fixtures under v2/ with zarr-python 2 (Debian python3-zarr 2.13.6, numcodecs 0.11).

Run from this directory: python3 make_v2.py   (needs: apt-get install python3-zarr)
The values follow one formula per dtype (see values()), which ZarrFixtureTest recomputes; every array has shape
(7, 5) and chunks (3, 2) unless named otherwise, so the last chunk along each axis is a partial (edge) chunk.
"""
import shutil
import sys

sys.path.append('/usr/lib/python3/dist-packages')  # Debian's zarr with the NumPy 2 of the python3 on PATH
sys.modules['zfpy'] = None  # Debian's zfpy is built for NumPy 1 and breaks numcodecs' import otherwise

import numpy as np  # noqa: E402
import zarr  # noqa: E402
from numcodecs import GZip, LZ4, Blosc, Zlib, Zstd  # noqa: E402

DTYPES = {'f8': '<f8', 'f4': '<f4', 'i8': '<i8', 'i4': '<i4', 'b1': '|b1'}
CODECS = {'none': None, 'zlib': Zlib(level=1), 'gzip': GZip(level=1), 'zstd': Zstd(level=1),
          'blosc': Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE), 'lz4': LZ4(acceleration=1)}


def values(dtype, shape):
    k = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    if dtype in ('f8', 'f4'):
        return (k * 1.5 - 7).astype(DTYPES[dtype])
    if dtype == 'i8':
        return k * 3 - 10 + (1 << 40)
    if dtype == 'i4':
        return (k * 3 - 10).astype('<i4')
    return k % 3 == 0


def main():
    shutil.rmtree('v2', ignore_errors=True)
    root = zarr.open_group('v2', mode='w')
    root.attrs['title'] = 'Blockwork Zarr v2 fixtures'
    root.attrs['made_by'] = 'zarr-python ' + zarr.__version__

    for dt in DTYPES:
        for cn, codec in CODECS.items():
            orders = ['C', 'F'] if dt == 'f8' or cn == 'blosc' else ['C']
            for order in orders:
                a = root.create_dataset(f'{dt}_{cn}_{order}', shape=(7, 5), chunks=(3, 2), dtype=DTYPES[dt],
                                        compressor=codec, order=order)
                a[:] = values(dt, (7, 5))

    # a 3-d array with "/" between chunk indices (nested chunk directories)
    a = root.create_dataset('nested_f8', shape=(4, 3, 5), chunks=(2, 2, 2), dtype='<f8', dimension_separator='/')
    a[:] = values('f8', (4, 3, 5))
    # big-endian elements
    a = root.create_dataset('bigendian_i4', shape=(7, 5), chunks=(3, 2), dtype='>i4')
    a[:] = values('i4', (7, 5))
    # fill values: only the first row of chunks is written, the rest read as the fill value
    a = root.create_dataset('fill_nan_f8', shape=(7, 5), chunks=(3, 2), dtype='<f8', fill_value=np.nan)
    a[0:3, :] = values('f8', (7, 5))[0:3, :]
    a = root.create_dataset('fill_int_i4', shape=(7, 5), chunks=(3, 2), dtype='<i4', fill_value=-1)
    a[0:3, :] = values('i4', (7, 5))[0:3, :]
    # attributes, a 0-d array and a 1-d array in a sub-group
    sub = root.create_group('sub')
    sub.attrs['units'] = 'K'
    a = sub.create_dataset('vec_f4', shape=(11,), chunks=(4,), dtype='<f4')
    a[:] = values('f4', (11,))
    a.attrs['long_name'] = 'a vector'
    a.attrs['scale'] = 2.5
    z = sub.create_dataset('scalar_f8', shape=(), chunks=(), dtype='<f8')
    z[()] = 42.5
    zarr.consolidate_metadata('v2')
    print('wrote v2/')


if __name__ == '__main__':
    main()
