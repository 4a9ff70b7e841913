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

describe("getBuffer on empty, unaligned and reinterpreted buffers", () => {
  const ctx = useRuntime();

  /** Calls getBuffer(type) on the value of `code`, checks that the view is released after `check`. */
  function withBuffer(code, type, check) {
    const p = ctx.py.runPython(code);
    try {
      const b = p.getBuffer(type);
      try {
        check(b);
      } finally {
        b.release();
      }
    } finally {
      p.destroy();
    }
  }

  test("getBuffer of empty bytes is an empty Uint8Array at offset 0", () => {
    withBuffer("b''", undefined, (b) => {
      assert.ok(b.data instanceof Uint8Array);
      assert.equal(b.data.length, 0);
      assert.equal(b.offset, 0);
      assert.equal(b.nbytes, 0);
      assert.deepEqual(b.shape, [0]);
    });
  });

  test("getBuffer of an empty array('d') is an empty Float64Array, and the array can grow after release", () => {
    withBuffer("import array\na = array.array('d')\na", undefined, (b) => {
      assert.ok(b.data instanceof Float64Array);
      assert.equal(b.data.length, 0);
      assert.equal(b.offset, 0);
    });
    assert.equal(ctx.py.runPython("a.append(1.0)\nlen(a)"), 1);
    ctx.py.runPython("del a, array");
  });

  test("getBuffer of items narrower than the type asked throws a TypeError and releases the Python buffer", () => {
    const m = ctx.py.runPython("ba = bytearray(16)\nm = memoryview(ba)[1:9]\nm");
    const before = ctx.py.debugCounters().buffers;
    assert.throws(() => m.getBuffer("i32"), (e) => e instanceof TypeError && /cannot be viewed as an Int32Array/.test(e.message));
    assert.throws(() => m.getBuffer("i64"), TypeError);
    assert.equal(ctx.py.debugCounters().buffers, before);
    m.destroy();
    assert.equal(ctx.py.runPython("m.release()\nba.extend(b'x')\nlen(ba)"), 17);
    ctx.py.runPython("del ba, m");
  });

  test("getBuffer('i64') of 4 bytes is a TypeError, not an empty view", () => {
    const p = ctx.py.runPython("import array\narray.array('i', [7])");
    assert.throws(() => p.getBuffer("i64"), TypeError);
    p.destroy();
    ctx.py.runPython("del array");
  });

  test("getBuffer of misaligned data throws a TypeError about alignment and releases it; u8 and dataview still share it", () => {
    const m = ctx.py.runPython("ba = bytearray(range(20))\nm = memoryview(ba)[1:17].cast('i')\nm");
    assert.throws(() => m.getBuffer(), (e) => e instanceof TypeError && /not aligned for an Int32Array/.test(e.message));
    withBuffer("m", "u8", (b) => {
      assert.ok(b.data instanceof Uint8Array);
      assert.deepEqual(Array.from(b.data.subarray(0, 4)), [1, 2, 3, 4]);
      assert.deepEqual(b.strides, [4]);
    });
    withBuffer("m", "dataview", (b) => {
      assert.ok(b.data instanceof DataView);
      assert.equal(b.data.getInt32(b.offset, true), 0x04030201);
    });
    m.destroy();
    assert.equal(ctx.py.runPython("m.release()\nba.extend(b'x')\nlen(ba)"), 21);
    ctx.py.runPython("del ba, m");
  });

  test("getBuffer('u8clamped') gives a Uint8ClampedArray", () => {
    withBuffer("bytearray([1, 2, 3])", "u8clamped", (b) => {
      assert.ok(b.data instanceof Uint8ClampedArray);
      assert.deepEqual(Array.from(b.data), [1, 2, 3]);
    });
  });

  test("getBuffer with an unknown type name is a TypeError that lists the names", () => {
    const p = ctx.py.runPython("b'abcd'");
    assert.throws(() => p.getBuffer("float"), (e) => e instanceof TypeError && /unknown type "float".*f64/.test(e.message));
    p.destroy();
  });

  test("getBuffer's offset and strides count the elements of the type asked, negative strides included", () => {
    withBuffer("import array\narray.array('i', [1, 2, 3])", "i16", (b) => {
      assert.ok(b.data instanceof Int16Array);
      assert.equal(b.data.length, 6);
      assert.deepEqual(b.strides, [2]);
      assert.deepEqual([0, 1, 2].map((i) => b.data[b.offset + i * b.strides[0]]), [1, 2, 3]);
    });
    withBuffer("memoryview(array.array('i', [1, 2, 3]))[::-1]", undefined, (b) => {
      assert.equal(b.offset, 2);
      assert.deepEqual(b.strides, [-1]);
      assert.deepEqual([0, 1, 2].map((i) => b.data[b.offset + i * b.strides[0]]), [3, 2, 1]);
    });
    ctx.py.runPython("del array");
  });
});

