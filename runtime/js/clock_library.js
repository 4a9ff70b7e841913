// An Emscripten JS library (linked with --js-library): C's wall clock (clock_gettime(CLOCK_REALTIME), gettimeofday)
// with sub-millisecond resolution. Emscripten 3.1.6 reads it from Date.now(), whole milliseconds, so time.time(),
// time.time_ns() and datetime.now() came in steps of 1 ms and timing a short piece of code gave 0.0.
//
// Browsers and Node offer one finer wall clock: performance.timeOrigin (the wall clock when the page, worker or
// process started) plus performance.now() (a monotonic clock since then: 5 µs steps in a cross-origin isolated page,
// 100 µs otherwise in Chromium, finer in Node). The trade-off: that sum does not follow what happens to the wall clock
// after the start (the system clock set or slewed, a laptop's sleep), which Date.now() does. So every reading is
// checked against Date.now(), the wall clock cut to the millisecond (a right reading lies in [Date.now(), +1 ms)):
// when the sum falls behind it, or runs ahead by more than a millisecond of slack (engines coarsen and jitter both
// clocks a little), the offset is taken again from Date.now(). Readings thus stay within ~2 ms of Date.now(). The
// clock never goes back relative to itself because of such a correction: a step back of less than 100 ms holds the
// last reading until the clock passes it. The wall clock set back by more than that is followed, as native clocks do.
//
// C's CPU-time clocks (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), CLOCK_THREAD_CPUTIME_ID, times()), which
// time.process_time(), time.process_time_ns() and os.times() read: Emscripten 3.1.6 has none (clock_gettime says
// EINVAL and its times() fills zeros), so they were always 0. A browser tells no thread's CPU time; the figure used
// is the time elapsed since the runtime started, on the monotonic clock: Python runs on one thread, busy while Python
// runs. The trade-off: time Python spends waiting counts too (input(), awaits, the host's idle time between two
// runPython calls), except time.sleep()'s waits, which are left out as a native process clock leaves them out.
mergeInto(LibraryManager.library, {
  $pyrtWallClock: {
    // Milliseconds to add to performance.now(): 0 makes the first reading fail the check below and set it. (Plain
    // numbers only: Emscripten writes this object out with JSON.stringify, which turns NaN into null.)
    offset: 0,
    last: 0,
    // The wall clock in milliseconds since 1970, with a fraction.
    now: function () {
      var wall = Date.now();
      if (typeof performance != "object" || typeof performance.now != "function") return wall;
      var mono = performance.now();
      var t = pyrtWallClock.offset + mono;
      if (!(t >= wall && t < wall + 2)) {
        // First reading, or the two clocks drifted apart: performance.timeOrigin when it agrees with Date.now()
        // (it has a fraction of a millisecond), else Date.now() itself.
        var offset = performance.timeOrigin;
        if (!(offset + mono >= wall && offset + mono < wall + 1)) offset = wall - mono;
        pyrtWallClock.offset = offset;
        t = offset + mono;
      }
      if (t < pyrtWallClock.last && t > pyrtWallClock.last - 100) t = pyrtWallClock.last;
      pyrtWallClock.last = t;
      return t;
    },
  },

  // The process's CPU time as this runtime counts it (see the top of this file), in milliseconds.
  $pyrtCpuClock__deps: ["emscripten_get_now"],
  $pyrtCpuClock__postset: "pyrtCpuClock.init();",
  $pyrtCpuClock: {
    start: 0,
    // Milliseconds spent in time.sleep()'s waits that have ended; while one lasts (sleeping > 0), since sleepStart.
    slept: 0,
    sleeping: 0,
    sleepStart: 0,
    // At the module's instantiation: the start, and the runtime told to report time.sleep()'s waits (js/runtime.ts's
    // sleep, which blocks, and sleepSuspending, whose promise settles when the wait ends: src/suspend.cpp). The clock
    // stands still during a wait, so it never goes back whatever nests or overlaps.
    init: function () {
      pyrtCpuClock.start = _emscripten_get_now();
      if (typeof pyrt == "object" && pyrt) {
        pyrt.sleepWatcher = { begins: pyrtCpuClock.waitBegins, ends: pyrtCpuClock.waitEnds };
      }
    },
    waitBegins: function () {
      if (pyrtCpuClock.sleeping++ === 0) pyrtCpuClock.sleepStart = _emscripten_get_now();
    },
    waitEnds: function () {
      if (--pyrtCpuClock.sleeping === 0) pyrtCpuClock.slept += _emscripten_get_now() - pyrtCpuClock.sleepStart;
    },
    now: function () {
      var t = pyrtCpuClock.sleeping > 0 ? pyrtCpuClock.sleepStart : _emscripten_get_now();
      return t - pyrtCpuClock.start - pyrtCpuClock.slept;
    },
  },

  clock_gettime__sig: "iii",
  clock_gettime__deps: [
    "$pyrtWallClock",
    "$pyrtCpuClock",
    "emscripten_get_now",
    "emscripten_get_now_is_monotonic",
    "$setErrNo",
  ],
  clock_gettime: function (clk_id, tp) {
    var now;
    if (clk_id === {{{ cDefine("CLOCK_REALTIME") }}}) {
      now = pyrtWallClock.now();
    } else if (
      (clk_id === {{{ cDefine("CLOCK_MONOTONIC") }}} || clk_id === {{{ cDefine("CLOCK_MONOTONIC_RAW") }}}) &&
      _emscripten_get_now_is_monotonic
    ) {
      // As Emscripten's: performance.now() (process.hrtime() in Node).
      now = _emscripten_get_now();
    } else if (clk_id === 2 || clk_id === 3) {
      // CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID (musl's numbers: Emscripten's cDefine lacks them).
      now = pyrtCpuClock.now();
    } else {
      setErrNo({{{ cDefine("EINVAL") }}});
      return -1;
    }
    var seconds = Math.floor(now / 1000);
    // Math.floor: a fraction rounded up could make 10^9 nanoseconds. A double holds today's milliseconds to ~0.24 µs.
    var nanoseconds = Math.floor((now - seconds * 1000) * 1e6);
    {{{ makeSetValue("tp", C_STRUCTS.timespec.tv_sec, "seconds", "i32") }}};
    {{{ makeSetValue("tp", C_STRUCTS.timespec.tv_nsec, "nanoseconds", "i32") }}};
    return 0;
  },

  // What time.get_clock_info('time').resolution reports: the microsecond this clock is good for (Emscripten's
  // said a millisecond); and time.get_clock_info('process_time')'s.
  clock_getres__sig: "iii",
  clock_getres__deps: ["emscripten_get_now_res", "emscripten_get_now_is_monotonic", "$setErrNo"],
  clock_getres: function (clk_id, res) {
    var nsec;
    if (clk_id === {{{ cDefine("CLOCK_REALTIME") }}}) {
      nsec = 1000;
    } else if (
      (clk_id === {{{ cDefine("CLOCK_MONOTONIC") }}} && _emscripten_get_now_is_monotonic) ||
      clk_id === 2 ||
      clk_id === 3
    ) {
      // The CPU-time clocks (2, 3) are read from the same clock as CLOCK_MONOTONIC.
      nsec = _emscripten_get_now_res();
    } else {
      setErrNo({{{ cDefine("EINVAL") }}});
      return -1;
    }
    {{{ makeSetValue("res", C_STRUCTS.timespec.tv_sec, "(nsec / 1000000000) | 0", "i32") }}};
    {{{ makeSetValue("res", C_STRUCTS.timespec.tv_nsec, "nsec", "i32") }}};
    return 0;
  },

  gettimeofday__sig: "iii",
  gettimeofday__deps: ["$pyrtWallClock"],
  gettimeofday: function (ptr) {
    var now = pyrtWallClock.now();
    var seconds = Math.floor(now / 1000);
    var microseconds = Math.floor((now - seconds * 1000) * 1000);
    {{{ makeSetValue("ptr", C_STRUCTS.timeval.tv_sec, "seconds", "i32") }}};
    {{{ makeSetValue("ptr", C_STRUCTS.timeval.tv_usec, "microseconds", "i32") }}};
    return 0;
  },

  // times(), for os.times(), reached through src/times.cpp (Emscripten's own is C, a stub that fills zeros). In ticks
  // of sysconf(_SC_CLK_TCK), 100 a second: user time is the CPU clock above; no system time, no children; the
  // result, the time elapsed since the runtime started.
  pyrt_times__sig: "ii",
  pyrt_times__deps: ["$pyrtCpuClock", "emscripten_get_now"],
  pyrt_times: function (buf) {
    var ticksPerMs = 100 / 1000;
    if (buf) {
      // struct tms: four clock_t (32-bit long): utime, stime, cutime, cstime.
      {{{ makeSetValue("buf", 0, "Math.floor(pyrtCpuClock.now() * ticksPerMs)", "i32") }}};
      {{{ makeSetValue("buf", 4, "0", "i32") }}};
      {{{ makeSetValue("buf", 8, "0", "i32") }}};
      {{{ makeSetValue("buf", 12, "0", "i32") }}};
    }
    return Math.floor((_emscripten_get_now() - pyrtCpuClock.start) * ticksPerMs) | 0;
  },
});
