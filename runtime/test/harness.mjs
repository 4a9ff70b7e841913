// Shared setup for the runtime's Node tests: one runtime per test file, and
// leak accounting around every test (live PyProxies, JS handles held by C++,
// JsProxies alive in Python, unreleased buffers must not grow).
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../public/pyrite/", import.meta.url));
const { loadPyodide, PythonError, FatalRuntimeError } = await import(dist + "pyodide.mjs");
export { PythonError, FatalRuntimeError, loadPyodide, dist };

export function useRuntime({ stdout, stderr, stdin } = {}) {
  const ctx = { py: null, out: [], err: [] };
  let counters;
  before(async () => {
    ctx.py = await loadPyodide({
      indexURL: dist,
      stdout: stdout ?? ((t) => ctx.out.push(t)),
      stderr: stderr ?? ((t) => ctx.err.push(t)),
      stdin,
    });
  });
  // sys.last_value keeps the last error (and what its traceback references) on
  // purpose; it is cleared so that only unintended references count. asyncio is
  // imported first because its first import sets up the runtime's event loop
  // once for good (a tick function and the host's fatal hook), which is not a leak.
  const settle =
    "import asyncio, gc, sys\nsys.last_value = sys.last_type = sys.last_traceback = None\ngc.collect()";
  beforeEach(() => {
    ctx.out.length = 0;
    ctx.err.length = 0;
    ctx.py.runPython(settle);
    counters = ctx.py.debugCounters();
  });
  afterEach(async () => {
    // Let scheduled loop ticks run: a pending tick holds its callback proxy.
    await tick(0);
    await tick(0);
    ctx.py.runPython(settle);
    const now = ctx.py.debugCounters();
    for (const key of Object.keys(counters)) {
      assert.ok(
        now[key] <= counters[key],
        `leak: ${key} grew from ${counters[key]} to ${now[key]} during the test`,
      );
    }
  });
  after(() => {});
  return ctx;
}

/** Waits for the host's event loop to run scheduled Python work. */
export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** The list or dict `code` returns, converted to JS; its proxy is destroyed (for the leak check). */
export function runToJs(py, code) {
  const proxy = py.runPython(code);
  try {
    return proxy.toJs();
  } finally {
    proxy.destroy();
  }
}
