import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledByReset, RequestQueue } from './RequestQueue';

/** A piece of work the test finishes when it wants, recording when it started. */
function controlled(log: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish = (): void => undefined;
  return {
    work: () => {
      log.push(`start ${name}`);
      return new Promise<string>((resolve) => {
        finish = () => {
          log.push(`end ${name}`);
          resolve(name);
        };
      });
    },
    finish: () => finish(),
  };
}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('requests are served one at a time in arrival order, each after the one before it was answered', async () => {
  const log: string[] = [];
  const queue = new RequestQueue();
  const first = controlled(log, 'run 1');
  const second = controlled(log, 'run 2');
  const replies: Promise<string>[] = [
    queue.serve('run', first.work),
    queue.serve('other', () => Promise.resolve('getCode')),
    queue.serve('run', second.work),
  ];
  await settle();
  assert.deepEqual(log, ['start run 1']);
  first.finish();
  await settle();
  assert.deepEqual(log, ['start run 1', 'end run 1', 'start run 2']);
  second.finish();
  assert.deepEqual(await Promise.all(replies), ['run 1', 'getCode', 'run 2']);
});

test('a reset stops the run being served at once, cancels the runs waiting before it, and later requests wait for it', async () => {
  const log: string[] = [];
  const queue = new RequestQueue();
  const running = controlled(log, 'run A');
  const waiting = controlled(log, 'run B');
  const after = controlled(log, 'run C');
  const a = queue.serve('run', running.work);
  const b = queue.serve('run', waiting.work);
  await settle();
  let stopGot: Promise<void> | null = null;
  const reset = queue.reset(
    (runEnded) => {
      log.push('stop');
      stopGot = runEnded;
      running.finish(); // as an interrupt ends the run
      return runEnded ?? Promise.resolve();
    },
    () => {
      log.push('reset');
      return Promise.resolve(null);
    },
  );
  const c = queue.serve('run', after.work);
  await assert.rejects(b, CancelledByReset);
  assert.equal(await a, 'run A');
  assert.notEqual(stopGot, null);
  assert.equal(await reset, null);
  await settle();
  after.finish();
  assert.equal(await c, 'run C');
  assert.deepEqual(log, ['start run A', 'stop', 'end run A', 'reset', 'start run C', 'end run C']);
});

test("a reset while nothing runs stops nothing of the host's, and requests that are not runs before it are served", async () => {
  const queue = new RequestQueue();
  const order: string[] = [];
  let runEndedSeen: Promise<void> | null | undefined;
  const slow = controlled(order, 'setCode');
  const setCode = queue.serve('other', slow.work);
  const reset = queue.reset(
    (runEnded) => {
      runEndedSeen = runEnded;
      return Promise.resolve();
    },
    () => {
      order.push('reset');
      return Promise.resolve('done');
    },
  );
  await settle();
  slow.finish();
  assert.equal(await setCode, 'setCode');
  assert.equal(await reset, 'done');
  assert.equal(runEndedSeen, null);
  assert.deepEqual(order, ['start setCode', 'end setCode', 'reset']);
});

test('a request whose work fails is answered with its error, and the queue goes on', async () => {
  const queue = new RequestQueue();
  const failed = queue.serve('other', () => {
    throw new Error('no editor');
  });
  const next = queue.serve('other', () => Promise.resolve('served'));
  await assert.rejects(failed, /no editor/u);
  assert.equal(await next, 'served');
});
