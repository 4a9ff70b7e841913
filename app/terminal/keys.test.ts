import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markUnbracketedPaste, tokenize } from './keys';

test('splits text, control keys and escape sequences', () => {
  const tokens = [...tokenize('ab\x1b[D\x7f\rcd')].map(({ length: _length, ...token }) => token);
  assert.deepEqual(tokens, [
    { kind: 'text', text: 'ab' },
    { kind: 'key', key: 'left' },
    { kind: 'key', key: 'backspace' },
    { kind: 'key', key: 'enter' },
    { kind: 'text', text: 'cd' },
  ]);
});

test('unknown escape sequences are consumed whole and ignored', () => {
  const tokens = [...tokenize('\x1b[15~x')];
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.length]),
    [
      ['ignored', 5],
      ['text', 1],
    ],
  );
});

test('home and end arrive in several encodings', () => {
  const keys = [...tokenize('\x1b[H\x1bOH\x1b[1~\x01\x1b[F\x1bOF\x1b[4~\x05')].map((t) =>
    t.kind === 'key' ? t.key : t.kind,
  );
  assert.deepEqual(keys, ['home', 'home', 'home', 'home', 'end', 'end', 'end', 'end']);
});

test('a bracketed paste is one token, whatever it contains', () => {
  const tokens = [...tokenize('a\x1b[200~x = 1\r\x1b[Dy\x1b[201~\r')].map(({ length: _length, ...token }) => token);
  assert.deepEqual(tokens, [
    { kind: 'text', text: 'a' },
    { kind: 'paste', text: 'x = 1\r\x1b[Dy' },
    { kind: 'key', key: 'enter' },
  ]);
});

test('Alt and Ctrl word keys are named', () => {
  const keys = [...tokenize('\x1bb\x1bf\x1bd\x1b[1;5D\x1b[1;5C\x12\x19\x02\x06')].map((t) =>
    t.kind === 'key' ? t.key : t.kind,
  );
  assert.deepEqual(keys, [
    'word-left',
    'word-right',
    'kill-word-forward',
    'word-left',
    'word-right',
    'reverse-search',
    'yank',
    'left',
    'right',
  ]);
});

test('with bracketed paste off, text with a line break that arrives in one piece is marked as a paste', () => {
  assert.equal(markUnbracketedPaste('def f():\r    return 1\r', false), '\x1b[200~def f():\r    return 1\r\x1b[201~');
  assert.equal(markUnbracketedPaste('x\r', false), '\x1b[200~x\r\x1b[201~');
});

test('single keys, text without a line break, and input while bracketed paste is on are left alone', () => {
  for (const data of ['\r', '\x1b\r', 'abc', '\x1b[A']) assert.equal(markUnbracketedPaste(data, false), data);
  assert.equal(markUnbracketedPaste('a\rb', true), 'a\rb');
});

test('Ctrl+Backspace and Ctrl+Delete kill words, Ctrl+W to whitespace, Ctrl+T transposes, Ctrl+_ undoes', () => {
  const keys = [...tokenize('\b\x1b[3;5~\x17\x1b\x7f\x14\x1f\x7f')].map((t) => (t.kind === 'key' ? t.key : t.kind));
  assert.deepEqual(keys, [
    'kill-word-back',
    'kill-word-forward',
    'unix-word-rubout',
    'kill-word-back',
    'transpose',
    'undo',
    'backspace',
  ]);
});
