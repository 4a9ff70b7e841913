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
