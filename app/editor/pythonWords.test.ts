import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeWanted, contextAt, documentWords } from './pythonWords';

const sorted = (words: ReadonlySet<string>): string[] => [...words].sort();

test('document words are the names and attributes of the code, keywords left out', () => {
  const words = documentWords('import math\nclass Point:\n    def norm(self):\n        return math.hypot(self.x)\n');
  assert.deepEqual(sorted(words.names), ['Point', 'math', 'norm', 'self']);
  assert.deepEqual(sorted(words.attributes), ['hypot', 'x']);
});

test('words in comments and strings of every kind are not document words', () => {
  const text = [
    '# a_comment_word',
    'a = "double_word" + \'single_word\'',
    'b = """triple_word',
    'still_triple"""',
    'c = rb\'prefixed_word\' + f"{format_word}"',
    'd = "escaped \\" quote_word"',
    'e = 1',
  ].join('\n');
  assert.deepEqual(sorted(documentWords(text).names), ['a', 'b', 'c', 'd', 'e']);
});

test('an unclosed string ends at its line, an unclosed triple-quoted string at the end of the text', () => {
  assert.deepEqual(sorted(documentWords('a = "open\nafter = 1').names), ['a', 'after']);
  assert.deepEqual(sorted(documentWords('a = """open\nnot_code = 1').names), ['a']);
});

test('numbers do not give words (exponents, suffixes, decimal points)', () => {
  assert.deepEqual(sorted(documentWords('x = 1e5 + 2.5e-3 + 3j + 0x1f + 1_000.0').names), ['x']);
  assert.deepEqual(sorted(documentWords('y = [1][0].real').attributes), ['real']);
});

test('non-ASCII identifiers are words', () => {
  assert.deepEqual(sorted(documentWords('größe = 1\nπ = 3.14\n').names), ['größe', 'π']);
});

test('the word being typed is not a suggestion for itself, unless it is used elsewhere too', () => {
  const text = 'hello_world = 1\nprint(hel';
  assert.deepEqual(sorted(documentWords(text, { start: 22, end: 25 }).names), ['hello_world', 'print']);
  const twice = 'value = 1\nvalue';
  assert.deepEqual(sorted(documentWords(twice, { start: 10, end: 15 }).names), ['value']);
});

test('a position is in a comment, in a string or in code', () => {
  assert.equal(contextAt('x = 1  # note.', 14), 'comment');
  assert.equal(contextAt('# note\nx', 8), 'code');
  assert.equal(contextAt('print("Hello.', 13), 'string');
  assert.equal(contextAt('print("Hello.")', 15), 'code');
  assert.equal(contextAt('s = "a" + "', 11), 'string');
  assert.equal(contextAt('s = "a\\"', 8), 'string');
  assert.equal(contextAt('s = """one\ntwo.', 15), 'string');
  assert.equal(contextAt('obj.', 4), 'code');
});

test('an attribute is wanted after a name, a call, an index or a string, not after a number', () => {
  for (const prefix of ['obj.', 'obj.at', 'k.', 'f().', 'items[0].', '"text".', 'x_1.', '_1.']) {
    assert.equal(attributeWanted(prefix), true, prefix);
  }
  for (const prefix of ['3.', 'x = 1.', '...', 'from . import', 'from .', 'obj', '.']) {
    assert.equal(attributeWanted(prefix), false, prefix);
  }
});
