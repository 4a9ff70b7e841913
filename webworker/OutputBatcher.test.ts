import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputBatcher } from './OutputBatcher';
import type { StreamEvent } from './protocol';

function collect(options = {}) {
  const sent: StreamEvent[] = [];
  const batcher = new OutputBatcher((event) => sent.push(event), { maxDelayMs: 10_000, ...options });
  return { sent, batcher };
}

test('many small writes become one message on flush, never one per character', () => {
  const { sent, batcher } = collect();
  for (const char of 'hello world\n') batcher.write('stdout', char);
  assert.equal(sent.length, 0);
  batcher.flush();
  assert.deepEqual(sent, [{ kind: 'stream', stream: 'stdout', text: 'hello world\n', dropped: 0 }]);
});

test('a batch is sent as soon as it reaches the size limit', () => {
  const { sent, batcher } = collect({ maxBatchChars: 8 });
  batcher.write('stdout', 'abcd');
  batcher.write('stdout', 'efgh');
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.text, 'abcdefgh');
  batcher.flush();
});

test('switching between stdout and stderr keeps the order', () => {
  const { sent, batcher } = collect();
  batcher.write('stdout', 'a');
  batcher.write('stderr', 'b');
  batcher.write('stdout', 'c');
  batcher.flush();
  assert.deepEqual(
    sent.map((e) => [e.stream, e.text]),
    [
      ['stdout', 'a'],
      ['stderr', 'b'],
      ['stdout', 'c'],
    ],
  );
});

test('an oversized write is cut and the dropped count travels with the batch', () => {
  const { sent, batcher } = collect({ maxBatchChars: 4, maxRetainedChars: 6 });
  batcher.write('stdout', 'x'.repeat(10));
  assert.deepEqual(sent, [{ kind: 'stream', stream: 'stdout', text: 'xxxxxx', dropped: 4 }]);
});

test('output waiting longer than the delay is sent by the trailing timer', async () => {
  const sent: StreamEvent[] = [];
  const batcher = new OutputBatcher((event) => sent.push(event), { maxDelayMs: 5 });
  batcher.write('stdout', 'late');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(sent[0]?.text, 'late');
});

test('flushIfDue sends output that has waited its longest time, and nothing sooner', () => {
  const sent: StreamEvent[] = [];
  const batcher = new OutputBatcher((event) => sent.push(event), { maxDelayMs: 20 });
  batcher.write('stdout', 'working...\n');
  batcher.flushIfDue();
  assert.equal(sent.length, 0);
  // As Python would, busy with no timer able to fire.
  const end = performance.now() + 25;
  while (performance.now() < end) {
    /* spin */
  }
  batcher.flushIfDue();
  assert.equal(sent[0]?.text, 'working...\n');
  batcher.flushIfDue(); // nothing pending: nothing sent
  assert.equal(sent.length, 1);
});
