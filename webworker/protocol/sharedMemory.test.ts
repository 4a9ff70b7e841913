import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StdinMailbox } from './sharedMemory';

test('a line written by the page is read back by the worker side, including non-BMP text', () => {
  const page = StdinMailbox.create(64);
  const worker = new StdinMailbox(page.buffer);
  worker.prepare();
  assert.equal(page.sendLine('héllo 😀'), true);
  assert.deepEqual(worker.waitForAnswer(), { kind: 'line', text: 'héllo 😀' });
});

test('a line longer than the mailbox is cut and reported', () => {
  const page = StdinMailbox.create(4);
  const worker = new StdinMailbox(page.buffer);
  worker.prepare();
  assert.equal(page.sendLine('abcdefgh'), false);
  assert.deepEqual(worker.waitForAnswer(), { kind: 'line', text: 'abcd' });
});

test('EOF and interrupt answers are distinguished', () => {
  const page = StdinMailbox.create(4);
  const worker = new StdinMailbox(page.buffer);
  worker.prepare();
  page.sendEof();
  assert.deepEqual(worker.waitForAnswer(), { kind: 'eof' });
  worker.prepare();
  page.sendInterrupt();
  assert.deepEqual(worker.waitForAnswer(), { kind: 'interrupted' });
});
