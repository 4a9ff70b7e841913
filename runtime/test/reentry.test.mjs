// The interpreter loop leaves and re-enters itself every so many ticks, so that a
// long-running program moves to V8's newest code (cmake/patches/cpython-ceval-reentry.patch).
// Here it re-enters at every tick, and Python must not notice.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

const ctx = useRuntime();

/** Sets the interval; returns [interval before, re-entries so far]. */
function reentry(interval) {
  const arg = interval === undefined ? "" : String(interval);
  const result = ctx.py.runPython(`import _pyrt\n_pyrt.eval_reentry(${arg})`);
  const pair = result.toJs();
  result.destroy();
  return pair;
}

/** Runs a program in a namespace of its own. */
function runFresh(code) {
  const globals = ctx.py.toPy({});
  try {
    return ctx.py.runPython(code, { globals });
  } finally {
    globals.destroy();
  }
}

/** Runs code with the loop re-entered every `interval` ticks, then restores it. */
async function withInterval(interval, run) {
  const [before] = reentry(interval);
  try {
    return await run();
  } finally {
    reentry(before);
  }
}

// Generators (send, throw, close, yield from), exceptions and their tracebacks
// through many inlined frames, RecursionError, finally blocks, properties and
// operators that call Python from C, comprehensions, and a tracer, which sees
// every event of one activation.
const PROGRAM = `
import sys, traceback
out = []

def counter(n):
    total = 0
    for i in range(n):
        got = yield i
        if got:
            total += got
    return total

def delegate():
    result = yield from counter(6)
    out.append(("delegated", result))

g = delegate()
values = [next(g)]
try:
    while True:
        values.append(g.send(3))
except StopIteration:
    pass
out.append(values)

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield f"caught {e}"
    finally:
        out.append("finally ran")

g = guarded()
next(g)
out.append(g.throw(ValueError("boom")))
g.close()

def a(n):
    return b(n) + 1

def b(n):
    if n == 0:
        raise KeyError("deep")
    return a(n - 1)

try:
    a(5)
except KeyError:
    out.append(traceback.format_exc())

def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    out.append(type(e).__name__)

class Point:
    def __init__(self, x):
        self._x = x

    @property
    def x(self):
        return self._x

    def __add__(self, other):
        return Point(self.x + other.x)

p = Point(0)
for i in range(300):
    p = p + Point(i)
out.append(p.x)
out.append(sum(x * x for x in range(500) if x % 3))
out.append(sorted(range(50), key=lambda v: (v % 7, -v))[:10])

events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced":
        events.append((event, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer

def traced():
    total = 0
    for i in range(4):
        total += i
    return total

sys.settrace(tracer)
traced()
sys.settrace(None)
out.append(events)
repr(out)
`;

const ASYNC_PROGRAM = `
import asyncio

async def worker(name, n):
    total = 0
    for i in range(n):
        await asyncio.sleep(0)
        total += i
    return name, total

async def failing():
    await asyncio.sleep(0)
    raise ValueError("from a task")

results = await asyncio.gather(*(worker(k, 30) for k in "abc"))
try:
    await asyncio.wait_for(failing(), 1)
except ValueError as e:
    results.append(str(e))
repr(results)
`;

describe("re-entering the interpreter loop", () => {
  test("Python gives the same results when the loop re-enters at every tick", async () => {
    const expected = runFresh(PROGRAM);
    const [, countBefore] = reentry();
    const got = await withInterval(1, () => runFresh(PROGRAM));
    const [, countAfter] = reentry();
    assert.equal(got, expected);
    assert.match(got, /KeyError: \\'deep\\'/);
    assert.match(got, /'RecursionError'/);
    assert.ok(countAfter - countBefore > 1000, `re-entered ${countAfter - countBefore} times`);
  });

  test("coroutines and tasks on the event loop give the same results too", async () => {
    const expected = await ctx.py.runPythonAsync(ASYNC_PROGRAM);
    const got = await withInterval(1, () => ctx.py.runPythonAsync(ASYNC_PROGRAM));
    assert.equal(got, expected);
    assert.equal(got, "[('a', 435), ('b', 435), ('c', 435), 'from a task']");
  });

  test("a long loop re-enters at the shipped interval, a short one at most once", () => {
    // The clock counts ticks of all activations, so a short loop may be the one to reach it.
    const [interval, start] = reentry();
    assert.ok(interval >= 1000, `interval ${interval}`);
    ctx.py.runPython("for i in range(10): pass");
    const [, afterShort] = reentry();
    ctx.py.runPython(`for i in range(${interval * 5}): pass`);
    const [, afterLong] = reentry();
    assert.ok(afterShort - start <= 1, `re-entered ${afterShort - start} times`);
    assert.ok(afterLong - afterShort >= 4, `re-entered ${afterLong - afterShort} times`);
  });

  test("an interval below 1 is refused", () => {
    assert.throws(() => reentry(0), { type: "ValueError" });
    assert.throws(() => reentry(-5), { type: "ValueError" });
  });
});
