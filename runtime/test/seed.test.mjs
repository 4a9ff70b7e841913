// The examples of the seed document (../shared/SEED-pyodide-0.17-release-notes.txt),
// run as written: code for that API must run here unchanged.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

describe("the seed's examples", () => {
  const ctx = useRuntime();

  test("a Python coroutine using `from js import fetch` is awaited from JS", async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => ({ json: async () => ({ dependencies: { asciitree: 1, parso: 2 } }) });
    try {
      ctx.py.runPython(`
async def test():
    from js import fetch
    # Fetch the Pyodide packages list
    r = await fetch("packages.json")
    data = await r.json()
    # return all available packages
    return data.dependencies.object_keys()
`);
      const test_ = ctx.py.globals.get("test");
      const result = await test_();
      assert.deepEqual(result.toJs(), ["asciitree", "parso"]);
      result.destroy();
      test_.destroy();
      ctx.py.runPython("del test");
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  test("a JS error is caught in Python as JsException", () => {
    globalThis.jserror = () => {
      throw new TypeError("ooops!");
    };
    try {
      ctx.py.runPython(`
from js import jserror
from pyodide import JsException
try:
    jserror()
except JsException as e:
    print(str(e))
del jserror, JsException
`);
      assert.equal(ctx.out.join(""), "TypeError: ooops!\n");
    } finally {
      delete globalThis.jserror;
    }
  });

  test("registerJsModule makes a JS object a Python module", () => {
    const my_module = {
      foo(x) {
        return x * x + 1;
      },
      bar(y, z) {
        return y * z + y + z;
      },
    };
    ctx.py.registerJsModule("my_mod", my_module);
    assert.equal(ctx.py.runPython("from my_mod import foo, bar\nfoo(7)"), 50);
    assert.equal(ctx.py.runPython("bar(9, 5)"), 59);
    ctx.py.runPython("del foo, bar");
    ctx.py.unregisterJsModule("my_mod");
  });

  test("pyodide.globals.x still reads and writes globals (deprecated form)", () => {
    ctx.py.runPython("x = 5");
    assert.equal(ctx.py.globals.x, 5);
    ctx.py.globals.y = 6;
    assert.equal(ctx.py.runPython("x + y"), 11);
    ctx.py.runPython("del x, y");
  });

  test("pyimport (deprecated) still gives a module", () => {
    const math = ctx.py.pyimport("math");
    const sqrt = math.sqrt; // a proxy the caller owns, like any object read from Python
    assert.equal(sqrt(16), 4);
    sqrt.destroy();
    math.destroy();
    // A dotted name gives the submodule itself, as importlib.import_module does.
    const path = ctx.py.pyimport("os.path");
    const join = path.join;
    assert.equal(join("a", "b"), "a/b");
    join.destroy();
    path.destroy();
    assert.throws(() => ctx.py.pyimport("no_such_module_here"), { type: "ModuleNotFoundError" });
  });
});
