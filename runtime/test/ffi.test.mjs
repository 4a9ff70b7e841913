import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PythonError, tick, useRuntime } from "./harness.mjs";

describe("JsProxy: JS values seen from Python", () => {
  const ctx = useRuntime();

  test("reads, writes and deletes attributes, and names a missing one", () => {
    const obj = { a: 1 };
    ctx.py.globals.set("obj", obj);
    ctx.py.runPython("obj.b = obj.a + 1\ndel obj.a");
    assert.deepEqual(obj, { b: 2 });
    assert.throws(() => ctx.py.runPython("obj.nope"), (e) => e.type === "AttributeError" && /nope/.test(e.message));
    ctx.py.globals.delete("obj");
  });

  test("calls methods with the right this and keyword arguments as a trailing object", () => {
    const calls = [];
    const obj = {
      name: "o",
      f(...args) {
        calls.push([this.name, args]);
        return args.length;
      },
    };
    ctx.py.globals.set("obj", obj);
    assert.equal(ctx.py.runPython("obj.f(1, 'x', key=True)"), 3);
    assert.deepEqual(calls, [["o", [1, "x", { key: true }]]]);
    ctx.py.globals.delete("obj");
  });

  test("passes numbers to JS calls and constructors exactly, big ints as BigInt and bools as booleans", () => {
    const seen = [];
    ctx.py.globals.set("record", (...args) => {
      seen.push(args);
      return args.length;
    });
    ctx.py.globals.set(
      "Box",
      class {
        constructor(...args) {
          this.args = args;
        }
      },
    );
    ctx.py.runPython(
      "import math\n" +
        "record(0, -7, 2**53, -2**53, 2**53 + 1, 1.5, -0.0, math.nan, True, False, 'a', None)\n" +
        "record(3, k=4, f=0.25)\n" +
        "box = Box.new(9, 2**60, 0.5)",
    );
    const [first, second] = seen;
    assert.deepEqual(first.slice(0, 6), [0, -7, 2 ** 53, -(2 ** 53), 2n ** 53n + 1n, 1.5]);
    assert.ok(Object.is(first[6], -0) && Number.isNaN(first[7]));
    assert.deepEqual(first.slice(8), [true, false, "a", undefined]);
    assert.deepEqual(second, [3, { k: 4, f: 0.25 }]);
    assert.deepEqual(ctx.py.runPython("box.args"), [9, 2n ** 60n, 0.5]);
    ctx.py.runPython("del record, Box, box, math");
  });

  test("constructs with new, iterates, measures and tests membership", () => {
    ctx.py.globals.set("arr", [1, 2, 3]);
    ctx.py.globals.set("m", new Map([["k", 5]]));
    assert.equal(ctx.py.runPython("from js import Date\nDate.new(0).getTime()"), 0);
    assert.equal(ctx.py.runPython("list(arr) == [1, 2, 3] and len(arr) == 3 and 2 in arr and arr[-1] == 3"), true);
    assert.equal(ctx.py.runPython("m['k'] + len(m)"), 6);
    assert.throws(() => ctx.py.runPython("m['z']"), { type: "KeyError" });
    assert.throws(() => ctx.py.runPython("arr[10]"), { type: "IndexError" });
    ctx.py.runPython("del arr, m, Date");
  });

  test("gives callable() and len() only where JS supports them", () => {
    ctx.py.globals.set("f", () => 1);
    ctx.py.globals.set("o", {});
    const r = ctx.py.runPython("[callable(f), callable(o), hasattr(o, '__len__')]");
    assert.deepEqual(r.toJs(), [true, false, false]);
    r.destroy();
    ctx.py.runPython("del f, o");
  });

  test("compares by JS identity and keeps identity in round trips", () => {
    const o = {};
    ctx.py.globals.set("a", o);
    ctx.py.globals.set("b", o);
    assert.equal(ctx.py.runPython("a == b and hash(a) == hash(b)"), true);
    assert.equal(ctx.py.globals.get("a"), o);
    ctx.py.runPython("del a, b");
  });

  test("converts deeply with to_py, keeping shared and cyclic parts", () => {
    const shared = [1];
    const cyclic = { shared, again: shared };
    cyclic.self = cyclic;
    ctx.py.globals.set("v", cyclic);
    assert.equal(
      ctx.py.runPython("d = v.to_py()\nd['shared'] is d['again'] and d['self'] is d and d['shared'] == [1]"),
      true,
    );
    assert.equal(ctx.py.runPython("type(v.to_py(depth=1)['shared']).__name__"), "JsProxy");
    ctx.py.runPython("del v, d");
  });

  test("gives typeof, object_keys, object_values and object_entries", () => {
    ctx.py.globals.set("o", { x: 1, y: 2 });
    assert.equal(
      ctx.py.runPython(
        "str((o.typeof, list(o.object_keys()), list(o.object_values()), [list(e) for e in o.object_entries()]))",
      ),
      "('object', ['x', 'y'], [1, 2], [['x', 1], ['y', 2]])",
    );
    // The arrays themselves, as in the seed: JS gets an Array back, Python a JsProxy with the array's methods.
    assert.equal(ctx.py.runPython("type(o.object_keys()).__name__ + ':' + o.object_keys().join('+')"), "JsProxy:x+y");
    const keys = ctx.py.runPython("o.object_keys()");
    assert.ok(Array.isArray(keys));
    assert.deepEqual(keys, ["x", "y"]);
    ctx.py.runPython("del o");
  });

  test("imports names from js and from registered JS modules, with submodules", () => {
    ctx.py.registerJsModule("my_mod", { add: (a, b) => a + b, sub: { k: 7 } });
    assert.equal(ctx.py.runPython("from my_mod import add\nfrom my_mod.sub import k\nadd(2, k)"), 9);
    ctx.py.unregisterJsModule("my_mod");
    assert.throws(() => ctx.py.runPython("import my_mod"), { type: "ModuleNotFoundError" });
    assert.throws(() => ctx.py.unregisterJsModule("my_mod"), /no JavaScript module/);
    assert.equal(ctx.py.runPython("import js\njs.Math.max(1, 5)"), 5);
    ctx.py.runPython("del add, k, js");
  });
});