describe("conversion depth given positionally, as in the seed", () => {
  const ctx = useRuntime();

  test("toPy(obj, depth) converts only that deep, as the options object does", () => {
    for (const depthArgument of [1, { depth: 1 }]) {
      const p = ctx.py.toPy({ a: { b: 1 } }, depthArgument);
      ctx.py.globals.set("p", p);
      assert.equal(ctx.py.runPython("type(p).__name__ + ' of ' + type(p['a']).__name__"), "dict of JsProxy");
      p.destroy();
    }
    ctx.py.globals.delete("p");
  });

  test("PyProxy.toJs(depth) converts only that deep, as the options object does", () => {
    const p = ctx.py.runPython("[[1, [2]], [3]]");
    for (const depthArgument of [1, { depth: 1 }]) {
      const shallow = p.toJs(depthArgument);
      assert.ok(Array.isArray(shallow));
      assert.deepEqual(
        shallow.map((item) => ctx.py.isPyProxy(item)),
        [true, true],
      );
      for (const item of shallow) item.destroy();
    }
    const two = p.toJs(2);
    assert.deepEqual(two[1], [3]);
    assert.ok(ctx.py.isPyProxy(two[0][1]));
    two[0][1].destroy();
    p.destroy();
  });

  test("JsProxy.to_py(depth) takes the depth positionally too", () => {
    ctx.py.globals.set("nested", { a: { b: 1 } });
    assert.equal(ctx.py.runPython("type(nested.to_py(1)['a']).__name__"), "JsProxy");
    assert.equal(ctx.py.runPython("type(nested.to_py(depth=1)['a']).__name__"), "JsProxy");
    ctx.py.globals.delete("nested");
  });
});

