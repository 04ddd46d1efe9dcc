// Reads the arrays ZarrOracleExportTest writes (blockwork-array/target/zarr-ours/v3) with zarrita and checks every
// value against the formulas of make_v3.mjs. Run as make_v3.mjs is run (copied beside a zarrita install):
//   node $D/check_ours_v3.mjs <path>/target/zarr-ours/v3
// zarrita reads gzip and crc32c but cannot write them, so these arrays cover what make_v3.mjs could not.
import * as fs from "node:fs";
import * as zarr from "zarrita";
import { FileSystemStore } from "@zarrita/storage";

const root = process.argv[2];
const store = new FileSystemStore(root);
let n = 0;
for (const name of fs.readdirSync(root).sort()) {
  if (name === "zarr.json") continue;
  const arr = await zarr.open(zarr.root(store).resolve(name), { kind: "array" });
  const got = await zarr.get(arr, null);
  const dt = name.split("_")[0];
  for (let k = 0; k < 35; k++) {
    const want = dt === "f8" || dt === "f4" ? k * 1.5 - 7 : dt === "i8" ? BigInt(k * 3 - 10) + (1n << 40n) : dt === "i4" ? k * 3 - 10 : k % 3 === 0;
    const at = Math.floor(k / 5) * got.stride[0] + (k % 5) * got.stride[1]; // zarrita keeps a transposed chunk's layout
    const v = dt === "b1" ? got.data.get(at) : got.data[at];
    if (v !== want) throw new Error(`${name}[${k}]: got ${v}, expected ${want}`);
  }
  if (JSON.stringify(got.shape) !== "[7,5]") throw new Error(`${name}: shape ${got.shape}`);
  n++;
}
console.log(`zarrita 0.7.5 read ${n} Blockwork v3 arrays exactly`);
