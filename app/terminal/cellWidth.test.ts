import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellWidth, columnAfter, expandTabs, nextBoundary, previousBoundary, printedWidth } from './cellWidth';

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

test('a tab reaches the next tab stop, counted from the start of the line', () => {
  assert.equal(columnAfter(8, '\t123'), 19); // `>>> x = ` then a tab and 123
  assert.equal(columnAfter(4, '\tx'), 9);
  assert.equal(columnAfter(0, 'ab\t\tc'), 17);
  assert.equal(columnAfter(3, '中\t'), 8);
});

test('tabs are drawn as the spaces up to the next tab stop, and colour escapes take no cell', () => {
  assert.equal(expandTabs('x = \t1', 4), `x = ${' '.repeat(8)}1`);
  assert.equal(expandTabs('\x1b[35mif\x1b[0m\tx', 0), `\x1b[35mif\x1b[0m${' '.repeat(6)}x`);
  assert.equal(expandTabs('no tabs', 5), 'no tabs');
});

test('escape sequences and control characters in printed text take no cell', () => {
  assert.equal(printedWidth('\x1b[1;32m>>> \x1b[0m'), 4);
  assert.equal(printedWidth('\x01\x1b[32m\x02py> \x01\x1b[0m\x02'), 4);
  assert.equal(printedWidth('\x1b]0;title\x07中> '), 4);
});
