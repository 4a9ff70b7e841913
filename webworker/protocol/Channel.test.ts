import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Channel, type MessageEndpoint } from './Channel';
import { ChannelClosedError, ProtocolError, PythonError, RuntimeCrashedError } from './errors';
import type { ToWorker } from './messages';

/** An endpoint whose "worker" is the test: it sees what the channel posts and answers with `deliver`. */
function fakeEndpoint() {
  const posted: ToWorker[] = [];
  let onData: (data: unknown) => void = () => {};
  const endpoint: MessageEndpoint = {
    postMessage: (message) => posted.push(message),
    listen: (listener) => {
      onData = listener;
      return () => (onData = () => {});
    },
  };
  return { endpoint, posted, deliver: (data: unknown) => onData(data) };
}

function newChannel() {
  const fake = fakeEndpoint();
  const protocolErrors: ProtocolError[] = [];
  const channel = new Channel(fake.endpoint, { onProtocolError: (e) => protocolErrors.push(e) });
  return { ...fake, channel, protocolErrors };
}

describe('Channel', () => {
  test('matches replies to requests by id, whatever their order', async () => {
    const { channel, posted, deliver } = newChannel();
    const first = channel.request({ kind: 'check', source: 'if x:' });
    const second = channel.request({ kind: 'check', source: '1' });
    assert.deepEqual(
      posted.map((m) => ('id' in m ? m.id : null)),
      [1, 2],
    );
    deliver({ kind: 'checked', id: 2, status: 'complete' });
    deliver({ kind: 'checked', id: 1, status: 'incomplete' });
    assert.equal((await first).status, 'incomplete');
    assert.equal((await second).status, 'complete');
  });

  test('rejects with PythonError on a python error reply', async () => {
    const { channel, deliver } = newChannel();
    const run = channel.request({ kind: 'run', code: '1/0', mode: 'single' });
    deliver({
      kind: 'error',
      id: 1,
      error: { kind: 'python', type: 'ZeroDivisionError', message: 'division by zero', frames: [], formatted: 'tb' },
    });
    await assert.rejects(run, (error: unknown) => error instanceof PythonError && error.type === 'ZeroDivisionError');
  });

  test('rejects with ProtocolError when the reply kind does not answer the request', async () => {
    const { channel, deliver } = newChannel();
    const reset = channel.request({ kind: 'reset' });
    deliver({ kind: 'checked', id: 1, status: 'complete' });
    await assert.rejects(reset, ProtocolError);
  });

  test('reports invalid or unmatched messages without breaking', async () => {
    const { channel, deliver, protocolErrors } = newChannel();
    deliver('garbage');
    deliver({ kind: 'reset-done', id: 99 });
    assert.equal(protocolErrors.length, 2);
    const reset = channel.request({ kind: 'reset' });
    deliver({ kind: 'reset-done', id: 1 });
    assert.deepEqual(await reset, { kind: 'reset-done', id: 1 });
  });

  test('delivers events in order through the async queue', async () => {
    const { channel, deliver } = newChannel();
    deliver({ kind: 'stream', stream: 'stdout', text: 'a', dropped: 0 });
    deliver({ kind: 'input-request' });
    channel.close();
    const kinds: string[] = [];
    for await (const event of channel.events) kinds.push(event.kind);
    assert.deepEqual(kinds, ['stream', 'input-request']);
  });

  test('rejects pending requests with RuntimeCrashedError on fatal', async () => {
    const { channel, deliver } = newChannel();
    const run = channel.request({ kind: 'run', code: 'x', mode: 'single' });
    deliver({ kind: 'fatal', reason: 'runtime crashed', detail: 'RuntimeError: unreachable' });
    await assert.rejects(run, RuntimeCrashedError);
  });

  test('rejects pending and later requests with ChannelClosedError once closed', async () => {
    const { channel } = newChannel();
    const pending = channel.request({ kind: 'reset' });
    channel.close();
    await assert.rejects(pending, ChannelClosedError);
    await assert.rejects(channel.request({ kind: 'reset' }), ChannelClosedError);
  });
});
