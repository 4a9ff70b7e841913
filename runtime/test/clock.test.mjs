// The wall clock as Python code reads it (time.time, time.time_ns, datetime.now): finer than a millisecond, and in
// step with the host's Date.now() (js/clock_library.js).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tick, useRuntime } from "./harness.mjs";

describe("the wall clock", () => {
  const ctx = useRuntime();
  /** The JSON value of the code's last expression (a string). */
  const json = (code) => JSON.parse(ctx.py.runPython(`import json, time, datetime\n${code}`));
  /** time.time() in milliseconds, with Date.now() read just before and just after it. */
  const reading = () => {
    const before = Date.now();
    const t = ctx.py.runPython("import time\ntime.time()") * 1000;
    return { before, t, after: Date.now() };
  };
  /** Asserts that time.time() lies within a few milliseconds of Date.now(). */
  const assertAgrees = (what) => {
    for (let i = 0; i < 20; i++) {
      const { before, t, after } = reading();
      assert.ok(t >= before - 2 && t <= after + 3, `${what}: time.time() ${t} ms, Date.now() ${before}..${after}`);
    }
  };

  test("successive time.time_ns() readings are not all whole milliseconds", () => {
    const remainders = json("json.dumps([time.time_ns() % 1_000_000 for _ in range(200)])");
    assert.ok(
      remainders.some((r) => r !== 0),
      `all 200 readings were whole milliseconds: ${remainders.slice(0, 5)}`,
    );
    assert.ok(json("json.dumps(time.get_clock_info('time').resolution)") < 1e-3);
  });

  test("timing code that runs for a fraction of a millisecond with time.time() gives that fraction, not 0.0", () => {
    // With whole milliseconds, most of these come out as 0.0 (and the rest as 0.001).
    const durations = json(`
durations = []
for _ in range(8):
    t0 = time.time()
    end = time.perf_counter() + 0.0003
    while time.perf_counter() < end:
        pass
    durations.append(time.time() - t0)
json.dumps(durations)`);
    // (No upper bound: a busy machine can pause the loop for many milliseconds.)
    for (const d of durations) assert.ok(d > 0, `durations: ${durations}`);
    assert.ok(
      durations.some((d) => Math.abs(d * 1000 - Math.round(d * 1000)) > 1e-6),
      `durations are whole milliseconds: ${durations}`,
    );
  });

  test("datetime.now().microsecond is not always a whole number of milliseconds", () => {
    const micro = json(`
samples = []
for _ in range(20):
    samples.append(datetime.datetime.now().microsecond)
    end = time.perf_counter() + 0.0001
    while time.perf_counter() < end:
        pass
json.dumps(samples)`);
    assert.ok(
      micro.some((us) => us % 1000 !== 0),
      `every microsecond value was a multiple of 1000: ${micro}`,
    );
  });

  test("time.time() agrees with Date.now() within a few milliseconds", () => {
    assertAgrees("now");
  });

  test("the clock follows Date.now() when performance.now() falls behind or runs ahead of it", async () => {
    // performance.now() does not follow the wall clock (a laptop's sleep, the system clock set): Date.now() does.
    const realNow = performance.now;
    try {
      performance.now = () => realNow.call(performance) - 60_000;
      assertAgrees("performance.now() a minute behind");
      performance.now = () => realNow.call(performance) + 60_000;
      assertAgrees("performance.now() a minute ahead");
    } finally {
      performance.now = realNow;
    }
    assertAgrees("performance.now() restored");
  });

  test("readings never go back when the wall clock is set back a little, and follow it when set back for real", async () => {
    const realDateNow = Date.now;
    try {
      const before = json("json.dumps(str(time.time_ns()))");
      // The wall clock set back by 30 ms (a correction of the system clock): the clock holds its last reading
      // rather than go back, until the wall clock passes it.
      Date.now = () => realDateNow() - 30;
      const held = json(`
readings = []
end = time.perf_counter() + 0.005
while time.perf_counter() < end:
    readings.append(time.time_ns())
json.dumps({"first": str(readings[0]), "rising": all(a <= b for a, b in zip(readings, readings[1:]))})`);
      assert.ok(BigInt(held.first) >= BigInt(before), `went back from ${before} to ${held.first}`);
      assert.ok(held.rising, "readings went back");
      await tick(50);
      assertAgrees("after the wall clock passed the last reading");
      // Set back by ten seconds: followed, as native clocks do.
      Date.now = () => realDateNow() - 10_000;
      assertAgrees("wall clock set back by 10 s");
      Date.now = () => realDateNow() + 10_000;
      assertAgrees("wall clock set forward by 10 s");
    } finally {
      Date.now = realDateNow;
    }
    assertAgrees("wall clock restored");
  });
});

