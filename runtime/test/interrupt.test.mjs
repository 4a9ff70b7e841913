// Ctrl+C through the interrupt buffer (setInterruptBuffer), as a worker host uses it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

describe("Ctrl+C through the interrupt buffer", () => {
  const ctx = useRuntime();

  test("a Ctrl+C that lands inside CPython's periodic check is taken, not wiped out by the check", () => {
    const buffer = new Int32Array(1);
    const presses = 30;
    let pressed = 0;
    ctx.py.setInterruptBuffer(buffer);
    // The running hook runs inside CPython's check, between its reads of the buffer (each reading of
    // Module.Py_EmscriptenSignalBuffer counts): a press made there is one that another thread makes at that moment.
    // The check used to read [0] and then write 0 there, so a press that came in between was lost (a third here).
    ctx.py._setRunningHook(() => {
      if (pressed < presses && Atomics.load(buffer, 0) === 0) {
        Atomics.store(buffer, 0, 2); // SIGINT
        pressed++;
      }
    });
    try {
      const taken = ctx.py.runPython(`
import time
deadline = time.monotonic() + 10
taken = 0
while True:
    try:
        while taken < ${presses} and time.monotonic() < deadline:
            pass
        break
    except KeyboardInterrupt:
        taken += 1
taken`);
      assert.equal(pressed, presses);
      assert.equal(taken, presses);
    } finally {
      ctx.py._setRunningHook(null);
      ctx.py.setInterruptBuffer(undefined);
      ctx.py.runPython("del deadline, taken, time");
    }
  });
});
