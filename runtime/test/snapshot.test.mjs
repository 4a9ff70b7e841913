// The snapshot of the initialised interpreter (js/snapshot.ts): a load copies
// it in instead of starting Python, and must end up with the same interpreter.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPyodide, dist } from "./harness.mjs";

const inNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

/** What start-up sets up, as JSON. */
const startupState = (py) =>
  py.runPython(`import json, os, sys, time
json.dumps([sorted(sys.modules), sys.path, dict(os.environ), os.getcwd(), sorted(dir(__builtins__)),
            time.timezone, time.altzone, time.daylight, time.tzname, type(sys.stdout).__name__])`);

test("a load starts from the build's snapshot and has the interpreter a start from scratch has", async () => {
  const restored = await loadPyodide({ indexURL: dist });
  const started = await loadPyodide({ indexURL: dist, snapshot: false });
  assert.equal(restored._fromSnapshot, true);
  assert.equal(started._fromSnapshot, false);
  assert.equal(startupState(restored), startupState(started));
  assert.equal(
    restored.runPython("import js, textwrap\ntextwrap.shorten(f'{js.Math.max(3, 4)} of {1 + 1}', 20)"),
    "4 of 2",
  );
  assert.equal(restored.debugCounters().handles, started.debugCounters().handles);
});

if (inNode) {
  test("the time module has the page's time zone, not the one the snapshot was made in", async () => {
    const saved = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    try {
      const restored = await loadPyodide({ indexURL: dist });
      const started = await loadPyodide({ indexURL: dist, snapshot: false });
      assert.equal(restored._fromSnapshot, true);
      assert.equal(restored.runPython("import time\ntime.timezone"), -9 * 3600);
      // Short names, as on POSIX systems (Emscripten's own were JS's long ones, which CPython cut to 9 characters).
      assert.equal(restored.runPython("str((time.tzname, time.strftime('%Z')))"), "(('+09', '+09'), '+09')");
      assert.equal(startupState(restored), startupState(started));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test("time zones have short names, as tzdata writes offsets, with daylight saving time's own", async () => {
    const saved = process.env.TZ;
    const names = {};
    try {
      for (const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Seoul", "America/St_Johns"]) {
        process.env.TZ = zone;
        const py = await loadPyodide({ indexURL: dist });
        names[zone] = py.runPython("import time\nlist(time.tzname) + [time.daylight]").toJs();
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    assert.deepEqual(names, {
      UTC: ["UTC", "UTC", 0],
      "Europe/Paris": ["+01", "+02", 1],
      "America/New_York": ["-05", "-04", 1],
      "Asia/Seoul": ["+09", "+09", 0],
      "America/St_Johns": ["-0330", "-0230", 1],
    });
  });

  test("a snapshot made with another stdlib zip, from another build, or unreadable is refused, and Python starts as usual", async () => {
    const { mkdtemp, symlink, readFile, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const real = await readFile(join(dist, "pyrite_snapshot.bin"));
    const headerLength = real.readUInt32LE(8);
    const header = JSON.parse(real.subarray(12, 12 + headerLength).toString());
    const data = real.subarray((12 + headerLength + 3) & ~3);
    const changes = [{ zipTail: (header.zipTail + 1) >>> 0 }, { before: (header.before + 1) >>> 0 }, { pages: "none" }];
    for (const change of changes) {
      const dir = await mkdtemp(join(tmpdir(), "pyrite-"));
      try {
        for (const f of ["pyrite_core.mjs", "pyrite_core.wasm", "python_stdlib.zip", "python_stdlib_extra.zip", "pyodide.mjs"]) {
          await symlink(join(dist, f), join(dir, f));
        }
        const json = Buffer.from(JSON.stringify({ ...header, ...change }));
        const head = Buffer.alloc((12 + json.length + 3) & ~3);
        real.copy(head, 0, 0, 8);
        head.writeUInt32LE(json.length, 8);
        json.copy(head, 12);
        await writeFile(join(dir, "pyrite_snapshot.bin"), Buffer.concat([head, data]));
        const py = await loadPyodide({ indexURL: dir });
        assert.equal(py._fromSnapshot, false, JSON.stringify(change));
        assert.equal(py.runPython("import json\njson.dumps({'ok': 1 + 1})"), '{"ok": 2}');
      } finally {
        await rm(dir, { recursive: true });
      }
    }
  });
}
