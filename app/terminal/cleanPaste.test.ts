import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPaste } from './cleanPaste';

test('line breaks become \\n', () => {
  assert.equal(cleanPaste('a = 1\r\nb = 2\rc = 3'), 'a = 1\nb = 2\nc = 3');
});

test('ordinary code is kept as it is, blank lines included', () => {
  const code = 'def f():\n    x = 1\n\n    return x\n';
  assert.equal(cleanPaste(code), code);
});

test('a transcript keeps its code and drops its output', () => {
  const transcript = '>>> for i in range(2):\n...     print(i)\n...\n0\n1\n>>> x = 1\n>>> x + 1\n2\n';
  assert.equal(cleanPaste(transcript), 'for i in range(2):\n    print(i)\n\nx = 1\nx + 1\n');
});

test('a transcript copied without its last output still ends with a newline', () => {
  assert.equal(cleanPaste('>>> 6 * 7\n42'), '6 * 7\n');
  assert.equal(cleanPaste('>>> 6 * 7'), '6 * 7');
});
