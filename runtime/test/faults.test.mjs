import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

// Fault injection at the entry points: every failure ends in a clean error and
// no leak (the harness checks the counters after each test).
describe("faults at the boundary", () => {
  const ctx = useRuntime();

  test("a __getattr__ that raises surfaces as a PythonError from a PyProxy get", () => {
    const p = ctx.py.runPython("class Bad:\n    def __getattr__(self, n):\n        raise RuntimeError('no ' + n)\nBad()");
    assert.throws(() => p.anything, (e) => e.type === "RuntimeError" && /no anything/.test(e.message));
    p.destroy();
    ctx.py.runPython("del Bad");
  });

  test("a __len__, __iter__ or __repr__ that raises surfaces as a PythonError", () => {
    const p = ctx.py.runPython(
      "class Bad:\n    def __len__(self): raise ValueError('len')\n    def __iter__(self): raise ValueError('iter')\n    def __repr__(self): raise ValueError('repr')\n    __str__ = __repr__\nBad()",
    );
    assert.throws(() => p.length, /ValueError: len/);
    assert.throws(() => [...p], /ValueError: iter/);
    assert.throws(() => String(p), /ValueError: repr/);
    p.destroy();
    ctx.py.runPython("del Bad");
  });

  test("a conversion failing half-way raises ConversionError and leaks nothing", () => {
    const p = ctx.py.runPython("[[1, 2], {'ok': 1}, [{(1, 2): 3}]]");
    assert.throws(() => p.toJs(), (e) => e.type === "ConversionError" && /key/.test(e.message));
    p.destroy();
  });

  test("a JS getter that throws becomes a JsException in Python", () => {
    ctx.py.globals.set("o", {
      get bad() {
        throw new RangeError("getter");
      },
    });
    assert.equal(ctx.py.runPython("try:\n    o.bad\nexcept Exception as e:\n    r = str(e)\nr"), "RangeError: getter");
    ctx.py.runPython("del o, r");
  });

  test("a JS function throwing mid-iteration ends the Python loop with JsException", () => {
    ctx.py.globals.set("it", {
      n: 0,
      next() {
        if (++this.n > 2) throw new Error("stop here");
        return { done: false, value: this.n };
      },
      [Symbol.iterator]() {
        return this;
      },
    });
    assert.equal(ctx.py.runPython("got = []\ntry:\n    for x in it: got.append(x)\nexcept Exception as e:\n    got.append(str(e))\nstr(got)"), "[1, 2, 'Error: stop here']");
    ctx.py.runPython("del it, got");
  });

  test("running out of memory raises MemoryError and the runtime keeps working", () => {
    assert.throws(() => ctx.py.runPython("bytearray(2**31 - 2**20)"), { type: "MemoryError" });
    assert.equal(ctx.py.runPython("sum(range(10))"), 45);
  });

  test("bad arguments from JS get clear errors", () => {
    assert.throws(() => ctx.py.runPython(42), /code must be a string/);
    assert.throws(() => ctx.py.registerJsModule("a.b", {}), /invalid module name/);
    assert.throws(() => ctx.py.registerJsModule("m", 5), /must be an object/);
    const d = ctx.py.runPython("{}");
    const unhashable = ctx.py.runPython("[1]");
    assert.throws(() => d.get(unhashable), { type: "TypeError" });
    unhashable.destroy();
    d.destroy();
  });

  test("a callback raising inside a JS call comes back as the same Python exception", () => {
    ctx.py.globals.set("callIt", (f) => f());
    assert.equal(
      ctx.py.runPython("class E(Exception): pass\nerr = E('x')\ndef f(): raise err\ntry:\n    callIt(f)\nexcept E as e:\n    same = e is err\nsame"),
      true,
    );
    ctx.py.runPython("del callIt, E, err, f, same");
  });
});
