#!/usr/bin/env python3
"""Prints the dask.array coverage table of docs/array.md.

NAMES is dask.array.__all__ (dask/dask, dask/array/__init__.py at commit 0013e4f9); STATUS maps each name to
(status, Java name, note). Status: present | partial | absent | n/a (Python-only, nothing to port).
Run: python3 docs/tools/dask_array_coverage.py > /tmp/table.md, then paste it under "Coverage of dask.array".
"""

NAMES = """bool complex64 complex128 e euler_gamma float32 float64 inf int8 int16 int32 int64 nan newaxis pi uint8 uint16
uint32 uint64 backends fft lib linalg ma overlap random array_expr_enabled shuffle atop blockwise register_chunk_type
Array PerformanceWarning asanyarray asarray block broadcast_arrays broadcast_to concatenate from_array from_delayed
from_npy_stack from_zarr map_blocks stack store to_hdf5 to_npy_stack to_zarr unify_chunks arange diag diagonal
empty_like eye fromfunction full_like indices linspace meshgrid ones_like pad repeat tile tri zeros_like apply_gufunc
as_gufunc gufunc moveaxis rollaxis optimize map_overlap push nanpercentile percentile rechunk all any argmax argmin
argtopk cumprod cumsum max mean median min moment nanargmax nanargmin nancumprod nancumsum nanmax nanmean nanmedian
nanmin nanprod nanquantile nanstd nansum nanvar prod quantile reduction std sum topk trace var reshape
reshape_blockwise allclose append apply_along_axis apply_over_axes argwhere around array atleast_1d atleast_2d
atleast_3d average bincount choose coarsen compress corrcoef count_nonzero cov delete diff digitize dot dstack ediff1d
einsum expand_dims extract flatnonzero flip fliplr flipud gradient histogram histogram2d histogramdd hstack insert
isclose isin isnull matmul ndim nonzero notnull outer piecewise ptp ravel ravel_multi_index result_type roll rot90
round searchsorted select shape squeeze swapaxes take tensordot transpose tril tril_indices tril_indices_from triu
triu_indices triu_indices_from union1d unique unravel_index vdot vstack where from_tiledb to_tiledb abs absolute add
angle arccos arccosh arcsin arcsinh arctan arctan2 arctanh bitwise_and bitwise_not bitwise_or bitwise_xor cbrt ceil
clip conj copysign cos cosh deg2rad degrees divide divmod equal exp exp2 expm1 fabs fix float_power floor floor_divide
fmax fmin fmod frexp frompyfunc greater greater_equal hypot i0 imag invert iscomplex isfinite isinf isnan isneginf
isposinf isreal ldexp left_shift less less_equal log log1p log2 log10 logaddexp logaddexp2 logical_and logical_not
logical_or logical_xor maximum minimum mod modf multiply nan_to_num negative nextafter not_equal positive power
rad2deg radians real reciprocal remainder right_shift rint sign signbit sin sinc sinh spacing sqrt square subtract
tan tanh true_divide trunc assert_eq empty full ones zeros compute""".split()

P, Q, A, N = "present", "partial", "absent", "n/a"
S = {}
def put(names, status, java="", note=""):
    for n in names.split():
        S[n] = (status, java or n, note)

