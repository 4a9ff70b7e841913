import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spaceWordStartBefore, transposeChars, wordEndAfter, wordStartBefore } from './textEdits';

test('a word back stops at punctuation (Alt+Backspace, Ctrl+Backspace)', () => {
  assert.equal(wordStartBefore('foo.bar(baz)', 12), 8);
  assert.equal(wordStartBefore('one two', 7), 4);
  assert.equal(wordStartBefore('one two  ', 9), 4);
});

test('a word forward ends after the next word (Alt+D, Ctrl+Delete)', () => {
  assert.equal(wordEndAfter('one two', 0), 3);
  assert.equal(wordEndAfter('one two', 3), 7);
});

test('Ctrl+W goes back to the previous whitespace, over punctuation, as unix-word-rubout', () => {
  assert.equal(spaceWordStartBefore('x = foo.bar(baz)', 16), 4);
  assert.equal(spaceWordStartBefore('one two  ', 9), 4);
  assert.equal(spaceWordStartBefore('word', 4), 0);
  assert.equal(spaceWordStartBefore('if x:\n    ', 10), 3);
});

test('Ctrl+T swaps the characters around the cursor, and the last two at the end of the line', () => {
  assert.deepEqual(transposeChars('ab', 2, 0, 2), { text: 'ba', cursor: 2 });
  assert.deepEqual(transposeChars('abc', 1, 0, 3), { text: 'bac', cursor: 2 });
  assert.deepEqual(transposeChars('x\nab\ny', 4, 2, 4), { text: 'x\nba\ny', cursor: 4 });
});

test('Ctrl+T at the start of a line, or with one character, changes nothing', () => {
  assert.equal(transposeChars('ab', 0, 0, 2), null);
  assert.equal(transposeChars('a', 1, 0, 1), null);
  assert.equal(transposeChars('x\nab', 2, 2, 4), null);
});

test('Ctrl+T moves a character outside the basic plane whole', () => {
  assert.deepEqual(transposeChars('a😀', 3, 0, 3), { text: '😀a', cursor: 3 });
});
