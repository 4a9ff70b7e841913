import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellWidth, nextBoundary, previousBoundary } from './cellWidth';

test('wide characters take two cells and combining marks none', () => {
  assert.equal(cellWidth('abc'), 3);
  assert.equal(cellWidth('中文'), 4);
  assert.equal(cellWidth('😀'), 2);
  assert.equal(cellWidth('e\u0301'), 1);
});

test('cursor boundaries step over surrogate pairs', () => {
  const text = 'a😀b';
  assert.equal(nextBoundary(text, 1), 3);
  assert.equal(previousBoundary(text, 3), 1);
});