describe("PyProxy: Python objects seen from JS", () => {
  const ctx = useRuntime();

  test("gets, sets, checks and deletes items and measures length", () => {
    const d = ctx.py.runPython("{'a': 1}");
    d.set("b", 2);
    assert.equal(d.get("b"), 2);
    assert.equal(d.has("a"), true);
    d.delete("a");
    assert.equal(d.length, 1);
    assert.equal(d.get("missing"), undefined);
    assert.equal(d.type, "dict");
    d.destroy();
  });

  test("passes JS numbers to Python as int when they are safe integers and as float otherwise", () => {
    const describe = ctx.py.runPython("def describe(*args, **kw): return repr([*args, kw])\ndescribe");
    const values = [0, -0, 7, -3, 2.5, 2 ** 53 - 1, 2 ** 53, 1e300, NaN, Infinity, -Infinity];
    assert.equal(
      describe(...values),
      "[0, 0, 7, -3, 2.5, 9007199254740991, 9007199254740992.0, 1e+300, nan, inf, -inf, {}]",
    );
    // Numbers mixed with other values, and as keyword arguments.
    assert.equal(describe.callKwargs("s", 1, null, 1.5, { k: 2, f: 0.5 }), "['s', 1, None, 1.5, {'k': 2, 'f': 0.5}]");
    describe.destroy();
  });

  test("calls Python functions, with keyword arguments through callKwargs", () => {
    const f = ctx.py.runPython("def f(a, b=10): return a + b\nf");
    assert.equal(f(1), 11);
    assert.equal(f.callKwargs(1, { b: 2 }), 3);
    assert.equal(typeof f, "function");
    f.destroy();
  });

  test("iterates lists and generators and reports a generator's return value", () => {
    const l = ctx.py.runPython("[1, 2, 3]");
    assert.deepEqual([...l], [1, 2, 3]);
    l.destroy();
    const g = ctx.py.runPython("def g():\n    yield 1\n    return 5\ng()");
    assert.deepEqual(g.next(), { done: false, value: 1 });
    assert.deepEqual(g.next(), { done: true, value: 5 });
    g.destroy();
  });

  test("has exactly the methods the Python object supports", () => {
    const n = ctx.py.runPython("object()");
    assert.equal("length" in n, false);
    assert.equal(typeof n.then, "undefined");
    assert.equal(typeof n, "object");
    n.destroy();
  });

  test("converts with toJs: list to Array, dict to Map, set to Set, bytes to Uint8Array", () => {
    const p = ctx.py.runPython("[[1, 2], {'k': (3,)}, {4}, b'ab']");
    const [list, map, set, bytes] = p.toJs();
    assert.deepEqual(list, [1, 2]);
    assert.deepEqual(map, new Map([["k", [3]]]));
    assert.deepEqual(set, new Set([4]));
    assert.deepEqual(bytes, new Uint8Array([97, 98]));
    p.destroy();
  });

  test("keeps shared and cyclic substructures in toJs", () => {
    const p = ctx.py.runPython("a = [1]\nb = [a, a]\nb.append(b)\nb");
    const js = p.toJs();
    assert.equal(js[0], js[1]);
    assert.equal(js[2], js);
    p.destroy();
    ctx.py.runPython("del a, b");
  });

  test("converts dicts with a dict_converter and refuses unconvertible keys", () => {
    const p = ctx.py.runPython("{'x': 1}");
    assert.deepEqual(p.toJs({ dict_converter: Object.fromEntries }), { x: 1 });
    p.destroy();
    const bad = ctx.py.runPython("{(1, 2): 3}");
    assert.throws(() => bad.toJs(), (e) => e.type === "ConversionError");
    bad.destroy();
  });

  test("gives back the identical Python object after a round trip", () => {
    const p = ctx.py.runPython("x = object()\nx");
    ctx.py.globals.set("y", p);
    assert.equal(ctx.py.runPython("x is y"), true);
    p.destroy();
    ctx.py.runPython("del x, y");
  });

  test("gives back the identical Python callable after a round trip, whichever way it went", () => {
    const f = ctx.py.runPython("def f():\n    return 1\nf");
    ctx.py.globals.set("f_back", f);
    ctx.py.globals.set("echo", (x) => x);
    const same = ctx.py.runPython("class C: pass\n[f_back is f, echo(f) is f, echo(len) is len, echo(C) is C]");
    assert.deepEqual(same.toJs(), [true, true, true, true]);
    same.destroy();
    f.destroy();
    ctx.py.runPython("del f, f_back, echo, C");
  });

  test("shows a callable's own name and length attributes, not the JS function's", () => {
    const p = ctx.py.runPython(`
class Named:
    name = "from Python"
    def __call__(self):
        return 1
class Sized:
    def __call__(self):
        return 2
    def __len__(self):
        return 7
[Named(), Sized(), len]`);
    const [named, sized, builtin] = p;
    assert.equal(named.name, "from Python");
    assert.equal("name" in named, true);
    assert.equal(named(), 1);
    assert.equal(sized.length, 7);
    assert.equal(sized(), 2);
    assert.equal(builtin.name, undefined);
    assert.equal("name" in builtin, false);
    assert.equal(builtin("abc"), 3);
    for (const x of [named, sized, builtin, p]) x.destroy();
    ctx.py.runPython("del Named, Sized");
  });

  test("throws a clear error when used after destroy", () => {
    const p = ctx.py.runPython("[1]");
    p.destroy();
    assert.throws(() => p.length, (e) => e.name === "UseAfterDestroyError" && /destroyed/.test(e.message));
  });

  test("reads and writes globals", () => {
    ctx.py.globals.set("g1", 5);
    assert.equal(ctx.py.globals.get("g1"), 5);
    assert.equal(ctx.py.globals.has("g1"), true);
    ctx.py.globals.delete("g1");
    assert.equal(ctx.py.globals.has("g1"), false);
  });

  test("toPy converts JS containers deeply and isPyProxy recognises proxies", () => {
    const p = ctx.py.toPy({ a: [1, 2], b: new Map([[1, "x"]]) });
    assert.ok(ctx.py.isPyProxy(p));
    assert.equal(p.type, "dict");
    assert.equal(p.toString(), "{'a': [1, 2], 'b': {1: 'x'}}");
    p.destroy();
    assert.equal(ctx.py.isPyProxy({}), false);
  });
});

