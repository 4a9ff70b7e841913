// The build's post-link step (tools/pad_small_functions.py): the module keeps
// working, and V8 counts it as one of mostly small functions (its full
// inlining budget).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../public/pyrite/", import.meta.url));
const tool = fileURLToPath(new URL("../tools/pad_small_functions.py", import.meta.url));

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** Body sizes of the code section. */
function bodySizes(bytes) {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (id === 10) {
      let [count, p] = leb(bytes, start);
      const sizes = [];
      for (; count > 0; count--) {
        const [body, q] = leb(bytes, p);
        sizes.push(body);
        p = q + body;
      }
      return sizes;
    }
    at = start + size;
  }
  throw new Error("no code section");
}

const smallShare = (bytes) => {
  const sizes = bodySizes(bytes);
  return sizes.filter((s) => s < 50).length / sizes.length;
};

// A module with one exported function `answer` of more than 50 bytes (it
// returns 42 after 30 drops of constants), and the () -> () type it needs.
function sampleModule() {
  const body = [0x00];
  for (let i = 0; i < 30; i++) body.push(0x41, 0x01, 0x1a); // i32.const 1; drop
  body.push(0x41, 42, 0x0b); // i32.const 42; end
  const section = (id, payload) => [id, payload.length, ...payload];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [2, 0x60, 0, 1, 0x7f, 0x60, 0, 0]), // () -> i32, () -> ()
    ...section(3, [1, 0]),
    ...section(7, [1, 6, ...new TextEncoder().encode("answer"), 0x00, 0]),
    ...section(10, [1, body.length, ...body]),
  ]);
}

test("padding a module appends empty functions and leaves the existing ones working", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pyrite-pad-"));
  try {
    const path = join(dir, "m.wasm");
    writeFileSync(path, sampleModule());
    assert.equal(smallShare(readFileSync(path)), 0);

    execFileSync("/usr/bin/python3.11", [tool, path, "--share", "0.5"]);
    const padded = readFileSync(path);
    assert.ok(WebAssembly.validate(padded));
    assert.deepEqual(bodySizes(padded), [bodySizes(sampleModule())[0], 2]);
    const { instance } = await WebAssembly.instantiate(padded);
    assert.equal(instance.exports.answer(), 42);

    // Already at the share: a second run changes nothing.
    execFileSync("/usr/bin/python3.11", [tool, path, "--share", "0.5"]);
    assert.deepEqual(readFileSync(path), padded);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the built runtime module has at least half small functions", () => {
  const bytes = readFileSync(join(dist, "pyrite_core.wasm"));
  assert.ok(WebAssembly.validate(bytes));
  assert.ok(smallShare(bytes) >= 0.5, `small-function share ${smallShare(bytes).toFixed(3)}`);
});
