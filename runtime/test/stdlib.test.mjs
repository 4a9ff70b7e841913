// The stdlib in two downloads: what start-up and common use import comes with
// loadPyodide(); the rest is fetched on the first import that needs it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime, loadPyodide, dist } from "./harness.mjs";

const ctx = useRuntime();
const fetched = () => ctx.py.runPython("import _pyrite.lazystdlib as l\nl._root is not None");

describe("the stdlib's second download", () => {
  test("start-up and common modules come from the first download only", () => {
    assert.equal(fetched(), false);
    ctx.py.runPython(
      "import random, datetime, statistics, fractions, decimal, dataclasses, json, re, textwrap, pathlib, asyncio, inspect, turtle",
    );
    assert.equal(ctx.py.runPython("('é'.encode('latin-1') + 'x'.encode('utf-16-le')).hex()"), "e9780000".slice(0, 6));
    assert.equal(fetched(), false);
  });

  test("completing `import` lists its modules before it is fetched, submodules too", () => {
    const complete = (line) => {
      const result = ctx.py.runPython(`from pyodide.console import complete\ncomplete(${JSON.stringify(line)}, ${line.length}, {})`);
      const [matches] = result.toJs();
      result.destroy();
      return matches;
    };
    assert.ok(complete("import xml").includes("xml"));
    assert.deepEqual(complete("import xml.d"), ["xml.dom"]);
    assert.ok(complete("from xml.dom import mini").includes("minidom"));
    assert.equal(fetched(), false);
  });

  test("the first import of one of its modules fetches it once; packages split across both work", () => {
    const r = ctx.py.runPython(`
import xml.dom.minidom
tag = xml.dom.minidom.parseString("<lesson/>").documentElement.tagName
import email.message
m = email.message.EmailMessage()
m["Subject"] = "hi"
# encodings is split: the cp1252 codec is in the second zip
(tag, m["Subject"], "€".encode("cp1252")[0])`);
    assert.deepEqual(r.toJs(), ["lesson", "hi", 0x80]);
    r.destroy();
    assert.equal(fetched(), true);
    assert.equal(ctx.py.runPython("import sys\nsum(p.endswith('_extra.zip') for p in sys.path)"), 1);
  });

  test("modules frozen into CPython are in neither zip and import, and reload, from their frozen copies", () => {
    const r = ctx.py.runPython(`
import _imp, importlib, zipfile, runpy, importlib.util, ntpath
frozen = sorted(n for n in _imp._frozen_module_names() if not n.startswith(("__", "_frozen_")) and n != "os.path")
with zipfile.ZipFile("/lib/python311.zip") as z:
    names = set(z.namelist())
in_zip = [n for n in frozen if n.replace(".", "/") + ".pyc" in names]
origins = {m.__spec__.origin for m in (runpy, importlib.util, ntpath, importlib.reload(ntpath))}
(len(frozen), in_zip, sorted(origins))`);
    const [count, inZip, origins] = r.toJs();
    r.destroy();
    assert.ok(count >= 15, String(count));
    assert.deepEqual(inZip, []);
    assert.deepEqual(origins, ["frozen"]);
  });

  test("`import this` prints the Zen of Python, as in any CPython", () => {
    ctx.out.length = 0;
    ctx.py.runPython("import this");
    assert.match(ctx.out.join(""), /^The Zen of Python, by Tim Peters\n\nBeautiful is better than ugly\./);
    ctx.py.runPython("import sys\ndel this, sys.modules['this']");
  });

  test("modules in the working folder import, as in CPython's REPL, even one written the moment after a miss", () => {
    assert.equal(
      ctx.py.runPython(`
import os, sys
found = [sys.path[0], os.getcwd()]
try:
    import helper_here
except ImportError:
    found.append("missing first")
with open("helper_here.py", "w") as f:
    f.write("X = 5\\n")
os.mkdir("pkg_here")
with open("pkg_here/__init__.py", "w") as f:
    f.write("Y = 7\\n")
import helper_here, pkg_here
found += [helper_here.X, pkg_here.Y]
str(found)`),
      "['', '/home/pyodide', 'missing first', 5, 7]",
    );
    ctx.py.runPython(`
import shutil
os.remove("helper_here.py")
shutil.rmtree("pkg_here")
del sys.modules["helper_here"], sys.modules["pkg_here"], helper_here, pkg_here, found, f, os, sys, shutil`);
  });

  test("a module that exists nowhere still raises ModuleNotFoundError", () => {
    assert.throws(() => ctx.py.runPython("import no_such_module_here"), { type: "ModuleNotFoundError" });
  });
});

test("fullStdLib: true downloads both parts at start", async () => {
  const py = await loadPyodide({ indexURL: dist, fullStdLib: true });
  assert.equal(py.runPython("import os\nos.path.exists('/lib/python311_extra.zip')"), true);
  assert.equal(py.runPython("import xml.dom\n'ok'"), "ok");
});

const inNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
if (inNode) {
  test("when the second download is missing, the import fails with ImportError saying so", async () => {
    const { mkdtemp, symlink, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "pyrite-"));
    try {
      for (const f of ["pyrite_core.mjs", "pyrite_core.wasm", "python_stdlib.zip", "pyodide.mjs"]) {
        await symlink(join(dist, f), join(dir, f));
      }
      const err = [];
      const py = await loadPyodide({ indexURL: dir, stderr: (t) => err.push(t) });
      assert.throws(() => py.runPython("import xml.dom"), (e) => {
        assert.equal(e.type, "ImportError");
        assert.match(e.message, /could not download the rest of the standard library/);
        return true;
      });
      assert.equal(py.runPython("import json\njson.dumps([1])"), "[1]");
    } finally {
      await rm(dir, { recursive: true });
    }
  });
}
