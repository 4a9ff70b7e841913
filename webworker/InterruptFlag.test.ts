import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InterruptFlag, SIGINT } from './InterruptFlag';

function pageCtrlC(flag: Int32Array): void {
  Atomics.store(flag, 0, SIGINT); // what the page does to the shared buffer before it sends `interrupt`
}

test('a Ctrl+C pressed while a run waits its turn reaches that run when it starts', () => {
  const interrupts = new InterruptFlag(new Int32Array(1));
  interrupts.runReceived();
  pageCtrlC(interrupts.flag);
  interrupts.runStarted();
  assert.equal(interrupts.flag[0], SIGINT);
});

test('the late interrupt message of a Ctrl+C that Python already took is dropped, and the next run starts clean', () => {
  const interrupts = new InterruptFlag(new Int32Array(1));
  interrupts.runReceived();
  pageCtrlC(interrupts.flag);
  interrupts.runStarted();
  Atomics.store(interrupts.flag, 0, 0); // Python took the signal
  interrupts.runEnded();
  interrupts.interruptWhileIdle(); // the message, read once Python has returned
  interrupts.runReceived();
  interrupts.runStarted();
  assert.equal(interrupts.flag[0], 0);
});

test('a Ctrl+C pressed as a run ends, before the page has its reply, does not reach the next run', () => {
  const interrupts = new InterruptFlag(new Int32Array(1));
  interrupts.runReceived();
  interrupts.runStarted();
  interrupts.runEnded();
  pageCtrlC(interrupts.flag);
  interrupts.interruptWhileIdle();
  interrupts.runReceived();
  interrupts.runStarted();
  assert.equal(interrupts.flag[0], 0);
});

test('without shared memory, an interrupt message for a waiting run sets the worker-owned buffer', () => {
  const interrupts = new InterruptFlag(new Int32Array(1));
  interrupts.runReceived();
  interrupts.interruptWhileIdle();
  interrupts.runStarted();
  assert.equal(interrupts.flag[0], SIGINT);
});