describe("errors crossing the boundary", () => {
  const ctx = useRuntime();

  test("a JS object whose getters throw (Map.prototype, a trapping Proxy) still becomes a JsProxy, with no error left over", () => {
    ctx.py.globals.set("o", {
      get length() {
        throw new Error("boom");
      },
      get then() {
        throw new Error("boom");
      },
      k: 1,
    });
    const trapping = new Proxy(
      { k: 2 },
      {
        get(target, key) {
          if (key === "k") return target.k;
          throw new Error(`no ${String(key)} here`);
        },
      },
    );
    ctx.py.globals.set("trapping", trapping);
    assert.equal(
      ctx.py.runPython(`
from js import Map
found = [type(Map.prototype).__name__, type(o).__name__, o.k, trapping.k]
str(found)`),
      "['JsProxy', 'JsProxy', 1, 2]",
    );
    assert.equal(ctx.py.globals.get("trapping"), trapping); // the same object back
    // A revoked Proxy, which no query can be made of, is refused with the engine's own error.
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.throws(() => ctx.py.globals.set("revoked", revoked.proxy), (e) => e instanceof TypeError && /revoked/.test(e.message));
    assert.equal(ctx.py.runPython("1 + 1"), 2); // nothing pending for the next run
    ctx.py.runPython("del o, trapping, Map, found");
  });

  test("a JS error becomes a catchable JsException with the JS message", () => {
    ctx.py.globals.set("boom", () => {
      throw new TypeError("bad");
    });
    assert.equal(
      ctx.py.runPython("from pyodide import JsException\ntry:\n    boom()\nexcept JsException as e:\n    r = str(e)\nr"),
      "TypeError: bad",
    );
    ctx.py.runPython("del boom, r, JsException");
  });

  test("a thrown non-Error value becomes a JsException too", () => {
    ctx.py.globals.set("boom", () => {
      throw 42;
    });
    assert.equal(ctx.py.runPython("try:\n    boom()\nexcept Exception as e:\n    r = type(e).__name__ + ':' + str(e)\nr"), "JsException:42");
    ctx.py.runPython("del boom, r");
  });

  test("throw null and throw undefined give a JsException whose js_error is None", () => {
    ctx.py.globals.set("throwNull", () => {
      throw null;
    });
    ctx.py.globals.set("throwUndefined", () => {
      throw undefined;
    });
    const found = ctx.py.runPython(`
from pyodide import JsException
found = []
for f in (throwNull, throwUndefined):
    try:
        f()
    except JsException as e:
        found.append((e.js_error is None, getattr(e.js_error, "name", "no name")))
found`);
    assert.deepEqual(found.toJs(), [
      [true, "no name"],
      [true, "no name"],
    ]);
    found.destroy();
    ctx.py.runPython("del throwNull, throwUndefined, found, JsException, f");
  });

  test("Node's console.log and util.inspect show a PyProxy as its repr, not the runtime behind it", async () => {
    const custom = Symbol.for("nodejs.util.inspect.custom");
    // (In the browser copy of this suite, the hook Node calls is called directly.)
    const inspect = globalThis.process?.versions?.node ? (await import("node:util")).inspect : (v) => v[custom]();
    const p = ctx.py.runPython("[1, 'two', {'three': 3}]");
    assert.equal(inspect(p), "PyProxy [1, 'two', {'three': 3}]");
    if (globalThis.process?.versions?.node) {
      assert.equal(inspect({ nested: p }), "{ nested: PyProxy [1, 'two', {'three': 3}] }");
    }
    p.destroy();
    assert.equal(inspect(p), "PyProxy (destroyed)");
  });

  test("a JS error that crosses Python and comes back is the same error object", () => {
    const err = new Error("original");
    ctx.py.globals.set("thrower", () => {
      throw err;
    });
    const f = ctx.py.runPython("def f(): thrower()\nf");
    assert.throws(() => f(), (e) => e === err);
    f.destroy();
    ctx.py.runPython("del thrower, f");
  });

  test("a Python exception that crosses JS and comes back is the same exception", () => {
    const f = ctx.py.runPython("def f():\n    raise ValueError('v')\nf");
    ctx.py.globals.set("call_f", () => f());
    assert.equal(
      ctx.py.runPython("try:\n    call_f()\nexcept ValueError as e:\n    same = e is __import__('sys').last_value\nsame"),
      true,
    );
    f.destroy();
    ctx.py.runPython("del call_f, same");
  });

  test("PythonError is a proper Error subclass", () => {
    try {
      ctx.py.runPython("raise RuntimeError('x')");
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof Error && e instanceof PythonError);
      assert.equal(e.type, "RuntimeError");
    }
  });
});

