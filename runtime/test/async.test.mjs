import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tick, useRuntime } from "./harness.mjs";

describe("asyncio on the host's event loop", () => {
  const ctx = useRuntime();

  test("runPythonAsync allows top-level await and resolves with the last expression", async () => {
    assert.equal(await ctx.py.runPythonAsync("import asyncio\nawait asyncio.sleep(0.01)\n6 * 7"), 42);
  });

  test("runPythonAsync rejects with a PythonError", async () => {
    await assert.rejects(ctx.py.runPythonAsync("import asyncio\nawait asyncio.sleep(0)\n1/0"), {
      name: "PythonError",
      type: "ZeroDivisionError",
    });
  });

  test("Python awaits a JS promise and gets its value", async () => {
    ctx.py.globals.set("later", () => new Promise((r) => setTimeout(() => r("done"), 5)));
    assert.equal(await ctx.py.runPythonAsync("await later()"), "done");
    ctx.py.runPython("del later");
  });

  test("a rejected JS promise raises JsException in Python", async () => {
    ctx.py.globals.set("fails", () => Promise.reject(new Error("nope")));
    assert.equal(
      await ctx.py.runPythonAsync("try:\n    await fails()\nexcept Exception as e:\n    r = str(e)\nr"),
      "Error: nope",
    );
    ctx.py.runPython("del fails, r");
  });

  test("a Python exception that comes back through a rejected promise is the same exception, as through a call", async () => {
    ctx.py.globals.set("callsLater", async (f) => f());
    assert.equal(
      await ctx.py.runPythonAsync(`
class Mine(Exception): pass
def bad(): raise Mine("k")
try:
    await callsLater(bad)
except Mine as e:
    r = f"{type(e).__name__}: {e}"
r`),
      "Mine: k",
    );
    assert.equal(
      await ctx.py.runPythonAsync(`
from js import Promise
try:
    await Promise.resolve(1).then(lambda v: v / 0)
except ZeroDivisionError as e:
    r = "caught " + str(e)
r`),
      "caught division by zero",
    );
    ctx.py.runPython("del callsLater, Mine, bad, r, Promise");
  });

  test("awaiting a thenable whose then() throws raises that error in Python", async () => {
    ctx.py.globals.set("broken", {
      then() {
        throw new TypeError("no then today");
      },
    });
    assert.equal(
      await ctx.py.runPythonAsync("try:\n    await broken\nexcept Exception as e:\n    r = str(e)\nr"),
      "TypeError: no then today",
    );
    assert.equal(ctx.py.debugCounters().pendingAwaits, 0);
    ctx.py.runPython("del broken, r");
  });

  test("a thenable that calls back at once and more than once settles the await with its first value", async () => {
    ctx.py.globals.set("eager", {
      then(ok, err) {
        ok(1);
        ok(2);
        err(new Error("too late"));
      },
    });
    assert.equal(await ctx.py.runPythonAsync("await eager"), 1);
    assert.deepEqual(ctx.err, []);
    ctx.py.runPython("del eager");
  });

  test("a value awaited from a JS promise arrives converted as a call result would", async () => {
    const r = await ctx.py.runPythonAsync(`
from js import Promise, Object
a = await Promise.resolve("text")
b = await Promise.resolve(2 ** 40)
c = await Promise.resolve(Object.new())
(a, b, type(c).__name__)
`);
    assert.deepEqual(r.toJs(), ["text", 2 ** 40, "JsProxy"]);
    r.destroy();
    ctx.py.runPython("del a, b, c, Promise, Object");
  });

  test("a thenable that settles with a destroyed PyProxy makes the await raise instead of hang", async () => {
    const gone = ctx.py.runPython("[1, 2]");
    gone.destroy();
    ctx.py.globals.set("resolvesGone", { then: (ok) => ok(gone) });
    const message = await ctx.py.runPythonAsync(
      "try:\n    await resolvesGone\n    r = 'no error'\nexcept Exception as e:\n    r = repr(e)\nr",
    );
    assert.match(message, /^JsException\('UseAfterDestroyError/);
    assert.equal(ctx.py.debugCounters().pendingAwaits, 0);
    ctx.py.runPython("del resolvesGone, r");
  });

  test("a task cancelled while it awaits a JS promise stays cancelled when the promise settles later", async () => {
    let resolve;
    ctx.py.globals.set("pending", new Promise((r) => (resolve = r)));
    const state = await ctx.py.runPythonAsync(`
import asyncio
async def waits():
    return await pending
t = asyncio.ensure_future(waits())
await asyncio.sleep(0)
t.cancel()
try:
    await t
except asyncio.CancelledError:
    pass
t.cancelled()
`);
    assert.equal(state, true);
    assert.equal(ctx.py.debugCounters().pendingAwaits, 1);
    resolve("late");
    await tick(0);
    assert.equal(ctx.py.debugCounters().pendingAwaits, 0);
    assert.deepEqual(ctx.err, []);
    ctx.py.runPython("del pending, waits, t");
  });

  test("JS awaits a Python coroutine, future and task", async () => {
    const coro = ctx.py.runPython("import asyncio\nasync def f(x):\n    await asyncio.sleep(0)\n    return x * 2\nf");
    assert.equal(await coro(21), 42);
    const task = ctx.py.runPython("asyncio.ensure_future(f(5))");
    assert.equal(await task, 10);
    task.destroy();
    coro.destroy();
    ctx.py.runPython("del f");
  });

  test("the seed's recipe `try { return await c } finally { c.destroy() }` for a coroutine still gives the result", async () => {
    const ns = ctx.py.runPython("{}");
    const evalCodeAsync = ctx.py.pyodide_py.eval_code_async;
    const run = async (code) => {
      const c = evalCodeAsync(code, ns);
      try {
        return await c;
      } finally {
        c.destroy();
      }
    };
    assert.equal(await run("import asyncio\nawait asyncio.sleep(0)\n6 * 7"), 42);
    evalCodeAsync.destroy();
    ns.destroy();
  });

  test("a promise for a Python result resolves with an owned proxy that stays usable", async () => {
    const f = ctx.py.runPython("import asyncio\nasync def f():\n    await asyncio.sleep(0)\n    return [1, 2]\nf");
    const result = await f();
    assert.equal(result.length, 2);
    result.destroy();
    f.destroy();
    ctx.py.runPython("del f");
  });

  test("handlers given to then, catch and finally_ are released once the promise settles", async () => {
    ctx.py.globals.set("ok", Promise.resolve(1));
    ctx.py.globals.set("bad", () => Promise.reject(new Error("x")));
    await ctx.py.runPythonAsync(`
seen = []
await ok.then(lambda v: seen.append(v))
await bad().catch(lambda e: seen.append(str(e)))
await ok.finally_(lambda: seen.append("fin"))
`);
    assert.equal(ctx.py.runPython("str(seen)"), "[1, 'Error: x', 'fin']");
    ctx.py.runPython("del ok, bad, seen");
    if (typeof process !== "undefined") {
      // The runtime installs no process-wide handlers in Node.
      assert.equal(typeof process.listeners("unhandledRejection").find((f) => /throw reason/.test(String(f))), "undefined");
    }
  });

  test("an async function called from JS runs even when nobody awaits it", async () => {
    ctx.py.runPython("import asyncio\nran = []\nasync def side():\n    ran.append(1)");
    const side = ctx.py.globals.get("side");
    side();
    side.destroy();
    await tick(10);
    assert.equal(ctx.py.runPython("len(ran)"), 1);
    ctx.py.runPython("del ran, side");
  });

  test("gather, wait_for, timeouts, cancellation and contextvars work", async () => {
    const r = await ctx.py.runPythonAsync(`
import asyncio, contextvars
var = contextvars.ContextVar("var", default="none")
async def child(i):
    await asyncio.sleep(0.001 * i)
    return (i, var.get())
async def main():
    var.set("set")
    got = await asyncio.gather(*(child(i) for i in range(3)))
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
        timed_out = False
    except asyncio.TimeoutError:
        timed_out = True
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        cancelled = True
    return [list(x) for x in got], timed_out, cancelled
str(await main())
`);
    assert.equal(r, "([[0, 'set'], [1, 'set'], [2, 'set']], True, True)");
    ctx.py.runPython("del var, child, main, asyncio, contextvars");
  });

  test("a task exception that is never retrieved is reported on stderr", async () => {
    await ctx.py.runPythonAsync(
      "import asyncio, gc\nasync def bad():\n    raise ValueError('lost')\nt = asyncio.ensure_future(bad())\nawait asyncio.sleep(0.01)\ndel t\ngc.collect()",
    );
    await tick(5);
    assert.match(ctx.err.join(""), /Task exception was never retrieved[\s\S]*ValueError: lost/);
    ctx.py.runPython("del bad");
  });

  test("asyncio.run from code run synchronously (runPython) starts the coroutine and returns an awaitable task", async () => {
    // It can block only where Python can be suspended (suspend.test.mjs); under runPython it never can.
    const task = ctx.py.runPython("import asyncio\nasync def m(): return 3\nasyncio.run(m())");
    assert.equal(task.type, "_asyncio.Task");
    assert.equal(await task, 3);
    task.destroy();
    ctx.py.runPython("del m");
  });

  test("a Ctrl+C (interrupt buffer) that comes while runPythonAsync awaits ends it with KeyboardInterrupt", async () => {
    const flag = new Int32Array(1);
    ctx.py.setInterruptBuffer(flag);
    try {
      setTimeout(() => (flag[0] = 2), 20); // SIGINT, while Python waits for the sleep's timer
      const run = ctx.py.runPythonAsync("import asyncio\nawait asyncio.sleep(0.2)\n'slept'");
      await assert.rejects(run, { type: "KeyboardInterrupt" });
      // Only that run ended: the loop and later runs go on.
      assert.equal(await ctx.py.runPythonAsync("await asyncio.sleep(0.01)\n'after'"), "after");
    } finally {
      ctx.py.setInterruptBuffer(undefined);
    }
  });

  test("a Ctrl+C seen in a loop callback, with no run awaited, is reported and the loop goes on", async () => {
    const flag = new Int32Array(1);
    let fired = false;
    ctx.py.setInterruptBuffer(flag);
    ctx.py.globals.set("markFired", () => (fired = true));
    try {
      ctx.py.runPython("import asyncio\nasyncio.get_event_loop().call_later(0.02, markFired);");
      flag[0] = 2;
      // No Python runs until the timer's callback, which takes the interrupt; on a busy machine it may fire late.
      for (let waited = 0; waited < 2000 && !fired; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(fired, true);
      assert.match(ctx.err.join(""), /Ctrl\+C while no run was waiting[\s\S]*KeyboardInterrupt/);
    } finally {
      ctx.py.setInterruptBuffer(undefined);
      ctx.py.runPython("del markFired");
    }
  });

  test("call_soon schedules without setTimeout (no 4 ms clamp)", async () => {
    const realSetTimeout = globalThis.setTimeout;
    let timeouts = 0;
    globalThis.setTimeout = (...args) => {
      timeouts++;
      return realSetTimeout(...args);
    };
    try {
      await ctx.py.runPythonAsync("import asyncio\nfor _ in range(50):\n    await asyncio.sleep(0)");
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    assert.equal(timeouts, 0);
  });

  test("a busy asyncio loop still lets the host's tasks run", async () => {
    const host = { ran: false };
    ctx.py.globals.set("host", host);
    setTimeout(() => (host.ran = true), 0);
    const sawHostTask = await ctx.py.runPythonAsync(`
import asyncio, time
end = time.monotonic() + 0.2
while not host.ran and time.monotonic() < end:
    await asyncio.sleep(0)
host.ran
`);
    assert.equal(sawHostTask, true);
    ctx.py.runPython("del host, end");
  });

  test("time.sleep really sleeps", () => {
    const t0 = performance.now();
    ctx.py.runPython("import time; time.sleep(0.2)");
    assert.ok(performance.now() - t0 >= 190);
  });
});
