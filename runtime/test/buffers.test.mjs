import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

describe("buffers", () => {
  const ctx = useRuntime();

  test("getBuffer gives a view with format, shape, strides and contiguity, released by release()", () => {
    const p = ctx.py.runPython("import array\narray.array('i', [1, 2, 3])");
    const b = p.getBuffer();
    assert.equal(b.format, "i");
    assert.equal(b.itemsize, 4);
    assert.equal(b.ndim, 1);
    assert.deepEqual(b.shape, [3]);
    assert.deepEqual(b.strides, [1]);
    assert.equal(b.readonly, false);
    assert.equal(b.c_contiguous, true);
    assert.ok(b.data instanceof Int32Array);
    assert.deepEqual(Array.from(b.data), [1, 2, 3]);
    b.data[0] = 10; // writes go to the Python object
    assert.equal(p.toString(), "array('i', [10, 2, 3])");
    assert.equal(ctx.py.debugCounters().buffers, 1);
    b.release();
    assert.equal(ctx.py.debugCounters().buffers, 0);
    p.destroy();
  });

  test("getBuffer of bytes is read-only and can be asked for another element type", () => {
    const p = ctx.py.runPython("bytes(range(8))");
    const b = p.getBuffer("u8");
    b.release();
    const u8 = p.getBuffer("B");
    assert.equal(u8.readonly, true);
    assert.deepEqual(Array.from(u8.data), [0, 1, 2, 3, 4, 5, 6, 7]);
    u8.release();
    p.destroy();
  });

  test("getBuffer of a non-contiguous memoryview reports strides", () => {
    const p = ctx.py.runPython("memoryview(bytearray(range(10)))[::2]");
    const b = p.getBuffer();
    assert.deepEqual(b.shape, [5]);
    assert.deepEqual(b.strides, [2]);
    assert.equal(b.c_contiguous, false);
    b.release();
    p.destroy();
  });

  test("TypedArray and ArrayBuffer to_py give memoryviews with the right format", () => {
    ctx.py.globals.set("f64", new Float64Array([1.5, 2.5]));
    ctx.py.globals.set("raw", new Uint8Array([1, 2]).buffer);
    assert.equal(ctx.py.runPython("m = f64.to_py()\nstr((m.format, m.tolist()))"), "('d', [1.5, 2.5])");
    assert.equal(ctx.py.runPython("str((raw.to_py().format, raw.to_py().tolist()))"), "('B', [1, 2])");
    ctx.py.runPython("del f64, raw, m");
  });

  test("assign and assign_to copy between JS and Python buffers, with clear size errors", () => {
    const target = new Int16Array(3);
    ctx.py.globals.set("t", target);
    ctx.py.runPython("import array\nt.assign(array.array('h', [7, 8, 9]))");
    assert.deepEqual(Array.from(target), [7, 8, 9]);
    assert.equal(ctx.py.runPython("b = bytearray(6)\nt.assign_to(b)\nstr(list(memoryview(b).cast('h')))"), "[7, 8, 9]");
    assert.throws(() => ctx.py.runPython("t.assign(bytearray(5))"), (e) => e.type === "ValueError" && /different sizes/.test(e.message));
    ctx.py.runPython("del t, b, array");
  });
});
