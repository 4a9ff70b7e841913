import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HIGHLIGHT_COLOURS as C, highlightPython } from './highlightPython';

const R = '\x1b[0m';
// eslint-disable-next-line no-control-regex -- stripping the colours is the point
const strip = (line: string): string => line.replace(/\x1b\[[0-9;]*m/gu, '');

test('keywords, strings, numbers and comments are coloured', () => {
  assert.deepEqual(highlightPython('if x == 10: print("hi")  # note'), [
    `${C.keyword}if${R} x == ${C.number}10${R}: print(${C.string}"hi"${R})  ${C.comment}# note${R}`,
  ]);
});

test('the name after def or class is coloured as a definition', () => {
  assert.deepEqual(highlightPython('def f(): pass'), [
    `${C.keyword}def${R} ${C.definition}f${R}(): ${C.keyword}pass${R}`,
  ]);
});

test('a triple-quoted string spanning lines is coloured on each line, each line self-contained', () => {
  const lines = highlightPython('s = """a\nb""" + 1');
  assert.deepEqual(lines, [`s = ${C.string}"""a${R}`, `${C.string}b"""${R} + ${C.number}1${R}`]);
});

test('stripping the colours gives back the text, also for unfinished strings', () => {
  for (const source of ['x = "abc', "f'{a}' '''x\n\ny", 'é = 1_000.5e3j # ü\n\n  ', '']) {
    assert.deepEqual(highlightPython(source).map(strip), source.split('\n'));
  }
});