describe("toJs of objects with the buffer protocol", () => {
  const ctx = useRuntime();

  /** toJs of the value of `code`, with the proxy destroyed. */
  function toJs(code, options) {
    const p = ctx.py.runPython(code);
    try {
      return p.toJs(options);
    } finally {
      p.destroy();
    }
  }

  test("array.array of every integer and float format becomes a copy as the matching TypedArray", () => {
    const expected = {
      b: [Int8Array, [-1, 2]],
      B: [Uint8Array, [255, 2]],
      h: [Int16Array, [-1, 2]],
      H: [Uint16Array, [65535, 2]],
      i: [Int32Array, [-1, 2]],
      I: [Uint32Array, [2 ** 32 - 1, 2]],
      l: [Int32Array, [-1, 2]],
      L: [Uint32Array, [2 ** 32 - 1, 2]],
      q: [BigInt64Array, [-1n, 2n ** 40n]],
      Q: [BigUint64Array, [2n ** 64n - 1n, 2n]],
      f: [Float32Array, [1.5, -2]],
      d: [Float64Array, [1.5, -2]],
    };
    ctx.py.runPython("import array");
    for (const [format, [type, values]] of Object.entries(expected)) {
      const js = toJs(`array.array('${format}', [${values.join(", ")}])`);
      assert.ok(js instanceof type, `${format}: ${js?.constructor?.name}`);
      assert.deepEqual(Array.from(js), values, format);
    }
    ctx.py.runPython("del array");
  });

  test("bytes, bytearray and memoryviews become TypedArrays of their format", () => {
    assert.deepEqual(toJs("b'ab'"), new Uint8Array([97, 98]));
    assert.deepEqual(toJs("bytearray(b'ab')"), new Uint8Array([97, 98]));
    assert.deepEqual(toJs("import array\nmemoryview(array.array('i', [1, -2]))"), new Int32Array([1, -2]));
    assert.deepEqual(toJs("memoryview(bytes(range(8))).cast('H')"), new Uint16Array([0x100, 0x302, 0x504, 0x706]));
    ctx.py.runPython("del array");
  });

  test("a strided memoryview is copied item by item in order", () => {
    assert.deepEqual(toJs("memoryview(b'abcdef')[::2]"), new Uint8Array([97, 99, 101]));
    assert.deepEqual(toJs("import array\nmemoryview(array.array('d', [1, 2, 3]))[::-1]"), new Float64Array([3, 2, 1]));
    ctx.py.runPython("del array");
  });

  test("a multi-dimensional buffer becomes nested Arrays of TypedArrays", () => {
    const js = toJs("import array\nmemoryview(array.array('i', range(6))).cast('B').cast('i', (2, 3))");
    assert.ok(Array.isArray(js));
    assert.deepEqual(js, [new Int32Array([0, 1, 2]), new Int32Array([3, 4, 5])]);
    ctx.py.runPython("del array");
  });

  test("empty and zero-dimensional buffers convert to an empty TypedArray and to their item", () => {
    assert.deepEqual(toJs("import array\narray.array('d')"), new Float64Array(0));
    assert.equal(toJs("memoryview(array.array('q', [2**40])).cast('B').cast('q', [])"), 2n ** 40n);
    ctx.py.runPython("del array");
  });

  test("the copy is the JS side's own: the Python object can change and grow after it", () => {
    const p = ctx.py.runPython("import array\na = array.array('i', [1, 2])\na");
    const js = p.toJs();
    p.destroy();
    assert.equal(ctx.py.runPython("a[0] = 9\na.append(3)\nlen(a)"), 3);
    assert.deepEqual(js, new Int32Array([1, 2]));
    ctx.py.runPython("del a, array");
  });

  test("buffers inside containers convert at depth, and one buffer seen twice is one TypedArray", () => {
    const [first, second, shallow] = toJs("import array\na = array.array('h', [1])\n[a, a, [a]]", 2);
    assert.ok(first instanceof Int16Array && first === second);
    assert.ok(ctx.py.isPyProxy(shallow[0]));
    shallow[0].destroy();
    ctx.py.runPython("del a, array");
  });

  test("a buffer whose items no TypedArray holds stays a PyProxy, or is a ConversionError without proxies", () => {
    const js = toJs("memoryview(bytes(8)).cast('P')");
    assert.ok(ctx.py.isPyProxy(js));
    assert.equal(js.type, "memoryview");
    js.destroy();
    assert.throws(
      () => toJs("[memoryview(bytes(8)).cast('P')]", { create_pyproxies: false }),
      (e) => e.type === "ConversionError",
    );
  });
});

describe("PyProxy as text", () => {
  const ctx = useRuntime();

  test("toString() and String(proxy) give repr(obj), as in the seed", () => {
    const p = ctx.py.runPython(
      "class S:\n    def __repr__(self): return 'REPR'\n    def __str__(self): return 'STR'\nS()",
    );
    assert.equal(p.toString(), "REPR");
    assert.equal(String(p), "REPR");
    assert.equal(`${p}`, "REPR");
    p.destroy();
    const e = ctx.py.runPython("ValueError('msg')");
    assert.equal(e.toString(), "ValueError('msg')");
    e.destroy();
    ctx.py.runPython("del S");
  });
});

describe("sparse JS arrays", () => {
  const ctx = useRuntime();

  test("the holes of a sparse array become None in to_py and toPy, as iterating it gives them", () => {
    ctx.py.globals.set("holes", [1, , 3]);
    assert.equal(ctx.py.runPython("str((holes.to_py(), list(holes), len(holes)))"), "([1, None, 3], [1, None, 3], 3)");
    ctx.py.globals.delete("holes");
    const p = ctx.py.toPy([1, , 3, , ]);
    assert.equal(p.toString(), "[1, None, 3, None]");
    p.destroy();
  });
});
