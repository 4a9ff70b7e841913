// The seed's package and host helpers (loadPackage, loadPackagesFromImports, find_imports, open_url,
// register_js_module): code written against them runs, and says clearly what is not here.
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { PythonError, useRuntime } from "./harness.mjs";

describe("package loading", () => {
  const ctx = useRuntime();

  const load = async (names) => {
    const messages = [];
    const errors = [];
    await ctx.py.loadPackage(
      names,
      (m) => messages.push(m),
      (m) => errors.push(m),
    );
    return { messages, errors };
  };

  test("loadPackage resolves quietly for standard-library modules, those in the second part included", async () => {
    const { messages, errors } = await load(["json", "csv", "sqlite3"]);
    assert.deepEqual(errors, []);
    assert.deepEqual(messages, ["No new packages to load"]);
    assert.equal(ctx.py.runPython("import sqlite3\nsqlite3.connect(':memory:').execute('select 2').fetchone()[0]"), 2);
    ctx.py.runPython("del sqlite3");
  });

  test("loadPackage reports a package that is not here and still resolves, as the seed does", async () => {
    const { errors } = await load("numpy");
    assert.deepEqual(errors, [
      "Skipping unknown package 'numpy': only the standard library is here; install packages of Python code from " +
        "PyPI with micropip",
    ]);
    assert.throws(() => ctx.py.runPython("import numpy"), /ModuleNotFoundError: No module named 'numpy'/);
  });

  test("loadPackage takes a Python list of names", async () => {
    const names = ctx.py.runPython("['re', 'not_a_module_here']");
    try {
      const { errors } = await load(names);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /'not_a_module_here'/);
    } finally {
      names.destroy();
    }
  });

  test("loadPackage rejects names that are not strings", async () => {
    await assert.rejects(ctx.py.loadPackage([1]), /a package name must be a string/);
    await assert.rejects(ctx.py.loadPackage({}), /expected a package name or a list of names/);
  });

  test("loadPackagesFromImports has nothing to load and checks its argument", async () => {
    await ctx.py.loadPackagesFromImports("import json\nimport numpy");
    await assert.rejects(ctx.py.loadPackagesFromImports(42), /code must be a string/);
    assert.deepEqual(ctx.py.loadedPackages, {});
  });
});

describe("the pyodide module's helpers", () => {
  const ctx = useRuntime();

  test("find_imports lists the top-level modules imported, sorted, without relative imports", () => {
    const names = ctx.py.runPython(`
from pyodide import find_imports
r = find_imports("""
import a.b, c
from d.e import f
from . import g
from .h import i
import a
def inner():
    import z
""")
del find_imports
r`);
    try {
      assert.deepEqual(names.toJs(), ["a", "c", "d", "z"]);
    } finally {
      names.destroy();
      ctx.py.runPython("del r");
    }
  });

  test("find_imports raises SyntaxError for code that does not parse", () => {
    assert.throws(
      () => ctx.py.runPython("import pyodide\npyodide.find_imports('import (')"),
      (e) => e instanceof PythonError && e.type === "SyntaxError",
    );
  });

  test("open_url reads a file: URL as text, and a failed fetch is an OSError", () => {
    const dir = mkdtempSync(join(tmpdir(), "pyrite-open-url-"));
    try {
      const file = join(dir, "data.txt");
      writeFileSync(file, "héllo\nworld\n");
      ctx.py.globals.set("url", pathToFileURL(file).href);
      const lines = ctx.py.runPython("import pyodide\nf = pyodide.open_url(url)\nlines = f.readlines()\ndel f\nlines");
      try {
        assert.deepEqual(lines.toJs(), ["héllo\n", "world\n"]);
      } finally {
        lines.destroy();
      }
      assert.match(
        ctx.py.runPython(
          "try:\n  pyodide.open_url(url + '.missing')\nexcept OSError as e:\n  r = str(e)\nr",
        ),
        /^could not fetch file:.*data\.txt\.missing/,
      );
    } finally {
      ctx.py.runPython("del url, lines, r");
      rmSync(dir, { recursive: true });
    }
  });

  test("register_js_module and unregister_js_module work from Python, as registerJsModule does from JS", () => {
    ctx.py.runPython(`
from pyodide import register_js_module, unregister_js_module
from js import Object
o = Object.new()
o.answer = 42
register_js_module("from_python", o)
del o, Object
import from_python
value = from_python.answer
del from_python
`);
    assert.equal(ctx.py.globals.get("value"), 42);
    assert.equal(ctx.py.runPython("import from_python\nfrom_python.answer"), 42);
    ctx.py.unregisterJsModule("from_python");
    assert.throws(() => ctx.py.runPython("import from_python"), /No module named 'from_python'/);
    assert.match(
      ctx.py.runPython("try:\n  unregister_js_module('from_python')\nexcept ValueError as e:\n  r = str(e)\nr"),
      /no JavaScript module with that name is registered/,
    );
    ctx.py.runPython("del value, r, from_python, register_js_module, unregister_js_module");
  });

  test("register_js_module takes only JS objects, and the runtime's own modules cannot be replaced or removed", () => {
    const r = ctx.py.runPython(`
from pyodide import register_js_module, unregister_js_module
from js import Object
out = []
for call in (lambda: register_js_module("m", {}), lambda: register_js_module("a.b", Object.new()),
             lambda: register_js_module("_pyrite_host", Object.new()), lambda: unregister_js_module("_pyrite_host")):
    try:
        call()
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
del register_js_module, unregister_js_module, Object, call
out`);
    try {
      const [notJs, dotted, replaced, removed] = r.toJs();
      assert.match(notJs, /^TypeError: register_js_module: the module must be a JavaScript object/);
      assert.match(dotted, /^ValueError: register_js_module: invalid module name 'a\.b'/);
      assert.match(replaced, /^JsException: .*the module name '_pyrite_host' is reserved/);
      assert.match(removed, /^ValueError: Cannot unregister '_pyrite_host'/);
      assert.throws(() => ctx.py.registerJsModule("_pyrite_host", {}), /reserved/);
      // The stdlib's second part is still reachable through the runtime's own module.
      assert.equal(ctx.py.runPython("import tomllib\ntomllib.loads('a = 1')['a']"), 1);
    } finally {
      r.destroy();
      ctx.py.runPython("del out, tomllib");
    }
  });
});