describe("lifetimes", () => {
  const ctx = useRuntime();

  test("a proxy passed into a synchronous JS call is released after it", () => {
    let kept;
    ctx.py.globals.set("keep", (p) => {
      kept = p;
      return p.length;
    });
    assert.equal(ctx.py.runPython("keep([1, 2])"), 2);
    assert.throws(() => kept.length, /borrowed PyProxy was destroyed automatically/);
    ctx.py.runPython("del keep");
  });

  test("a PyProxy that JS drops without destroy() is released once it is garbage collected", async () => {
    assert.equal(typeof globalThis.gc, "function", "needs --expose-gc (Node) or --js-flags=--expose-gc (Chromium)");
    ctx.py.runPython(
      "import weakref\nclass Thing: pass\nfreed = []\ndef make():\n    t = Thing()\n    weakref.finalize(t, freed.append, 1)\n    return t",
    );
    const make = ctx.py.globals.get("make");
    const before = ctx.py.debugCounters().pyproxies;
    (() => {
      make(); // a PyProxy of the new Thing, dropped at once
    })();
    assert.equal(ctx.py.debugCounters().pyproxies, before + 1);
    for (let i = 0; i < 20 && ctx.py.runPython("len(freed)") === 0; i++) {
      globalThis.gc();
      await tick(0);
    }
    assert.equal(ctx.py.runPython("len(freed)"), 1);
    assert.equal(ctx.py.debugCounters().pyproxies, before);
    make.destroy();
    ctx.py.runPython("del weakref, Thing, freed, make");
  });

  test("a proxy copied inside the call survives it", () => {
    let kept;
    ctx.py.globals.set("keep", (p) => {
      kept = p.copy();
    });
    ctx.py.runPython("keep([1, 2, 3])");
    assert.equal(kept.length, 3);
    kept.destroy();
    ctx.py.runPython("del keep");
  });

  test("create_proxy holds a reference until destroyed", () => {
    let kept;
    ctx.py.globals.set("keep", (p) => {
      kept = p;
    });
    ctx.py.runPython("from pyodide import create_proxy\nkeep(create_proxy(lambda: 7))");
    assert.equal(kept(), 7);
    kept.destroy();
    ctx.py.runPython("del keep, create_proxy");
  });

  test("create_once_callable errors on a second call", () => {
    const f = ctx.py.runPython("from pyodide import create_once_callable\ncreate_once_callable(lambda: 1)");
    assert.equal(typeof f, "function");
    assert.equal(f(), 1);
    assert.throws(() => f(), /only be called once/);
    ctx.py.runPython("del create_once_callable");
  });

  test("create_once_callable's destroy() releases a callback that was never called, from JS or Python", () => {
    const before = ctx.py.debugCounters().pyproxies;
    const f = ctx.py.runPython("from pyodide import create_once_callable\ncreate_once_callable(lambda: 1)");
    assert.equal(ctx.py.debugCounters().pyproxies, before + 1);
    f.destroy();
    assert.equal(ctx.py.debugCounters().pyproxies, before);
    assert.throws(() => f(), /was destroyed/);
    f.destroy(); // a second release does nothing
    ctx.py.runPython("once = create_once_callable(lambda: 2)\nonce.destroy()\ndel once, create_once_callable");
    assert.equal(ctx.py.debugCounters().pyproxies, before);
  });
});