put("bool float32 float64 int32 int64", P, "DType.BOOL/FLOAT32/FLOAT64/INT32/INT64")
put("complex64 complex128 int8 int16 uint8 uint16 uint32 uint64", A, "-", "dtype not in Blockwork yet (bool ** bool gives int32 where NumPy gives int8)")
put("e euler_gamma inf nan pi", N, "Math.E, Math.PI, Double.NaN, ...", "Java constants")
put("newaxis", P, "Index.newAxis()")
put("backends lib register_chunk_type PerformanceWarning array_expr_enabled optimize", N, "-", "Dask internals (fusion is automatic here)")
put("fft", A, "-", "part 3 of the plan")
put("ma", A, "-", "masked arrays")
put("linalg", Q, "Linalg", "solve/inv/det/cholesky/qr/svd/lstsq of one-block matrices; norm on DArray")
put("overlap", Q, "DArray.mapOverlap", "map_overlap only")
put("random", Q, "DRandom", "uniform/normal/integers/poisson/gamma/beta/binomial/... counter-based, not NumPy's streams")
put("push", P, "push(limit, axis)", "forward fill through the cumulative scan layers")
put("from_delayed", P, "DArray.fromDelayed(value, shape, dtype), DArray.fromBlocks(shape, chunks, dtype, reader)", "a BlockReader per block for per-file readers")
put("reshape_blockwise", P, "reshapeBlockwise(shape, chunks)")
put("from_zarr", P, "DArray.fromZarr(path) / fromZarr(group, name), Zarr.read(path, chunks)", "v2 and v3, local files; see docs/storage.md")
put("to_zarr", P, "toZarr(path, ZarrWriteOptions)", "v2 and v3, region writes, one task per chunk; see docs/storage.md")
put("to_hdf5 from_tiledb to_tiledb", A, "-")
put("from_npy_stack to_npy_stack", Q, "DArray.fromNpyStack / toNpyStack", "plain .npy files, but a text info file (not Dask's pickle)")
put("store", P, "store(BlockSink sink, options), store(NDArray target, options)", "any user sink, one call per block as it is computed")
put("atop blockwise", Q, "DArray.blockwise", "concatenate=True semantics; no new_axes/adjust_chunks")
put("Array", P, "DArray")
put("asanyarray asarray array from_array", P, "DArray.fromArray")
put("block", Q, "DArray.block(rows)", "two nesting levels")
put("broadcast_arrays", P, "DArray.broadcastArrays")
put("broadcast_to", P, "broadcastTo")
put("concatenate stack", P, "DArray.concatenate / DArray.stack")
put("map_blocks", P, "mapBlocks, DArray.mapBlocks(f, arrays, dtype)")
put("unify_chunks", P, "DArray.unifyChunks")
put("arange linspace eye tri diag diagonal repeat tile indices", P, "same names (camelCase)")
put("pad", Q, "pad(widths, PadMode | value)", "constant/edge/reflect/symmetric/wrap; no linear_ramp/maximum/mean/median/minimum")
put("meshgrid", Q, "DArray.meshgrid(list, indexing)", "no sparse")
put("empty_like full_like ones_like zeros_like", Q, "DArray.emptyLike/fullLike/onesLike/zerosLike", "no dtype/shape/chunks overrides")
put("fromfunction", P, "DArray.fromFunction")
put("apply_gufunc", Q, "DArray.applyGufunc(f, signature, arrays, dtype)", "one output; loop dims must agree (no broadcasting); core dims rechunked whole")
put("as_gufunc gufunc", N, "-", "Python decorators around apply_gufunc")
put("frompyfunc", Q, "map(ElementFunction, dtype)", "one input, one output, values as doubles")
put("moveaxis", P, "moveAxis"); put("rollaxis", P, "rollAxis"); put("swapaxes", P, "swapAxes")
put("map_overlap", Q, "mapOverlap(f, depth, boundary)", "one array; small blocks merged first")
put("nanpercentile percentile quantile nanquantile median nanmedian", P, "same names (q, axis)", "along one axis")
put("rechunk", P, "rechunk", "auto rounds to previous chunks; one-stage plan")
put("all any argmax argmin cumprod cumsum max mean min prod std sum var nanargmax nanargmin nancumprod nancumsum nanmax nanmean nanmin nanprod nanstd nansum nanvar", P, "same names")
put("argtopk topk", P, "argtopk / topk (k, axis)")
put("moment", P, "moment(order, axes)")
put("reduction", Q, "reduction(chunk, combine, aggregate, axes, keepDims, dtype)", "no concatenate/output_size options")
put("shuffle", P, "shuffle(indexer, axis)", "one block per group")
put("trace", P, "trace(k)")
put("reshape ravel squeeze transpose expand_dims", P, "reshape / ravel / squeeze / transpose / expandDims")
put("allclose isclose", P, "allclose / isclose")
put("append delete", P, "append / delete")
put("insert", Q, "insert(position, values, axis)", "one position")
put("apply_along_axis", P, "applyAlongAxis"); put("apply_over_axes", P, "applyOverAxes")
put("argwhere nonzero flatnonzero unique union1d extract", Q, "same names", "computed when called (no unknown chunks)")
put("around round", P, "round(decimals) / around")
put("atleast_1d atleast_2d atleast_3d", P, "atLeast1d/2d/3d")
put("average", Q, "average(weights, axis)", "one axis; no returned")
put("bincount", Q, "bincount([weights,] length)", "length required")
put("choose select", P, "DArray.choose / DArray.select")
put("coarsen", Q, "coarsen(Reduction, factors)", "lengths must divide (no trim_excess)")
put("compress", P, "compress(boolean[] | DArray, axis)", "a DArray mask is computed first")
put("corrcoef cov", P, "corrcoef / cov")
put("count_nonzero", P, "countNonzero")
put("ediff1d", P, "ediff1d")
put("diff", Q, "diff(n, axis)", "no prepend/append")
put("gradient", Q, "gradient(axis)", "unit spacing, one axis, edge_order=1")
put("digitize searchsorted isin", Q, "digitize / searchsorted / isin", "bins, the sorted array and the test values are in memory")
put("dot matmul tensordot vdot", P, "dot / matmul / DArray.tensordot / DArray.vdot", "n-D dot follows matmul")
put("dstack hstack vstack", P, "DArray.dstack/hstack/vstack")
put("einsum", Q, "DArray.einsum", "no '...'")
put("flip fliplr flipud rot90", P, "same names")
put("roll", Q, "roll(shift[, axis])", "one axis or flattened, no tuples")
put("histogram", Q, "histogram(bins, lo, hi[, weights])", "explicit range, no density")
put("i0", P, "i0()", "power series; agrees with NumPy's Cephes to ~1e-14")
put("histogram2d histogramdd", Q, "DArray.histogram2d / histogramdd", "explicit ranges, equal bins, no weights/density")
put("piecewise", P, "piecewise(conditions, functions)")
put("isnull notnull", P, "isnull / notnull")
put("ndim shape", P, "ndim() / shape()")
put("outer", P, "DArray.outer")
put("ptp", P, "ptp")
put("ravel_multi_index unravel_index", P, "DArray.ravelMultiIndex / unravelIndex")
put("result_type", P, "DType.promote")
put("take", P, "take(long[], axis)", "Dask's output chunks: consecutive groups of the average block length")
put("tril triu", P, "tril(k) / triu(k)")
put("tril_indices triu_indices tril_indices_from triu_indices_from", P, "DArray.trilIndices / triuIndices / ...From")
put("where", P, "DArray.where")
put("abs absolute", P, "abs"); put("add subtract multiply divide true_divide power", P, "add / sub / mul / div / div / pow")
put("angle conj imag real iscomplex isreal", Q, "same names", "real dtypes only")
put("arccos arccosh arcsin arcsinh arctan arctan2 arctanh cbrt ceil cos cosh exp exp2 expm1 floor hypot log log1p log2 log10 sin sinh sqrt tan tanh trunc sign", P, "same names")
put("bitwise_and bitwise_or bitwise_xor", P, "and / or / xor (bitwiseAnd/Or/Xor)")
put("bitwise_not invert", P, "not / invert")
put("clip copysign nextafter spacing signbit sinc modf frexp ldexp fmod fmax fmin divmod fix rint fabs float_power heaviside", P, "same names (camelCase)")
put("deg2rad radians", P, "deg2rad"); put("rad2deg degrees", P, "rad2deg")
put("equal not_equal greater greater_equal less less_equal", P, "eq / ne / gt / ge / lt / le")
put("floor_divide", P, "floorDivide"); put("mod remainder", P, "mod / remainder")
put("isfinite isinf isnan isneginf isposinf", P, "same names")
put("left_shift right_shift", P, "leftShift / rightShift")
put("logaddexp logaddexp2", P, "same names")
put("logical_and logical_not logical_or logical_xor", P, "logicalAnd / logicalNot / logicalOr / logicalXor")
put("maximum minimum", P, "maximum / minimum")
put("nan_to_num", P, "nanToNum"); put("negative positive", P, "negative / positive"); put("reciprocal square", P, "same names")
put("assert_eq", Q, "ArrayAssert.assertEq (tests)", "test helper, not public API")
put("empty full ones zeros", P, "DArray.empty/full/ones/zeros")
put("compute", P, "compute() / DArray.computeAll")

missing = [n for n in NAMES if n not in S]
assert not missing, missing
counts = {}
for n in NAMES:
    counts[S[n][0]] = counts.get(S[n][0], 0) + 1
portable = len(NAMES) - counts.get(N, 0)
print(f"{len(NAMES)} names in dask.array.__all__: {counts.get(P, 0)} present, {counts.get(Q, 0)} partial, "
      f"{counts.get(A, 0)} absent, {counts.get(N, 0)} n/a; present or partial: "
      f"{(counts.get(P, 0) + counts.get(Q, 0)) / portable:.0%} of the {portable} portable names "
      f"({counts.get(P, 0) / portable:.0%} fully present).\n")
print("| dask.array | status | Java | note |")
print("|---|---|---|---|")
for n in NAMES:
    st, java, note = S[n]
    print(f"| `{n}` | {st} | {java} | {note} |")
