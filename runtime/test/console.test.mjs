import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dist, loadPyodide, useRuntime } from "./harness.mjs";

describe("pyodide.console: REPL building blocks", () => {
  const ctx = useRuntime();
  const call = (code) => ctx.py.runPython(`from pyodide import console as _c\n${code}`);

  test("check_source tells complete, incomplete and wrong input apart", () => {
    assert.equal(call("_c.check_source('1+1')"), "complete");
    assert.equal(call("_c.check_source('def f():')"), "incomplete");
    assert.equal(call("_c.check_source('def f():\\n    return 1')"), "incomplete");
    assert.equal(call("_c.check_source('def f(): pass')"), "incomplete");
    assert.equal(call("_c.check_source('def f():\\n    return 1\\n')"), "complete");
    assert.equal(call("_c.check_source('1 +* 2')"), "error");
    assert.equal(call("_c.check_source('x = 1\\ny = 2')"), "complete");
    assert.equal(call("_c.check_source('await f()')"), "complete");
  });

  test("run_interactive prints expression values with repr and stores them in _", async () => {
    const ns = ctx.py.runPython("{}");
    const run = ctx.py.runPython("from pyodide.console import run_interactive\nrun_interactive");
    await run("'a' + 'b'\nx = 5\nx * 2", ns);
    assert.equal(ctx.out.join(""), "'ab'\n10\n");
    assert.equal(ctx.py.runPython("import builtins; builtins._"), 10);
    await run("import asyncio\nawait asyncio.sleep(0)\n7", ns);
    assert.match(ctx.out.join(""), /7\n$/);
    await assert.rejects(run("x = 1\n1/x/0", ns, "<input-7>"), (e) => {
      assert.match(e.message, /File "<input-7>", line 2, in <module>\n {4}1\/x\/0/);
      return true;
    });
    run.destroy();
    ns.destroy();
    ctx.py.runPython("del run_interactive, _c");
  });

  /** [matches, start] of completing `line` with the cursor at its end. */
  const names = (line) => {
    const r = call(`_c.complete(${JSON.stringify(line)}, ${line.length}, globals())`);
    const js = r.toJs();
    r.destroy();
    return js;
  };

  test("complete offers names, attributes and modules from the live namespace", () => {
    ctx.py.runPython("import json\nmy_variable = 1");
    assert.deepEqual(names("my_var"), [["my_variable"], 0]);
    assert.ok(names("json.du")[0].includes("json.dumps("));
    assert.ok(names("import js")[0].includes("json"));
    // Modules frozen into CPython have no file in the stdlib zips, and are offered all the same.
    assert.ok(names("import o")[0].includes("os"));
    assert.ok(names("import importlib.u")[0].includes("importlib.util"));
    assert.ok(names("from json import lo")[0].includes("loads"));
    ctx.py.runPython("del json, my_variable, _c");
  });

  test("completing import lines imports nothing: a module's names once imported, a package's submodules before", () => {
    // Modules of the working folder that say when they run, and a stdlib module nothing imports at start.
    ctx.py.runPython(`
import os
os.makedirs("completion_pkg", exist_ok=True)
for name, text in [("completion_pkg/__init__.py", "print('completion_pkg ran')\\nmarker = 1\\n"),
                   ("completion_pkg/part.py", "print('part ran')\\n"),
                   ("completion_mod.py", "print('completion_mod ran')\\ndef shout(): pass\\n")]:
    with open(name, "w") as f:
        f.write(text)
del os, name, text, f`);
    const watched = ["completion_mod", "completion_pkg", "completion_pkg.part", "fractions"];
    const imported = () => watched.filter((name) => call(`${JSON.stringify(name)} in __import__("sys").modules`));
    assert.deepEqual(imported(), []);

    assert.deepEqual(names("from completion_mod import sh"), [[], 27]);
    assert.deepEqual(names("from completion_pkg import "), [["part"], 27]);
    assert.deepEqual(names("    from completion_pkg import marker, p"), [["part"], 39]);
    assert.deepEqual(names("import completion_pkg.p"), [["completion_pkg.part"], 7]);
    assert.deepEqual(names("from completion_pkg.part import x"), [[], 32]);
    assert.deepEqual(names("from fractions import Fr"), [[], 22]);
    assert.ok(names("from completion_")[0].includes("completion_mod"));
    assert.ok(names("from jso")[0].includes("json"));
    assert.deepEqual(imported(), []);
    assert.deepEqual(ctx.out, []);

    ctx.py.runPython("import completion_mod, completion_pkg, fractions");
    assert.deepEqual(names("from completion_mod import sh"), [["shout"], 27]);
    assert.deepEqual(names("from completion_pkg import "), [["marker", "part"], 27]);
    assert.deepEqual(names("from completion_pkg import __fi"), [["__file__"], 27]);
    assert.deepEqual(names("from fractions import Fr"), [["Fraction"], 22]);
    assert.deepEqual(imported(), ["completion_mod", "completion_pkg", "fractions"]);
    ctx.py.runPython(`
import shutil, os, sys
shutil.rmtree("completion_pkg")
os.remove("completion_mod.py")
for name in ("completion_mod", "completion_pkg"):
    del sys.modules[name], globals()[name]
del shutil, os, name, fractions, _c`);
  });

  test("format_exception gives the error as data with the user's frames", () => {
    const info = call(
      "try:\n    exec(compile('def g():\\n    1/0\\ng()', '<console>', 'exec'), {})\nexcept Exception as e:\n    info = _c.format_exception(e)\ninfo",
    );
    const js = info.toJs({ dict_converter: Object.fromEntries });
    info.destroy();
    assert.equal(js.type, "ZeroDivisionError");
    assert.equal(js.message, "division by zero");
    assert.deepEqual(
      js.frames.filter((f) => f.filename === "<console>").map((f) => [f.lineno, f.name]),
      [
        [3, "<module>"],
        [2, "g"],
      ],
    );
    assert.match(js.text, /ZeroDivisionError: division by zero/);
    ctx.py.runPython("del info, _c");
  });

  test("format_exception leaves out hidden files' frames, in chained exceptions too", () => {
    const info = call(`
exec(compile('def helper(f):\\n    return f()', '<plumbing>', 'exec'), globals())
def inner():
    try:
        1/0
    except ZeroDivisionError:
        raise ValueError('bad')
try:
    helper(inner)
except ValueError as e:
    info = _c.format_exception(e, hidden_files=('<plumbing>',))
info`);
    const js = info.toJs({ dict_converter: Object.fromEntries });
    info.destroy();
    assert.deepEqual(
      js.frames.map((f) => f.name),
      ["<module>", "inner"],
    );
    assert.doesNotMatch(js.text, /plumbing/);
    assert.match(js.text, /ZeroDivisionError[\s\S]*During handling[\s\S]*ValueError: bad/);
    ctx.py.runPython("del info, _c, helper, inner");
  });

  test("format_exception shows the innermost 1000 frames of a very deep traceback, as CPython's REPL does", () => {
    const info = call(`
import sys
old_limit = sys.getrecursionlimit()
sys.setrecursionlimit(50_000)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    error = e
finally:
    sys.setrecursionlimit(old_limit)
depth = 0
tb = error.__traceback__
while tb is not None:
    depth, tb = depth + 1, tb.tb_next
info = _c.format_exception(error)
[depth, info]`);
    const [depth, js] = info.toJs({ dict_converter: Object.fromEntries });
    info.destroy();
    assert.ok(depth > 40_000, `the traceback itself keeps all ${depth} entries`);
    assert.equal(js.frames.length, 1000);
    assert.ok(js.frames.every((f) => f.name === "down"));
    assert.match(js.text, /^Traceback \(most recent call last\):\n {2}File "<exec>", line \d+, in down\n/);
    assert.match(js.text, /\[Previous line repeated 997 more times\]\nRecursionError: maximum recursion depth/);
    ctx.py.runPython("del info, error, down, depth, tb, old_limit, _c");
  });

  test("format_exception follows sys.tracebacklimit: the innermost N frames, none for 0", () => {
    const frameCounts = call(`
def a(): b()
def b(): c()
def c(): 1/0
counts = []
for limit in (2, 0):
    sys.tracebacklimit = limit
    try:
        a()
    except ZeroDivisionError as e:
        info = _c.format_exception(e)
    counts.append([[f["name"] for f in info["frames"]], info["text"]])
del sys.tracebacklimit
counts`);
    const [[twoNames, twoText], [noNames, noText]] = frameCounts.toJs();
    frameCounts.destroy();
    assert.deepEqual(twoNames, ["b", "c"]);
    assert.match(twoText, /^Traceback \(most recent call last\):\n {2}File "<exec>", line \d+, in b\n {2}File "<exec>", line \d+, in c\nZero/);
    assert.deepEqual(noNames, []);
    assert.equal(noText, "ZeroDivisionError: division by zero\n");
    ctx.py.runPython("del a, b, c, counts, info, limit, _c");
  });

  test("format_exception adds CPython's 'Did you mean' to a NameError or AttributeError, in a chained one too", () => {
    const texts = call(`
texts = []
for source in ["pritn(1)", "'abc'.uper()", "try:\\n    1/0\\nexcept Exception:\\n    lenn([])"]:
    try:
        exec(compile(source, "<console>", "exec"), {})
    except Exception as e:
        texts.append(_c.format_exception(e)["text"].splitlines()[-1])
texts`);
    assert.deepEqual(texts.toJs(), [
      "NameError: name 'pritn' is not defined. Did you mean: 'print'?",
      "AttributeError: 'str' object has no attribute 'uper'. Did you mean: 'upper'?",
      "NameError: name 'lenn' is not defined. Did you mean: 'len'?",
    ]);
    texts.destroy();
    ctx.py.runPython("del texts, _c");
  });

  test("format_exception reports an exception whose __str__ raises, as the traceback module does", () => {
    const info = call(`
class Odd(Exception):
    def __str__(self):
        raise RuntimeError("no str")
try:
    raise Odd()
except Odd as e:
    info = _c.format_exception(e)
info["message"], info["text"].splitlines()[-1]`);
    assert.deepEqual(info.toJs(), ["<exception str() failed>", "Odd: <exception str() failed>"]);
    info.destroy();
    ctx.py.runPython("del Odd, info, _c");
  });
});

