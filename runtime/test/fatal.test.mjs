import assert from "node:assert/strict";
import { test } from "node:test";
import { FatalRuntimeError, dist, loadPyodide } from "./harness.mjs";

test("a wasm trap is reported once and makes every later call throw a clear fatal error", async () => {
  const err = [];
  const py = await loadPyodide({ indexURL: dist, stderr: (t) => err.push(t) });
  const list = py.runPython("[1, 2]");
  assert.throws(() => py._debug.trap(), (e) => e instanceof FatalRuntimeError && /fatally failed/.test(e.message));
  assert.equal(err.filter((t) => /fatal error/.test(t)).length, 1);
  assert.throws(() => py.runPython("1+1"), FatalRuntimeError);
  assert.throws(() => list.length, FatalRuntimeError);
  assert.equal(typeof py.version, "string");
});

test("a fatal error inside Python code reports the Python stack", async () => {
  const err = [];
  const py = await loadPyodide({ indexURL: dist, stderr: (t) => err.push(t) });
  py.globals.set("boom", () => py._debug.trap());
  assert.throws(() => py.runPython("def inner():\n    boom()\ndef outer():\n    inner()\nouter()"), FatalRuntimeError);
  const text = err.join("");
  assert.match(text, /fatal error/);
  assert.match(text, /Stack \(most recent call first\):[\s\S]*line 2 in inner[\s\S]*line 4 in outer/);
  assert.throws(() => py.globals.get("boom"), FatalRuntimeError);
});

test("a trap while runPythonAsync runs rejects it with FatalRuntimeError", async () => {
  const py = await loadPyodide({ indexURL: dist, stderr: () => {} });
  py.globals.set("boom", () => py._debug.trap());
  await assert.rejects(py.runPythonAsync("import asyncio\nawait asyncio.sleep(0)\nboom()"), FatalRuntimeError);
});

test("deep recursion raises RecursionError, not a trap", async () => {
  const py = await loadPyodide({ indexURL: dist, stderr: () => {} });
  assert.throws(() => py.runPython("def f(n): return f(n + 1)\nf(0)"), { type: "RecursionError" });
  assert.throws(() => py.runPython("import json\nx = []\nfor _ in range(100000): x = [x]\njson.dumps(x)"), {
    type: "RecursionError",
  });
  assert.equal(py.runPython("1+1"), 2);
});

test("os._exit() ends the runtime: FatalRuntimeError with the exit status, from then on too", async () => {
  const err = [];
  const py = await loadPyodide({ indexURL: dist, stderr: (t) => err.push(t) });
  // In Node, Emscripten's exit() also sets the process's exit code; this suite runs in Chromium too.
  const node = globalThis.process;
  const exitCode = node?.exitCode;
  try {
    assert.throws(
      () => py.runPython("import os\nos._exit(3)"),
      (e) => e instanceof FatalRuntimeError && e.exitStatus === 3 && /ExitStatus: Program terminated with exit\(3\)/.test(e.message),
    );
    assert.match(err.join(""), /fatal error: ExitStatus: Program terminated with exit\(3\)/);
    assert.throws(() => py.runPython("1+1"), (e) => e instanceof FatalRuntimeError && e.exitStatus === 3);

    const other = await loadPyodide({ indexURL: dist, stderr: () => {} });
    await assert.rejects(
      other.runPythonAsync("import asyncio, os\nawait asyncio.sleep(0)\nos._exit(5)"),
      (e) => e instanceof FatalRuntimeError && e.exitStatus === 5,
    );
  } finally {
    if (node) node.exitCode = exitCode;
  }
});

test("a trap is a FatalRuntimeError without an exit status", async () => {
  const py = await loadPyodide({ indexURL: dist, stderr: () => {} });
  assert.throws(() => py._debug.trap(), (e) => e instanceof FatalRuntimeError && e.exitStatus === null);
});

test("recursion through C that would fill the engine's stack raises RecursionError, and the runtime goes on", async () => {
  const py = await loadPyodide({ indexURL: dist, stderr: () => {} });
  py.runPython(`
import sys, functools
sys.setrecursionlimit(1_000_000)
@functools.lru_cache(None)
def climb(n):
    return 0 if n == 0 else climb(n - 1) + 1`);
  assert.equal(py.runPython("climb(150)"), 150, "a moderate depth still works");
  assert.throws(
    () => py.runPython("climb.cache_clear()\nclimb(100_000)"),
    (e) => e.type === "RecursionError" && /the browser's stack is full/.test(e.message),
  );
  assert.equal(py.runPython("climb.cache_clear()\nclimb(200)"), 200);
  // From the event loop, where a browser with JSPI runs Python on a stack of its own.
  await assert.rejects(py.runPythonAsync("climb.cache_clear()\nclimb(100_000)"), { type: "RecursionError" });
  assert.equal(await py.runPythonAsync("climb.cache_clear()\nclimb(200)"), 200);

  py.globals.set("bounce", (n) => (n > 0 ? py.globals.get("ping")(n - 1) : 0));
  py.runPython("def ping(n):\n    return bounce(n) + 1");
  assert.throws(() => py.runPython("ping(100_000)"), { type: "RecursionError" });
  assert.equal(py.runPython("ping(20)"), 21);
  assert.equal(py.runPython("1+1"), 2);
});

test("recursion purely in C (repr, ==, json, pickle of nested data) raises RecursionError once the stack runs low", async () => {
  const py = await loadPyodide({ indexURL: dist, stderr: () => {} });
  py.runPython(`
import sys, json, pickle
sys.setrecursionlimit(1_000_000)
kept = "still here"
a = []; b = []
for _ in range(60_000):
    a = [a]; b = [b]
def outcome(f):
    try:
        f()
        return "done"
    except RecursionError as e:
        return "RecursionError" if "stack is full" in str(e) else str(e)`);
  const checks = "[outcome(lambda: a == b), outcome(lambda: repr(a)), outcome(lambda: json.dumps(a)), outcome(lambda: pickle.dumps(a))]";
  const all = ["RecursionError", "RecursionError", "RecursionError", "RecursionError"];
  const found = py.runPython(checks);
  assert.deepEqual(found.toJs(), all);
  found.destroy();
  // From the event loop, where a browser with JSPI runs Python on a stack of its own.
  const fromLoop = await py.runPythonAsync(checks);
  assert.deepEqual(fromLoop.toJs(), all);
  fromLoop.destroy();
  // Moderate depths still work, and the session goes on.
  assert.equal(py.runPython("c = []\nfor _ in range(1_000): c = [c]\nlen(repr(c))"), 2_002);
  assert.equal(py.runPython("kept"), "still here");
});

test("os.abort() ends the runtime with a fatal error that says abort() was called", async () => {
  const err = [];
  const py = await loadPyodide({ indexURL: dist, stderr: (t) => err.push(t) });
  assert.throws(
    () => py.runPython("import os\nos.abort()"),
    (e) => e instanceof FatalRuntimeError && /\(abort\(\) was called\)/.test(e.message),
  );
  assert.match(err.join(""), /^Pyrite fatal error: abort\(\) was called\n/);
  assert.throws(() => py.runPython("1+1"), FatalRuntimeError);
});
