// input() and time.sleep() with JS Promise Integration: Python code run from
// the host's event loop suspends instead of blocking the thread. Node 20 has no
// JSPI, so there the fallback is tested; the browser suite (Chromium) runs the
// JSPI tests.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime, tick } from "./harness.mjs";

const jspi = "Suspending" in WebAssembly && "promising" in WebAssembly;
let answer = () => null;
const ctx = useRuntime({ stdin: () => answer() });

/** A stdin that answers `line` after `ms`, from a timer (so the host loop must be free). */
const later = (line, ms = 20) => () => new Promise((resolve) => setTimeout(() => resolve(line), ms));

describe("suspending waits", () => {
  if (!jspi) {
    test("without JSPI, an asynchronous stdin reads end of file with an explanation", async () => {
      answer = later("unused");
      const r = await ctx.py.runPythonAsync("try:\n    input()\nexcept EOFError:\n    r = 'eof'\nr");
      assert.equal(r, "eof");
      assert.match(ctx.err.join(""), /no JSPI/);
    });
    return;
  }

  test("(JSPI) input() waits for a stdin promise while the host's loop keeps running", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    answer = later("Ada", 40);
    try {
      const r = await ctx.py.runPythonAsync("name = input('Who? ')\nf'Hello, {name}!'");
      assert.equal(r, "Hello, Ada!");
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 0, "JS timers ran while Python waited");
    assert.equal(ctx.out.join(""), "Who? ");
  });

  test("(JSPI) time.sleep() suspends: JS timers fire during the sleep", async () => {
    const state = { fired: false };
    ctx.py.registerJsModule("sleep_state", state);
    setTimeout(() => (state.fired = true), 5);
    const r = await ctx.py.runPythonAsync("import time, sleep_state\nt = time.monotonic()\ntime.sleep(0.1)\n(sleep_state.fired, time.monotonic() - t)");
    const [fired, slept] = r.toJs();
    r.destroy();
    assert.equal(fired, true);
    assert.ok(slept >= 0.099, `slept ${slept}s`);
    ctx.py.runPython("import sys; del sys.modules['sleep_state']");
  });

  test("(JSPI) short sleeps in a loop take their time, not a 4 ms timer clamp each", async () => {
    const r = await ctx.py.runPythonAsync(
      "import time\nd = []\nfor _ in range(100):\n    t = time.monotonic()\n    time.sleep(0.001)\n    d.append(time.monotonic() - t)\n[min(d), sum(1 for x in d if x < 0.0039)]",
    );
    const [shortest, underClamp] = r.toJs();
    r.destroy();
    // Clamped, every sleep after the fifth would last 4 ms or more; a busy machine delays some sleeps, not most.
    assert.ok(shortest >= 0.00099, `the shortest sleep of 1 ms took ${shortest}s`);
    assert.ok(underClamp >= 30, `only ${underClamp} of 100 sleeps of 1 ms took under 3.9 ms`);
  });

  test("(JSPI) loop callbacks wait until a suspended input() has returned", async () => {
    answer = later("x", 50);
    const r = await ctx.py.runPythonAsync(`
import asyncio
log = []
asyncio.get_running_loop().call_later(0.001, log.append, "timer")
input()
seen_after_input = list(log)
await asyncio.sleep(0.01)
(seen_after_input, log)`);
    assert.deepEqual(r.toJs(), [[], ["timer"]]);
    r.destroy();
  });

  test("(JSPI) a stdin promise that rejects raises JsException from input()", async () => {
    answer = () => Promise.reject(new Error("no keyboard"));
    const r = await ctx.py.runPythonAsync(
      "from pyodide import JsException\ntry:\n    input()\nexcept JsException as e:\n    r = str(e)\nr",
    );
    assert.match(r, /no keyboard/);
  });

  test("(JSPI) input() under JS code (runPython, or a JS callback) reads end of file instead of crashing", async () => {
    answer = later("unused");
    const viaRunPython = ctx.py.runPython("try:\n    input()\nexcept EOFError:\n    r = 'eof'\nr");
    assert.equal(viaRunPython, "eof");
    globalThis.callBack = (f) => f();
    try {
      const viaCallback = await ctx.py.runPythonAsync(
        "from js import callBack\ndef ask():\n    try:\n        return input()\n    except EOFError:\n        return 'eof'\ncallBack(ask)",
      );
      assert.equal(viaCallback, "eof");
    } finally {
      delete globalThis.callBack;
    }
    assert.match(ctx.err.join(""), /cannot wait here/);
    assert.equal(ctx.py.runPython("1 + 1"), 2);
  });

  test("(JSPI) asyncio.run() blocks until main has finished, while its tasks, timers and JS promises go on", async () => {
    ctx.py.globals.set("jsLater", (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5)));
    const r = await ctx.py.runPythonAsync(`
import asyncio
log = []
async def worker(name, delay):
    await asyncio.sleep(delay)
    log.append(await jsLater(name))
    return name
async def main():
    return await asyncio.gather(worker("slow", 0.03), worker("fast", 0.001))
def caller():
    result = asyncio.run(main())
    return result, list(log)
caller()`);
    assert.deepEqual(r.toJs(), [["slow", "fast"], ["fast", "slow"]]);
    r.destroy();
    ctx.py.runPython("del worker, main, caller, log, jsLater");
  });

  test("(JSPI) loop.run_until_complete() returns the result, and re-raises main's exception", async () => {
    const r = await ctx.py.runPythonAsync(`
import asyncio
async def answer():
    await asyncio.sleep(0.005)
    return 42
async def fails():
    await asyncio.sleep(0)
    raise KeyError("inside")
loop = asyncio.get_event_loop()
value = loop.run_until_complete(answer())
try:
    loop.run_until_complete(fails())
except KeyError as e:
    caught = repr(e)
(value, caught)`);
    assert.deepEqual(r.toJs(), [42, "KeyError('inside')"]);
    r.destroy();
    ctx.py.runPython("del answer, fails, loop, value, caught");
  });

  test("(JSPI) asyncio.run() under JS code (runPython) cannot block, and returns the task", async () => {
    const task = ctx.py.runPython("import asyncio\nasync def m():\n    await asyncio.sleep(0)\n    return 5\nasyncio.run(m())");
    assert.equal(task.type, "_asyncio.Task");
    assert.equal(await task, 5);
    task.destroy();
    ctx.py.runPython("del m");
  });

  test("(JSPI) a timer that came due while input() waited runs when a later asyncio.run() blocks", async () => {
    answer = later("x", 30);
    const r = await ctx.py.runPythonAsync(`
import asyncio
log = []
asyncio.get_running_loop().call_later(0.001, log.append, "timer")
input()
async def look():
    await asyncio.sleep(0)
    return list(log)
asyncio.run(look())`);
    assert.deepEqual(r.toJs(), ["timer"]);
    r.destroy();
    ctx.py.runPython("del log, look");
  });

  test("(JSPI) an interrupt stops a blocking asyncio.run() with KeyboardInterrupt and cancels its coroutine", async () => {
    const flag = new Int32Array(1);
    ctx.py.setInterruptBuffer(flag);
    setTimeout(() => (flag[0] = 2), 50); // SIGINT
    try {
      const r = await ctx.py.runPythonAsync(`
import asyncio
waiter = asyncio.Event().wait()
try:
    asyncio.run(waiter)
except KeyboardInterrupt:
    outcome = "interrupted"
await asyncio.sleep(0)
(outcome, waiter.cr_frame is None)`);
      assert.deepEqual(r.toJs(), ["interrupted", true]);
      r.destroy();
    } finally {
      ctx.py.setInterruptBuffer(undefined);
    }
    ctx.py.runPython("del waiter, outcome");
  });

  test("(JSPI) deep recursion in code run from the loop still raises RecursionError", async () => {
    await assert.rejects(ctx.py.runPythonAsync("def f(n): return f(n + 1)\nf(0)"), { type: "RecursionError" });
    assert.equal(await ctx.py.runPythonAsync("1 + 1"), 2);
  });

  test("(JSPI) many loop ticks in a row still run (each entry finishes and releases its stack)", async () => {
    const r = await ctx.py.runPythonAsync("import asyncio\nfor _ in range(2000):\n    await asyncio.sleep(0)\n'done'");
    assert.equal(r, "done");
    await tick(0);
  });
});
