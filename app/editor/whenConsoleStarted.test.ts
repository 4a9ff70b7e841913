import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter, type Event } from '../lifecycle/Disposable';
import type { ConsoleState } from '../ui/StatusIndicator';
import { whenConsoleStarted } from './whenConsoleStarted';

interface FakeStatus {
  state: ConsoleState;
  readonly onChange: Event<ConsoleState>;
  set(next: ConsoleState): void;
}

/** A status as the page's StatusIndicator is: its state, and an event when it changes. */
function fakeStatus(initial: ConsoleState): FakeStatus {
  const changes = new Emitter<ConsoleState>();
  const status: FakeStatus = {
    state: initial,
    onChange: changes.event,
    set(next) {
      status.state = next;
      changes.fire(next);
    },
  };
  return status;
}

/** Whether the promise has settled once pending callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test('a notice waits while Python loads or restarts, and comes once the console is ready (its banner written)', async () => {
  const status = fakeStatus('loading');
  const started = whenConsoleStarted(status);
  assert.equal(await settled(started), false);
  status.set('restarting');
  assert.equal(await settled(started), false);
  status.set('ready');
  assert.equal(await settled(started), true);
});

test('a notice does not wait once Python runs, nor after it failed to start (the console says why first)', async () => {
  assert.equal(await settled(whenConsoleStarted(fakeStatus('ready'))), true);
  assert.equal(await settled(whenConsoleStarted(fakeStatus('running'))), true);
  const failing = fakeStatus('loading');
  const started = whenConsoleStarted(failing);
  failing.set('crashed');
  assert.equal(await settled(started), true);
});