// A console imports pyodide.console before it shows its prompt; what checking, completing and formatting errors
// use (~50 modules) comes on first use or from warm_up(), which a console calls once the prompt shows.
test("importing pyodide.console is cheap: its working modules come on first use or from warm_up()", async () => {
  const py = await loadPyodide({ indexURL: dist });
  const loaded = (names) => {
    const result = py.runPython(`import sys\n[name for name in ${JSON.stringify(names)} if name in sys.modules]`);
    try {
      return result.toJs();
    } finally {
      result.destroy();
    }
  };
  const working = ["ast", "codeop", "rlcompleter", "pkgutil", "inspect", "_pyrite.errors"];
  assert.deepEqual(loaded(working), [], "imported at start-up already");
  py.runPython("import pyodide.console");
  assert.deepEqual(loaded(working), []);
  assert.equal(py.runPython("pyodide.console.check_source('x = 1')"), "complete");
  assert.deepEqual(loaded(["ast", "codeop"]), ["ast", "codeop"]);
  py.runPython("pyodide.console.warm_up()");
  assert.deepEqual(loaded(working), working);
  const completion = py.runPython("pyodide.console.complete('import rlc', 10, {})");
  const [matches] = completion.toJs();
  completion.destroy();
  assert.deepEqual(matches, ["rlcompleter"]);
});
