import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PythonError, useRuntime } from "./harness.mjs";

/**
 * Runs Python that defines check(), which returns a list of mismatches, asserts that the list is empty, and deletes
 * the given names from the namespace again.
 */
function assertChecksPass(py, source, names) {
  assert.equal(py.runPython(`${source}repr(check())`), "[]");
  py.runPython(`del ${names}`);
}

describe("runPython", () => {
  const ctx = useRuntime();

  test("returns the value of the last expression", () => {
    assert.equal(ctx.py.runPython("1+1"), 2);
    assert.equal(ctx.py.runPython("x = 3\nx * 2"), 6);
  });

  test("returns undefined for None and for code ending in a statement", () => {
    assert.equal(ctx.py.runPython("None"), undefined);
    assert.equal(ctx.py.runPython("y = 1"), undefined);
    assert.equal(ctx.py.runPython("1+1;"), undefined);
  });

  test("converts numbers, strings and booleans implicitly", () => {
    assert.equal(ctx.py.runPython("1.5"), 1.5);
    assert.equal(ctx.py.runPython("True"), true);
    assert.equal(ctx.py.runPython("'h\u00e9llo \u2713 \ud834\udd1e'"), "h\u00e9llo \u2713 \ud834\udd1e");
    assert.ok(Number.isNaN(ctx.py.runPython("float('nan')")));
    assert.equal(ctx.py.runPython("float('inf')"), Infinity);
  });

  test("gives ints beyond 2**53 as BigInt", () => {
    assert.equal(ctx.py.runPython("2**53"), 2 ** 53);
    assert.equal(ctx.py.runPython("2**60"), 2n ** 60n);
    assert.equal(ctx.py.runPython("-(2**70)"), -(2n ** 70n));
  });

  test("routes print to the stdout callback", () => {
    ctx.py.runPython("print('hi')");
    assert.equal(ctx.out.join(""), "hi\n");
  });

  test("prints text with lone surrogates as replacement characters", () => {
    ctx.py.runPython("print('a\\ud800b')");
    assert.equal(ctx.out.join(""), "a?b\n");
  });

  test("routes writes to sys.stderr to the stderr callback", () => {
    ctx.py.runPython("import sys; sys.stderr.write('oops\\n')");
    assert.equal(ctx.err.join(""), "oops\n");
  });

  test("throws a PythonError with the type and the user's traceback", () => {
    assert.throws(
      () => ctx.py.runPython("1/0"),
      (e) => {
        assert.ok(e instanceof PythonError);
        assert.equal(e.name, "PythonError");
        assert.equal(e.type, "ZeroDivisionError");
        assert.match(e.message, /^Traceback \(most recent call last\):\n {2}File "<exec>", line 1/);
        assert.match(e.message, /ZeroDivisionError: division by zero\n$/);
        assert.doesNotMatch(e.message, /_pyrite|pyodide\//);
        return true;
      },
    );
  });

  test("sets sys.last_value to the exception that reached JS", () => {
    assert.throws(() => ctx.py.runPython("raise KeyError('k')"));
    assert.equal(ctx.py.runPython("repr(__import__('sys').last_value)"), "KeyError('k')");
  });

  test("surfaces SystemExit as a PythonError", () => {
    assert.throws(() => ctx.py.runPython("raise SystemExit(3)"), { type: "SystemExit" });
  });

  test("says to use runPythonAsync when given top-level await", () => {
    assert.throws(() => ctx.py.runPython("import asyncio\nawait asyncio.sleep(0)"), (e) => {
      assert.equal(e.type, "SyntaxError");
      assert.match(e.message, /runPythonAsync/);
      return true;
    });
  });

  test("compiles the code as compile() does: cookies ignored, futures applied to the last expression", () => {
    // A str source is already text: a coding cookie must not re-decode it.
    assert.equal(ctx.py.runPython("# -*- coding: latin-1 -*-\n'\u00e9'"), "\u00e9");
    assert.equal(
      ctx.py.runPython("from __future__ import annotations\ndef f(x: undefined_name): pass\nf.__annotations__['x']"),
      "undefined_name",
    );
    assert.equal(ctx.py.runPython("# only a comment\n"), undefined);
    assert.equal(ctx.py.runPython(""), undefined);
    assert.equal(ctx.py.runPython("(y := 4)\ny + 1"), 5);
    assert.equal(ctx.py.runPython("if True:\n    z = 7\nz"), 7);
  });

  test("reports a syntax error at its line in <exec>, and rejects NUL characters and bytes", () => {
    assert.throws(
      () => ctx.py.runPython("a = 1\nb = (\n"),
      (e) => {
        assert.equal(e.type, "SyntaxError");
        assert.match(e.message, /File "<exec>", line 2/);
        return true;
      },
    );
    // ValueError, as compile() raises in CPython 3.11.2 (later releases raise SyntaxError).
    assert.throws(() => ctx.py.runPython("1\u0000"), (e) => {
      assert.equal(e.type, "ValueError");
      assert.match(e.message, /null bytes/);
      return true;
    });
    assert.throws(() => ctx.py.runPython("import pyodide; pyodide.eval_code(b'1', {})"), { type: "TypeError" });
  });

  // cmake/patches/cpython-ceval-fast-paths.patch steps list and range iterators inside the interpreter loop.
  test("iterates lists and ranges as CPython does, also when the list changes or the values are large", () => {
    const expectRange = (start, stop, step) => {
      const out = [];
      for (let v = start; step > 0 ? v < stop : v > stop; v += step) out.push(v);
      return out;
    };
    const loop = (args) => {
      const list = ctx.py.runPython(`[x for x in range(${args})]`);
      try {
        return list.toJs();
      } finally {
        list.destroy();
      }
    };
    assert.deepEqual(loop("-10, 300, 7"), expectRange(-10, 300, 7));
    assert.deepEqual(loop("5, -300, -50"), expectRange(5, -300, -50));
    // Past the small-int cache, and past a 32-bit C long (another iterator type).
    assert.deepEqual(loop("2**31 - 3, 2**31 - 1"), expectRange(2 ** 31 - 3, 2 ** 31 - 1, 1));
    assert.equal(ctx.py.runPython("sum(x for x in range(2**31 - 2, 2**31 + 2))"), 4 * 2 ** 31 - 2);
    assert.equal(
      ctx.py.runPython(
        "seen = []\nitems = [1, 2, 3]\nfor x in items:\n    seen.append(x)\n    if len(items) < 6: items.append(x * 10)\nrepr(seen)",
      ),
      "[1, 2, 3, 10, 20, 30]",
    );
    // An exhausted list iterator stays exhausted when the list grows.
    assert.equal(ctx.py.runPython("it = iter(items)\nlist(it)\nitems.append(7)\nrepr(list(it))"), "[]");
    assert.equal(ctx.py.runPython("del seen, items, it, x"), undefined);
  });

  // cmake/patches/cpython-direct-alloc.patch calls pymalloc directly only while it is the allocator in force.
  test("tracemalloc still sees every allocation and free once it replaces the allocator", () => {
    const result = ctx.py.runPython(`
import tracemalloc
class Box:
    pass
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
kept = [str(i) * 10 for i in range(2000)] + [Box() for _ in range(500)]
grown = tracemalloc.get_traced_memory()[0] - base
del kept
left = tracemalloc.get_traced_memory()[0] - base
tracemalloc.stop()
del Box, base
(grown, left, tracemalloc.is_tracing())`);
    const [grown, left, tracing] = result.toJs();
    result.destroy();
    // 2000 strs of 40-ish bytes and 500 instances: well over 100 kB traced, nearly all of it freed again.
    assert.ok(grown > 100_000, `grew ${grown} bytes`);
    assert.ok(left < grown / 10, `${left} of ${grown} bytes still traced after del`);
    assert.equal(tracing, false);
    ctx.py.runPython("del grown, left, tracemalloc");
  });

  // cmake/patches/cpython-ceval-inline-ops.patch does comparisons of floats with one-digit ints, float division and
  // + - % of one-digit ints inside the interpreter loop once it has specialized: results must be Python's.
  test("comparisons of floats with ints, float division, int sums and remainders give Python's results in hot loops", () => {
    assertChecksPass(
      ctx.py,
      `
import operator
SOURCE = """
def compare(a, b):
    for _ in range(30):
        got = []
        if a < b: got.append("<")
        if a <= b: got.append("<=")
        if a == b: got.append("==")
        if a != b: got.append("!=")
        if a > b: got.append(">")
        if a >= b: got.append(">=")
    return got
def divide(a, b):
    for _ in range(30):
        r = a / b
    return r
def add_sub(a, b):
    for _ in range(30):
        s = a + b
        d = a - b
    return s, d
def remainder(a, b):
    for _ in range(30):
        r = a % b
        x = a
        x %= b
    return r, x
"""
def fresh():
    # A new code object for each pair: each starts unspecialized, so each pair is run by the specialized instructions.
    ns = {}
    exec(compile(SOURCE, "<ops>", "exec"), ns)
    return ns
def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return type(e).__name__
def check():
    floats = [0.5, -0.5, 0.0, -0.0, 1e300, -1e300, float("inf"), float("-inf"), float("nan"), 1073741823.5, 99.99999999999999]
    ints = [0, 1, -1, 100, 2**30 - 1, -(2**30 - 1), 2**30, -(2**30), 2**62, True, False]
    ops = [("<", operator.lt), ("<=", operator.le), ("==", operator.eq), ("!=", operator.ne), (">", operator.gt), (">=", operator.ge)]
    bad = []
    for x in floats:
        for n in ints:
            for a, b in ((x, n), (n, x)):
                got = fresh()["compare"](a, b)
                want = [name for name, op in ops if op(a, b)]
                if got != want:
                    bad.append((a, b, got, want))
    for a in floats + [3.0, 7.25]:
        for b in floats + [3.0, 7.25]:
            got = outcome(fresh()["divide"], a, b)
            if got != outcome(operator.truediv, a, b):
                bad.append((a, "/", b, got))
    ints = [0, 1, -1, 7, -7, 256, 257, -5, -6, 12345, -12345, 2**30 - 1, -(2**30 - 1), 2**30, 2**62, True]
    for a in ints:
        for b in ints:
            got = fresh()["add_sub"](a, b)
            if got != (operator.add(a, b), operator.sub(a, b)) or type(got[0]) is not int or type(got[1]) is not int:
                bad.append((a, "+-", b, got))
    for a in ints:
        for b in [1, -1, 3, -3, 5, 2**30 - 1, -(2**30 - 1), 0, 2**30, True]:
            got = outcome(fresh()["remainder"], a, b)
            want = outcome(lambda a, b: (operator.mod(a, b), operator.imod(a, b)), a, b)
            if got != want:
                bad.append((a, "%", b, got, want))
    return bad
`,
      "check, operator, SOURCE, fresh, outcome",
    );
  });

  // cmake/patches/cpython-sre-template.patch expands sub()'s templates in C; Match.expand still runs
  // re._parser.expand_template in Python, so it is the reference.
  test("re.sub with group references in the template gives what Match.expand gives, for str and bytes", () => {
    assertChecksPass(
      ctx.py,
      `
import re
def outcome(f):
    try:
        return repr(f())
    except Exception as e:
        return f"{type(e).__name__}: {e}"
def check():
    # Every pattern has two groups, so every template is valid for it (invalid ones fail before any match).
    patterns = [r"(a)|(b)", r"(?P<w>[a-z]+)-(?P<n>\\d+)", r"(x)?(y)", r"()()", r"(\\w)(\\w)?", r"(é+)(-)?"]
    templates = [r"\\1", r"\\2:\\1", r"<\\g<0>>", r"\\g<1>\\g<1>", r"a\\nb\\1", r"\\101\\1", r"x\\\\y\\1"]
    subjects = ["ab-12 ba cd-3 y xy", "", "aaa", "héé-5 wörld-77"]
    bad = []
    for p in patterns:
        for t in templates + ([r"[\\g<w>=\\g<n>]"] if "?P<" in p else []):
            for s in subjects:
                for count in (0, 2):
                    for enc in (str, lambda v: v.encode(), lambda v: bytearray(v.encode())):
                        pat, tmpl, subject = enc(p), enc(t), enc(s)
                        got = outcome(lambda: re.subn(pat, tmpl, subject, count=count))
                        want = outcome(lambda: re.subn(pat, lambda m: m.expand(tmpl), subject, count=count))
                        if got != want:
                            bad.append((p, t, s, count, got, want))
    # Unchanged errors: a group the pattern lacks, bytes pieces for a str subject.
    if outcome(lambda: re.sub(r"(a)", r"\\2", "a")) != "error: invalid group reference 2 at position 1":
        bad.append("group past the pattern's")
    if not outcome(lambda: re.sub(r"(a)", rb"-\\1", "a")).startswith("TypeError"):
        bad.append("bytes template, str subject")
    # A memoryview subject gives bytes, as in 3.12 (3.11 raised AttributeError).
    if re.sub(rb"(b)", rb"<\\1>", memoryview(b"abc")) != b"a<b>c":
        bad.append("memoryview")
    return bad
`,
      "check, outcome, re",
    );
  });

  // The interpreter loop is patched (cmake/patches/cpython-ceval-*.patch), and the opcodes a hot loop rarely runs are
  // the ones the workloads never check: each of them, and their error paths inside loops (the stack must be left as
  // the loop expects), against Python's own results.
  test("imports, displays, f-strings, deletions, classes, match, except*, with and async give Python's results", () => {
    assertChecksPass(
      ctx.py,
      `
import sys
def check():
    bad = []
    def expect(label, got, want):
        if got != want:
            bad.append((label, got, want))
    def error_of(f):
        try:
            f()
        except BaseException as e:
            return type(e).__name__
        return None

    # Imports (IMPORT_NAME, IMPORT_FROM, IMPORT_STAR), an import that fails inside a loop.
    from math import sqrt
    import os.path as osp
    ns = {}
    exec("from math import *", ns)
    expect("import", (sqrt(9.0), osp.basename("/a/b"), ns["floor"](2.5)), (3.0, "b", 2))
    kinds = []
    for name in ["json", "no_such_module_x", "re"]:
        try:
            kinds.append(__import__(name).__name__)
        except ImportError as e:
            kinds.append(type(e).__name__)
    for _ in range(3):
        try:
            from math import no_such_name
        except ImportError:
            kinds.append("ImportError")
    expect("import errors", kinds, ["json", "ModuleNotFoundError", "re", "ImportError", "ImportError", "ImportError"])

    # Displays: sets, tuples and lists from iterables, dicts with constant keys, merges, f-strings.
    x, d = [3, 1, 2], {"a": 1}
    expect("displays", ({*x, 4}, (*x,), [*x, *x], {**d, "b": 2}, {"k": 1, "l": x[0]}),
           ({1, 2, 3, 4}, (3, 1, 2), [3, 1, 2, 3, 1, 2], {"a": 1, "b": 2}, {"k": 1, "l": 3}))
    def kw(**k):
        return sorted(k)
    expect("merge", kw(**d, **{"b": 2}), ["a", "b"])
    errors = [error_of(lambda: kw(**d, **d)), error_of(lambda: {**1}), error_of(lambda: [*1]), error_of(lambda: {*1})]
    expect("display errors", errors, ["TypeError"] * 4)
    v = 3.14159
    expect("f-strings", [f"{v:.2f}|{v!r:>9}|{'s'!s}{'é'!a}|{i:03d}" for i in range(2)],
           ["3.14|  3.14159|s'\\\\xe9'|000", "3.14|  3.14159|s'\\\\xe9'|001"])
    expect("f-string error", error_of(lambda: f"{v:q}"), "ValueError")

    # Unpacking with a star, deletions, globals.
    a, *b, c = range(5)
    expect("unpack", (a, b, c), (0, [1, 2, 3], 4))
    expect("unpack error", error_of(lambda: exec("a, *b, c = [1]")), "ValueError")
    obj = type("O", (), {})()
    obj.attr = 1
    lst = [1, 2, 3]
    del obj.attr, lst[0]
    expect("del", (hasattr(obj, "attr"), lst), (False, [2, 3]))
    expect("del errors", [error_of(lambda: exec("del obj.attr", {"obj": obj})), error_of(lambda: exec("del undefined_n")),
                          error_of(lambda: exec("global g\\ndel g", {}))], ["AttributeError", "NameError", "NameError"])
    g = {}
    exec("global gv\\ngv = 1\\nmod_level = gv + 1\\ndel mod_level", g)
    expect("globals", (g["gv"], "mod_level" in g), (1, False))
    def cell():
        z = 1
        def inner():
            return z
        del z
        return error_of(inner)
    expect("del cell", cell(), "NameError")

    # Functions and classes: defaults, closures, annotations, class bodies reading a closure.
    def make(k):
        def f(a, b=2, *, c=k) -> int:
            return a + b + c
        return f
    expect("functions", (make(10)(1), make(10).__annotations__, make(1).__kwdefaults__), (13, {"return": int}, {"c": 1}))
    def outer():
        hidden = "cell"
        class K:
            seen = hidden
            n: int = 1
        return K
    K = outer()
    expect("classes", (K.seen, K.__annotations__), ("cell", {"n": int}))
    ns = {}
    exec("m: int = 2\\nclass C(dict): pass", ns)
    expect("module annotations", (ns["__annotations__"], ns["C"].__mro__[1]), ({"m": int}, dict))

    # Pattern matching.
    def shape(v):
        match v:
            case {"x": x, **rest}:
                return ("map", x, rest)
            case [1, *more]:
                return ("seq", more)
            case complex(real=r, imag=0):
                return ("real", r)
            case str() | bytes():
                return ("text",)
            case _:
                return ("other",)
    expect("match", [shape(v) for v in ({"x": 1, "y": 2}, [1, 2, 3], complex(2, 0), "s", 4.5, {"y": 1})],
           [("map", 1, {"y": 2}), ("seq", [2, 3]), ("real", 2.0), ("text",), ("other",), ("other",)])

    # Exceptions: except, except*, assert, with.
    caught = []
    for exc in (ValueError("v"), KeyError("k"), TypeError("t")):
        try:
            try:
                raise exc
            except (ValueError, KeyError) as e:
                caught.append(type(e).__name__)
        except TypeError:
            caught.append("outer TypeError")
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        caught.append(len(eg.exceptions))
    except* TypeError as eg:
        caught.append(len(eg.exceptions))
    expect("except", caught, ["ValueError", "KeyError", "outer TypeError", 2, 1])
    def star_reraise():
        try:
            raise ExceptionGroup("g", [ValueError(1), OSError(2)])
        except* ValueError:
            pass
    expect("except* reraise", error_of(star_reraise), "ExceptionGroup")
    expect("assert", error_of(lambda: exec("assert False, 'm'")), "AssertionError")
    class Ctx:
        def __init__(self, swallow):
            self.swallow, self.log = swallow, []
        def __enter__(self):
            self.log.append("enter")
            return self
        def __exit__(self, t, e, tb):
            self.log.append(t.__name__ if t else None)
            return self.swallow
    quiet, loud = Ctx(True), Ctx(False)
    with quiet:
        raise KeyError
    with loud:
        pass
    expect("with", (quiet.log, loud.log, error_of(lambda: exec("with 1: pass"))), (["enter", "KeyError"], ["enter", None], "TypeError"))

    # Generators and coroutines: yield from, await, async for, async with, async generators.
    def gen():
        yield from range(3)
        yield from [9]
    expect("yield from", list(gen()), [0, 1, 2, 9])
    class Ready:
        def __await__(self):
            yield "tick"
            return 5
    class AsyncCtx:
        async def __aenter__(self):
            return await Ready()
        async def __aexit__(self, *exc):
            return False
    async def agen():
        for i in range(3):
            yield i + await Ready()
    async def main():
        out = []
        async with AsyncCtx() as v:
            out.append(v)
        async for item in agen():
            out.append(item)
        out.append([i async for i in agen()])
        try:
            await 1
        except TypeError:
            out.append("TypeError")
        return out
    coro = main()
    ticks = 0
    while True:
        try:
            coro.send(None)
            ticks += 1
        except StopIteration as stop:
            result = stop.value
            break
    expect("async", (result, ticks), ([5, 5, 6, 7, [5, 6, 7], "TypeError"], 7))

    # The interactive display hook (PRINT_EXPR).
    shown = []
    hook = sys.displayhook
    sys.displayhook = shown.append
    try:
        exec(compile("6 * 7", "<stdin>", "single"))
    finally:
        sys.displayhook = hook
    expect("print expr", shown, [42])
    return bad
`,
      "check, sys",
    );
  });

  test("imports the compression and database modules", () => {
    assert.equal(
      ctx.py.runPython(
        "import zlib, bz2, lzma, sqlite3, json\n" +
          "data = b'x' * 1000\n" +
          "ok = zlib.decompress(zlib.compress(data)) == bz2.decompress(bz2.compress(data)) == lzma.decompress(lzma.compress(data)) == data\n" +
          "con = sqlite3.connect(':memory:')\n" +
          "ok and con.execute('select 6*7').fetchone()[0]",
      ),
      42,
    );
  });

  test("sqlite3 has the features the build compiles in: full-text search, math functions, an indexed table", () => {
    assert.equal(
      ctx.py.runPython(
        "import sqlite3\n" +
          "con = sqlite3.connect(':memory:')\n" +
          "con.execute('create virtual table docs using fts5(body)')\n" +
          "con.executemany('insert into docs values (?)', [('the quick brown fox',), ('lazy dogs sleep',)])\n" +
          "hits = con.execute(\"select body from docs where docs match 'quick'\").fetchall()\n" +
          "con.execute('create table t (k integer primary key, v text)')\n" +
          "con.executemany('insert into t values (?, ?)', ((i, str(i)) for i in range(5000)))\n" +
          "con.execute('create index t_v on t (v)')\n" +
          "found = con.execute(\"select k from t where v = '4321'\").fetchone()[0]\n" +
          "root = con.execute('select sqrt(16.0)').fetchone()[0]\n" +
          "con.close()\n" +
          "repr((hits, found, root))",
      ),
      "([('the quick brown fox',)], 4321, 4.0)",
    );
  });

  test("the home folder is the working folder: ~ is /home/pyodide", () => {
    assert.equal(ctx.py.runPython("import os; os.path.expanduser('~')"), "/home/pyodide");
    assert.equal(ctx.py.runPython("os.environ['HOME'] == os.getcwd()"), true);
  });

  test("starts in /home/pyodide, where relative paths are written", () => {
    assert.equal(ctx.py.runPython("import os; os.getcwd()"), "/home/pyodide");
    ctx.py.runPython("with open('notes.txt', 'w') as f: f.write('x')");
    assert.equal(ctx.py.runPython("os.path.exists('/home/pyodide/notes.txt')"), true);
    ctx.py.runPython("os.remove('notes.txt')");
  });

  test("reports the Python version 3.11.2 running on emscripten", () => {
    assert.equal(ctx.py.runPython("import sys; sys.platform"), "emscripten");
    assert.equal(ctx.py.runPython("import platform; platform.python_version()"), "3.11.2");
    assert.equal(typeof ctx.py.version, "string");
  });
});

describe("interactive builtins", () => {
  const ctx = useRuntime();

  test("help, exit, quit and copyright exist as in CPython's REPL", () => {
    assert.equal(ctx.py.runPython("str((repr(exit), repr(quit), type(help).__name__, 'Python Software Foundation' in str(copyright)))"),
      "('Use exit() or Ctrl-D (i.e. EOF) to exit', 'Use quit() or Ctrl-D (i.e. EOF) to exit', '_Helper', True)");
    ctx.py.runPython("help(len)");
    assert.match(ctx.out.join(""), /Help on built-in function len/);
  });
});
