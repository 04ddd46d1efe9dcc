// Writes the Zarr v3 fixtures under v3/ with zarrita 0.7.5 (npm, MIT).
// Run (node resolves zarrita from the script's own directory, so copy it beside a temporary install):
//   D=$(mktemp -d) && (cd $D && npm install zarrita@0.7.5) && cp make_v3.mjs $D && node $D/make_v3.mjs "$PWD"
// The values follow the formulas of make_v2.py; shape (7, 5) with chunks (3, 2) leaves partial edge chunks.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zarr from "zarrita";
import { FileSystemStore } from "@zarrita/storage";

const out = path.resolve(process.argv[2] ?? ".", "v3");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const store = new FileSystemStore(out);
const root = await zarr.create(zarr.root(store), { attributes: { title: "Blockwork Zarr v3 fixtures", made_by: "zarrita 0.7.5" } });

const DTYPES = { f8: "float64", f4: "float32", i8: "int64", i4: "int32", b1: "bool" };
// zarrita cannot encode gzip, zlib or crc32c: those are covered by round trips and by zarrita reading ours.
const CODECS = {
  none: [],
  zstd: [{ name: "zstd", configuration: { level: 1, checksum: false } }],
  blosc: [{ name: "blosc", configuration: { cname: "lz4", clevel: 5, shuffle: "shuffle", typesize: 8, blocksize: 0 } }],
  lz4: [{ name: "lz4", configuration: { acceleration: 1 } }],
};

function values(dt, n) {
  const a = dt === "f8" ? new Float64Array(n) : dt === "f4" ? new Float32Array(n) : dt === "i8" ? new BigInt64Array(n)
    : dt === "i4" ? new Int32Array(n) : new zarr.BoolArray(n);
  for (let k = 0; k < n; k++) {
    if (dt === "f8" || dt === "f4") a[k] = k * 1.5 - 7;
    else if (dt === "i8") a[k] = BigInt(k * 3 - 10) + (1n << 40n);
    else if (dt === "i4") a[k] = k * 3 - 10;
    else a.set(k, k % 3 === 0);
  }
  return a;
}

function cStrides(shape) {
  const s = new Array(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]; }
  return s;
}

async function make(name, { shape = [7, 5], chunkShape = [3, 2], dt, codecs = [], order = "C", fillValue, rows, attributes, sep }) {
  const n = shape.reduce((a, b) => a * b, 1);
  const pre = order === "F" ? [{ name: "transpose", configuration: { order: shape.map((_, i) => shape.length - 1 - i) } }] : [];
  const size = { f8: 8, f4: 4, i8: 8, i4: 4, b1: 1 }[dt];
  const cs = codecs.map((c) => c.name === "blosc" ? { ...c, configuration: { ...c.configuration, typesize: size } } : c);
  const endian = dt === "b1" ? [{ name: "bytes", configuration: {} }] : [{ name: "bytes", configuration: { endian: "little" } }];
  const arr = await zarr.create(root.resolve(name), {
    shape, chunkShape, dtype: DTYPES[dt], codecs: [...pre, ...endian, ...cs],
    fillValue: fillValue ?? (dt === "b1" ? false : 0), ...(attributes ? { attributes } : {}), ...(sep ? { chunkSeparator: sep } : {}),
  });
  const data = values(dt, n);
  if (rows === undefined) {
    await zarr.set(arr, null, { data, shape, stride: cStrides(shape) });
  } else {
    const k = rows * shape[1];
    const part = dt === "b1" ? data : data.subarray(0, k);
    await zarr.set(arr, [zarr.slice(0, rows), null], { data: part, shape: [rows, shape[1]], stride: cStrides([rows, shape[1]]) });
  }
}

for (const dt of Object.keys(DTYPES)) {
  for (const [cn, codecs] of Object.entries(CODECS)) {
    if (dt !== "f8" && cn !== "none" && cn !== "blosc") continue; // every codec on float64; the common two on the rest
    const orders = dt === "f8" ? ["C", "F"] : ["C"];
    for (const order of orders) await make(`${dt}_${cn}_${order}`, { dt, codecs, order });
  }
}
await make("nested_f8", { shape: [4, 3, 5], chunkShape: [2, 2, 2], dt: "f8" });
await make("dotsep_i4", { dt: "i4", sep: "." });
await make("fill_nan_f8", { dt: "f8", fillValue: NaN, rows: 3 });
await make("fill_int_i4", { dt: "i4", fillValue: -1, rows: 3 });
await make("attrs_f4", { dt: "f4", attributes: { long_name: "with attributes", scale: 2.5 } });
console.log("wrote", out);
