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
      // console.log(result); // ["asciitree", "parso", ...]: the JS array itself, nothing to destroy
      assert.ok(Array.isArray(result));
      assert.deepEqual(result, ["asciitree", "parso"]);
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

  test("pyimport (deprecated) of a global gives its value, with the seed's warning", () => {
    ctx.py.runPython("answer = 42");
    const warned = [];
    const realWarn = console.warn;
    console.warn = (message) => warned.push(message);
    try {
      assert.equal(ctx.py.pyimport("answer"), 42);
    } finally {
      console.warn = realWarn;
    }
    assert.match(warned.join(""), /globals\.get\("answer"\)/);
    ctx.py.runPython("del answer");
  });

  test("pyimport (deprecated) of any other name gives the module", () => {
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
  test("runPython removes the indentation its lines share, so code in an indented template literal runs", async () => {
    const version = ctx.py.runPython(`
        import sys
        if True:
            v = sys.version_info[:2]
        v
    `);
    assert.deepEqual(version.toJs(), [3, 11]);
    version.destroy();
    assert.equal(await ctx.py.runPythonAsync(`
        import asyncio
        await asyncio.sleep(0, "awaited")
    `), "awaited");
    // A string that spans lines keeps its own indentation relative to the code's.
    assert.equal(ctx.py.runPython('    s = """a\n      b"""\n    s'), "a\n  b");
    ctx.py.runPython("del sys, v, asyncio, s");
  });

  test("runPython(code, globals) runs in the dict given as the second argument, as in the seed", async () => {
    const ns = ctx.py.runPython("{'who': 'mine'}");
    try {
      assert.equal(ctx.py.runPython("who", ns), "mine");
      ctx.py.runPython("made_here = 1", ns);
      assert.equal(await ctx.py.runPythonAsync("made_here + 1", ns), 2);
      assert.equal(ctx.py.globals.has("made_here"), false);
      assert.equal(ctx.py.runPython("who", { globals: ns }), "mine");
      assert.throws(() => ctx.py.runPython("1", 5), /must be a dict/);
    } finally {
      ns.destroy();
    }
  });

  test("pyodide.eval_code takes the seed's arguments: globals (a new namespace by default), locals, return_mode, quiet_trailing_semicolon", () => {
    const r = ctx.py.runPython(`
from pyodide import eval_code
ns = {"x": 2}
results = [
    eval_code("1 + 1"),
    eval_code("y = x * 3", ns, None, "last_expr_or_assign"),
    eval_code("x * 3", ns, return_mode="none"),
    eval_code("x + 1;", ns),
    eval_code("x + 1;", ns, quiet_trailing_semicolon=False),
    eval_code("x + 1; # a comment", ns),
    eval_code("x + 1  # a comment;", ns),
    eval_code("'#;'", ns),
]
local = {}
eval_code("z = 5", ns, local)
results + [ns["y"], "z" in ns, local["z"]]`);
    assert.deepEqual(r.toJs(), [2, 6, undefined, undefined, 3, undefined, 3, "#;", 6, false, 5]);
    r.destroy();
    assert.throws(() => ctx.py.runPython("eval_code('1', return_mode='all')"), { type: "ValueError" });
    ctx.py.runPython("del eval_code, ns, results, local");
  });

  test("checkInterrupt() raises a pending Ctrl+C as KeyboardInterrupt, and does nothing otherwise", () => {
    const flag = new Int32Array(1);
    ctx.py.setInterruptBuffer(flag);
    try {
      ctx.py.checkInterrupt();
      flag[0] = 2; // SIGINT
      assert.throws(() => ctx.py.checkInterrupt(), { type: "KeyboardInterrupt" });
      assert.equal(flag[0], 0);
      assert.equal(ctx.py.runPython("1 + 1"), 2);
    } finally {
      ctx.py.setInterruptBuffer(undefined);
    }
  });

  test("loadPyodide sets the global pyodide, and Python can import the API as pyodide_js", () => {
    assert.equal(globalThis.pyodide, ctx.py);
    assert.equal(ctx.py.runPython("import pyodide_js\npyodide_js.runPython('6 * 7')"), 42);
    ctx.py.runPython("import sys\ndel pyodide_js, sys.modules['pyodide_js']");
  });

  test("after `import js.x`, `from js import x` still reads the live JS value, as before that import", () => {
    globalThis.nestedForTest = { a: { b: 1 } };
    try {
      const r = ctx.py.runPython(`
from js.nestedForTest import a
from js import nestedForTest
import js
before = nestedForTest.a.b`);
      assert.equal(r, undefined);
      globalThis.nestedForTest = { a: { b: 2 } };
      assert.equal(ctx.py.runPython("from js import nestedForTest\nnestedForTest.a.b"), 2);
      assert.equal(ctx.py.runPython("js.nestedForTest.a.b"), 2);
    } finally {
      delete globalThis.nestedForTest;
      ctx.py.runPython("import sys\ndel a, nestedForTest, js, before, sys.modules['js.nestedForTest']");
    }
  });

  test("from a registered JS module import * binds its public names; from js import * says to name them", () => {
    ctx.py.registerJsModule("star_mod", { double: (x) => x * 2, k: 3, _hidden: 1 });
    try {
      assert.equal(ctx.py.runPython("from star_mod import *\ndouble(k)"), 6);
      assert.equal(ctx.py.runPython("'_hidden' in dir()"), false);
      assert.throws(
        () => ctx.py.runPython("from js import *"),
        (e) => e.type === "ImportError" && /from js import document/.test(e.message),
      );
    } finally {
      ctx.py.unregisterJsModule("star_mod");
      ctx.py.runPython("del double, k");
    }
  });

  test("pyodide.globals.get gives builtins too, so globals.get('dict')() makes a fresh namespace, and dir() stays clean", () => {
    const dict = ctx.py.globals.get("dict");
    const ns = dict();
    try {
      ctx.py.runPython("x = 41", ns);
      assert.equal(ctx.py.runPython("x + 1", ns), 42);
      assert.equal(ctx.py.globals.has("x"), false);
      assert.equal(ctx.py.globals.has("print"), true);
      const len = ctx.py.globals.get("len");
      assert.equal(len([1, 2, 3]), 3);
      len.destroy();
      // A global of the same name wins over the builtin.
      ctx.py.runPython("len = 'shadowed'");
      assert.equal(ctx.py.globals.get("len"), "shadowed");
      ctx.py.runPython("del len");
      assert.equal(ctx.py.runPython("'print' in globals() or 'dict' in dir()"), false);
    } finally {
      ns.destroy();
      dict.destroy();
    }
  });

  test("runPythonAsync(code, messageCallback, errorCallback), the seed's own form, runs the code in globals", async () => {
    const messages = [];
    assert.equal(await ctx.py.runPythonAsync("seed_form = 6\nseed_form * 7", (m) => messages.push(m)), 42);
    assert.equal(await ctx.py.runPythonAsync("seed_form + 1", undefined, (m) => messages.push(m)), 7);
    assert.equal(ctx.py.globals.get("seed_form"), 6);
    assert.deepEqual(messages, []); // nothing to load: the standard library is already here
    ctx.py.runPython("del seed_form");
  });
});
