import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PythonError, useRuntime } from "./harness.mjs";

/** A JS array nested `n` deep: [[[...[]...]]]. */
function nestedArray(n) {
  let a = [];
  for (let i = 0; i < n; i++) a = [a];
  return a;
}

const isRecursionError = (direction) => (e) =>
  e instanceof PythonError && e.type === "RecursionError" && e.message.includes(`while converting ${direction}`);

describe("deep conversions of deeply nested data", () => {
  const ctx = useRuntime();

  test("toPy of a JS structure nested deeper than the recursion limit throws RecursionError and the runtime goes on", () => {
    assert.throws(() => ctx.py.toPy(nestedArray(10_000)), isRecursionError("a JavaScript object to Python"));
    assert.equal(ctx.py.runPython("1 + 1"), 2);
  });

  test("JsProxy.to_py of a too deeply nested array raises RecursionError in Python", () => {
    ctx.py.globals.set("deep", nestedArray(10_000));
    assert.equal(
      ctx.py.runPython("try:\n    deep.to_py()\n    r = 'converted'\nexcept RecursionError as e:\n    r = str(e)\nr"),
      "maximum recursion depth exceeded while converting a JavaScript object to Python",
    );
    ctx.py.runPython("del deep");
  });

  test("PyProxy.toJs and to_js of a too deeply nested list throw RecursionError and the runtime goes on", () => {
    const p = ctx.py.runPython("deep = []\nfor _ in range(10_000):\n    deep = [deep]\ndeep");
    assert.throws(() => p.toJs(), isRecursionError("a Python object to JavaScript"));
    assert.equal(
      ctx.py.runPython("from pyodide import to_js\ntry:\n    to_js(deep)\nexcept RecursionError as e:\n    r = 'RecursionError'\nr"),
      "RecursionError",
    );
    p.destroy();
    ctx.py.runPython("del deep, to_js");
  });

  test("a raised recursion limit stops a too deep conversion where the stack is full instead of killing the runtime", () => {
    ctx.py.runPython("import sys\nlimit = sys.getrecursionlimit()\nsys.setrecursionlimit(1_000_000)");
    try {
      assert.throws(() => ctx.py.toPy(nestedArray(200_000)), isRecursionError("a JavaScript object to Python"));
      const p = ctx.py.runPython("deep = []\nfor _ in range(200_000):\n    deep = [deep]\ndeep");
      assert.throws(() => p.toJs(), (e) => isRecursionError("a Python object to JavaScript")(e) && /stack is full/.test(e.message));
      p.destroy();
    } finally {
      ctx.py.runPython("sys.setrecursionlimit(limit)\ndel limit, sys\ndeep = None");
    }
    assert.equal(ctx.py.runPython("1 + 1"), 2);
  });

  test("toPy releases what it had converted when a JS iterator throws half-way", () => {
    class Breaking extends Map {
      *[Symbol.iterator]() {
        yield ["f", () => 1]; // becomes a JsProxy inside the half-built dict
        throw new Error("broken iterator");
      }
    }
    assert.throws(() => ctx.py.toPy([new Breaking()]), /broken iterator/);
    // The harness's leak check: no JsProxy of the function stays alive.
  });

  test("data nested within the recursion limit converts both ways", () => {
    const p = ctx.py.toPy(nestedArray(500));
    assert.equal(p.type, "list");
    let js = p.toJs();
    let depth = 0;
    while (js.length === 1) {
      js = js[0];
      depth++;
    }
    assert.equal(depth, 500);
    p.destroy();
  });
});
