import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boundaryAtOrAfter,
  boundaryAtOrBefore,
  cellWidth,
  columnAfter,
  expandTabs,
  nextBoundary,
  previousBoundary,
  printedWidth,
} from './cellWidth';

test('wide characters take two cells and combining marks none', () => {
  assert.equal(cellWidth('abc'), 3);
  assert.equal(cellWidth('中文'), 4);
  assert.equal(cellWidth('😀'), 2);
  assert.equal(cellWidth('e\u0301'), 1);
});

// The widths xterm.js draws with its Unicode 11 tables (the console's), read from its buffer's cursor.
test('an emoji sequence takes the cells xterm.js draws it in: each emoji of a ZWJ sequence two, a skin tone two', () => {
  assert.equal(cellWidth('cafe\u0301'), 4);
  assert.equal(cellWidth('\u{1F469}\u200d\u{1F469}\u200d\u{1F467}'), 6); // 👩‍👩‍👧: three emoji, the ZWJs take none
  assert.equal(cellWidth('\u{1F1EB}\u{1F1F7}'), 2); // 🇫🇷: a regional indicator takes one
  assert.equal(cellWidth('\u{1F44D}\u{1F3FD}'), 4); // 👍🏽
});

test('cursor boundaries step over surrogate pairs', () => {
  const text = 'a😀b';
  assert.equal(nextBoundary(text, 1), 3);
  assert.equal(previousBoundary(text, 3), 1);
});

const FAMILY = '\u{1F469}\u200d\u{1F469}\u200d\u{1F467}'; // 👩‍👩‍👧, 8 code units
const FLAG = '\u{1F1EB}\u{1F1F7}'; // 🇫🇷

test('one step moves over a whole character: a letter with its accent, a flag, a ZWJ family, a skin tone', () => {
  assert.equal(previousBoundary('cafe\u0301!', 5), 3);
  assert.equal(nextBoundary('cafe\u0301!', 3), 5);
  assert.equal(previousBoundary(`x${FLAG}`, 5), 1);
  assert.equal(nextBoundary(`x${FLAG}y`, 1), 5);
  assert.equal(previousBoundary(`"${FAMILY}"`, 9), 1);
  assert.equal(nextBoundary(`"${FAMILY}"`, 1), 9);
  assert.equal(previousBoundary('\u{1F44D}\u{1F3FD}', 4), 0);
  assert.equal(previousBoundary(`${FLAG}${FLAG}`, 8), 4); // flags pair up from the start of a run of indicators
  assert.equal(nextBoundary('a\r\nb', 1), 3);
});

test('an offset inside a character snaps to its start or its end', () => {
  assert.equal(boundaryAtOrBefore('s = "🐍🐍"', 6), 5);
  assert.equal(boundaryAtOrAfter('s = "🐍🐍"', 6), 7);
  assert.equal(boundaryAtOrBefore(`"${FAMILY}"`, 4), 1);
  assert.equal(boundaryAtOrAfter(`"${FAMILY}"`, 4), 9);
  assert.equal(boundaryAtOrBefore('cafe\u0301', 4), 3);
  assert.equal(boundaryAtOrBefore('cafe\u0301', 3), 3);
  assert.equal(boundaryAtOrAfter('cafe\u0301', 3), 3);
});

/** Pieces that join in all of Unicode's ways: marks, ZWJ, flags, skin tones, keycaps, Hangul, conjuncts, CR LF. */
const PIECES = [
  ...'ae 1\t\n\r©中あ\u3099',
  '\u0301',
  '\u{1F1EB}',
  '\u{1F1F7}',
  '\u200d',
  '\u{1F469}',
  '\u{1F40D}',
  '\ufe0f',
  '\u20e3',
  '\u{1F3FD}',
  '\u0915', // क
  '\u094d', // virama
  '\u0937', // ष
  '\u1100', // Hangul jamo L, V, T and a syllable
  '\u1161',
  '\u11a8',
  '\uac00',
  '\u0600', // a prefixed Arabic number sign
  '\u0e01', // Thai letter and its spacing vowel SARA AM
  '\u0e33',
  '\ud83d', // a lone surrogate
];

/** The cluster starts of the whole text, segmented at once. */
function allBoundaries(text: string): number[] {
  const starts = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.index);
  return [...starts, text.length];
}

test('cursor boundaries are those of segmenting the whole text, whatever the characters around', () => {
  let seed = 12345;
  const random = (below: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  for (let round = 0; round < 400; round++) {
    let text = '';
    const length = 1 + random(30);
    for (let i = 0; i < length; i++) text += PIECES[random(PIECES.length)];
    const bounds = allBoundaries(text);
    for (let i = 0; i <= text.length; i++) {
      const message = `${JSON.stringify(text)} at ${i}`;
      assert.equal(previousBoundary(text, i), Math.max(0, ...bounds.filter((b) => b < i)), message);
      assert.equal(nextBoundary(text, i), Math.min(text.length, ...bounds.filter((b) => b > i)), message);
      assert.equal(boundaryAtOrBefore(text, i), Math.max(...bounds.filter((b) => b <= i)), message);
      assert.equal(boundaryAtOrAfter(text, i), Math.min(...bounds.filter((b) => b >= i)), message);
    }
  }
});

/** Runs `body` with `Intl.Segmenter` replaced (undefined: a browser without it). */
function withSegmenter(type: typeof Intl.Segmenter | undefined, body: () => void): void {
  const original = Intl.Segmenter;
  Object.defineProperty(Intl, 'Segmenter', { value: type, configurable: true, writable: true });
  try {
    body();
  } finally {
    Object.defineProperty(Intl, 'Segmenter', { value: original, configurable: true, writable: true });
  }
}

test('a long line is segmented only around the cursor, and stepping over all of it finds each character', () => {
  const line = `x = "${`ab${FLAG} cafe\u0301 ${FAMILY}🐍中文 `.repeat(160)}"`; // about 4,000 code units
  const segmented: number[] = [];
  class CountingSegmenter extends Intl.Segmenter {
    override segment(input: string): Intl.Segments {
      segmented.push(input.length);
      return super.segment(input);
    }
  }
  const bounds = allBoundaries(line);
  const left: number[] = [];
  const right: number[] = [];
  withSegmenter(CountingSegmenter, () => {
    for (let at = line.length; at > 0; at = previousBoundary(line, at)) left.unshift(at);
    for (let at = 0; at < line.length; at = nextBoundary(line, at)) right.push(at);
  });
  assert.deepEqual([0, ...left], bounds);
  assert.deepEqual([...right, line.length], bounds);
  assert.ok(segmented.length > 0);
  assert.ok(Math.max(...segmented) <= 12, `segmented pieces of up to ${Math.max(...segmented)} code units`);
});

test('without Intl.Segmenter, cursor boundaries are those of code points', () => {
  withSegmenter(undefined, () => {
    assert.equal(previousBoundary('cafe\u0301', 5), 4);
    assert.equal(nextBoundary(`x${FLAG}`, 1), 3);
    assert.equal(boundaryAtOrBefore('a😀', 2), 1);
    assert.equal(boundaryAtOrAfter('a😀', 2), 3);
  });
  assert.equal(previousBoundary('cafe\u0301', 5), 3); // and the segmenter is used again once it is back
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