// time.process_time(), time.process_time_ns() and os.times(): Emscripten has no CPU-time clock (its times() fills
// zeros), so they read the time elapsed since the runtime started, less time.sleep()'s waits (js/clock_library.js).
describe("the process-time clock", () => {
  const ctx = useRuntime();
  const json = (code) => JSON.parse(ctx.py.runPython(`import json, os, time\n${code}`));
  const busy = (seconds) => `
end = time.perf_counter() + ${seconds}
while time.perf_counter() < end:
    pass`;

  test("time.process_time() is not 0 and grows by about the length of a 20 ms busy loop", () => {
    const r = json(`
a = time.process_time()
a_ns = time.process_time_ns()
w0 = time.perf_counter()
${busy(0.02)}
w1 = time.perf_counter()
b_ns = time.process_time_ns()
b = time.process_time()
json.dumps({"a": a, "b": b, "a_ns": str(a_ns), "b_ns": str(b_ns), "wall": w1 - w0})`);
    assert.ok(r.a > 0, `process_time() was ${r.a}`);
    // The loop ran for 20 ms at least; an upper bound only loose enough for a busy machine.
    assert.ok(r.b - r.a >= 0.019 && r.b - r.a < r.wall + 1, `grew by ${r.b - r.a} s over a ${r.wall} s loop`);
    // process_time_ns() is the same clock in nanoseconds, read in between.
    const aNs = Number(r.a_ns) / 1e9;
    const bNs = Number(r.b_ns) / 1e9;
    assert.ok(r.a <= aNs + 1e-6 && aNs <= bNs && bNs <= r.b + 1e-6, `${r.a} ${aNs} ${bNs} ${r.b}`);
    assert.ok(bNs - aNs >= 0.019, `process_time_ns() grew by ${bNs - aNs} s`);
  });

  test("successive time.process_time_ns() readings never go back and are finer than a millisecond", () => {
    const r = json(`
readings = [time.process_time_ns() for _ in range(2000)]
json.dumps({"rising": all(a <= b for a, b in zip(readings, readings[1:])),
            "fine": any(r % 1_000_000 for r in readings)})`);
    assert.ok(r.rising, "a reading went back");
    assert.ok(r.fine, "all readings were whole milliseconds");
  });

  test("time.get_clock_info('process_time') names the clock CPython reads, monotonic, not adjustable, fine", () => {
    const info = json(`
info = time.get_clock_info('process_time')
json.dumps({"implementation": info.implementation, "monotonic": info.monotonic,
            "adjustable": info.adjustable, "resolution": info.resolution})`);
    assert.equal(info.implementation, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    assert.equal(info.monotonic, true);
    assert.equal(info.adjustable, false);
    // That of the monotonic clock it is read from (perf_counter's): 1 ns in Node, 1 µs in browsers.
    assert.ok(info.resolution > 0 && info.resolution < 1.001e-6, `resolution ${info.resolution}`);
  });

  test("os.times() user and elapsed grow across a 30 ms busy loop", () => {
    const r = json(`
t0 = os.times()
${busy(0.03)}
t1 = os.times()
json.dumps({"t0": list(t0), "t1": list(t1)})`);
    const [user0, system0, , , elapsed0] = r.t0;
    const [user1, system1, cuser1, csystem1, elapsed1] = r.t1;
    assert.ok(user0 > 0, `os.times().user was ${user0}`);
    // In ticks of 10 ms (os.sysconf('SC_CLK_TCK') is 100): 30 ms cross at least two.
    assert.ok(user1 - user0 >= 0.02 - 1e-9 && user1 - user0 < 2, `user grew by ${user1 - user0} s`);
    assert.ok(elapsed1 - elapsed0 >= 0.02 - 1e-9, `elapsed grew by ${elapsed1 - elapsed0} s`);
    assert.ok(elapsed1 >= user1, `elapsed ${elapsed1} < user ${user1}`);
    assert.deepEqual([system0, system1, cuser1, csystem1], [0, 0, 0, 0]);
  });

  const sleepCode = `
import json, time
p0, w0 = time.process_time(), time.perf_counter()
time.sleep(0.15)
p1, w1 = time.process_time(), time.perf_counter()
json.dumps([p1 - p0, w1 - w0])`;
  const assertSleepNotCounted = ([cpu, wall]) => {
    assert.ok(wall >= 0.149, `the sleep took ${wall} s`);
    // Native CPython spends microseconds of CPU time here; the loose bound is for a busy machine.
    assert.ok(cpu >= 0 && cpu < 0.05, `process_time() grew by ${cpu} s across a sleep of ${wall} s`);
  };

  test("time.sleep() under runPython does not count as process time", () => {
    assertSleepNotCounted(JSON.parse(ctx.py.runPython(sleepCode)));
  });

  test("time.sleep() under runPythonAsync (suspended where it can be) does not count as process time", async () => {
    assertSleepNotCounted(JSON.parse(await ctx.py.runPythonAsync(sleepCode)));
  });
});
