// Build step: starts the built runtime in Node and writes the snapshot of its
// initialised interpreter next to it (js/snapshot.ts says what it is and how a
// load uses it). Runs after the wasm, the stdlib zips and pyodide.mjs are built.
//
//   node runtime/tools/make_snapshot.mjs DIST
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dist = resolve(process.argv[2] ?? "");
const { loadPyodide } = await import(pathToFileURL(`${dist}/pyodide.mjs`).href);
let snapshot = null;
await loadPyodide({
  indexURL: `${dist}/`,
  _makeSnapshot: (bytes) => {
    snapshot = bytes;
  },
});
if (!snapshot) throw new Error("make_snapshot: loadPyodide made no snapshot");
writeFileSync(`${dist}/pyrite_snapshot.bin`, snapshot);
console.log(`snapshot: ${snapshot.length} bytes in ${dist}/pyrite_snapshot.bin`);
