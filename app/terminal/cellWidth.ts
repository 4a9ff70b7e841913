/**
 * How many terminal cells text occupies, close enough to xterm.js's Unicode 11 tables for line editing:
 * combining marks take none, wide East Asian characters and emoji take two, everything else one. A cluster takes the
 * cells of its characters, as xterm.js draws them: `e` + combining accent one, a flag's two regional indicators one
 * each, each emoji of a ZWJ sequence two (the ZWJs none), an emoji's skin tone two more.
 */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f]/u; // variation selectors are Mn
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;

export function cellWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    const code = char.codePointAt(0) ?? 0;
    // Pictographs below U+2300 (©, ®, ‼ …) are narrow in xterm.js.
    width += WIDE.test(char) && code >= 0x2300 ? 2 : 1;
  }
  return width;
}

const CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching terminal control sequences is the point
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|[\u0000-\u001f\u007f]/gu;

/**
 * The cells of text a program prints, which may hold colours and other escape sequences (a prompt such as
 * `sys.ps1 = "\x1b[32m>>> \x1b[0m"`, readline's \x01 \x02 markers): those take no cell. Text without line breaks.
 */
export function printedWidth(text: string): number {
  return cellWidth(text.replace(CONTROLS, ''));
}

/*
 * Cursor boundaries: the edges of grapheme clusters, the characters a user sees (`e` with a combining accent, a flag
 * made of two regional indicators, a family emoji joined by ZWJs), so that one Left, Right, Backspace or Delete moves
 * over or deletes a whole one, as readline and the browser's text fields do. Intl.Segmenter finds them; where a
 * browser lacks it, boundaries are those of code points (surrogate pairs are never split).
 *
 * The editor asks at every key, and an input may be long: only the piece of text between the nearest certain
 * boundaries around the cursor is segmented, not the whole input.
 */

/**
 * Characters that join no neighbour into a cluster (none of Unicode's grapheme rules but "break" applies between
 * two of them): U+0000..U+02FF (Latin, controls, spacing modifiers; combining marks start at U+0300; a carriage
 * return joins a line feed, which `certainBoundary` checks), CJK ideographs, kana and pictographs (an emoji joins only
 * the ZWJ before it or the marks and skin tones after it, none of which are here). Other scripts are left to the
 * segmenter: their marks, jamo, prefixed letters and conjuncts join in ways that change with Unicode versions.
 */
const STANDS_ALONE = /[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\p{Extended_Pictographic}]/u;

function standsAlone(code: number): boolean {
  return code < 0x300 || STANDS_ALONE.test(String.fromCodePoint(code));
}

/**
 * Whether `index` is a grapheme boundary whatever the text around: after a line feed, before one (unless a carriage
 * return precedes it), or between two characters that stand alone. The characters before a certain boundary do not
 * change the clusters after it, so text can be segmented from there.
 */
function certainBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const next = text.charCodeAt(index);
  const last = text.charCodeAt(index - 1);
  if (last === 0x0a) return true;
  if (next === 0x0a) return last !== 0x0d;
  if (isLowSurrogate(next) && isHighSurrogate(last)) return false; // inside a surrogate pair
  const before = index >= 2 && isLowSurrogate(last) ? (text.codePointAt(index - 2) ?? last) : last;
  return standsAlone(before) && standsAlone(text.codePointAt(index) ?? next);
}

let segmenter: { readonly type: typeof Intl.Segmenter; readonly instance: Intl.Segmenter } | null = null;

/** The browser's grapheme segmenter, or null where there is none. */
function graphemeSegmenter(): Intl.Segmenter | null {
  const type = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (typeof type !== 'function') return null;
  if (segmenter?.type !== type) segmenter = { type, instance: new type(undefined, { granularity: 'grapheme' }) };
  return segmenter.instance;
}

/** The cluster holding the code unit at `index` (0 <= index < text.length): its start and end. */
function clusterAt(text: string, index: number): { start: number; end: number } {
  const graphemes = graphemeSegmenter();
  if (!graphemes) {
    const code = text.charCodeAt(index);
    if (isLowSurrogate(code) && index > 0 && isHighSurrogate(text.charCodeAt(index - 1))) {
      return { start: index - 1, end: index + 1 };
    }
    return {
      start: index,
      end: isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1)) ? index + 2 : index + 1,
    };
  }
  let start = index;
  while (!certainBoundary(text, start)) start--;
  let end = index + 1;
  while (!certainBoundary(text, end)) end++;
  if (end - start === 1) return { start, end };
  const cluster = graphemes.segment(text.slice(start, end)).containing(index - start);
  if (!cluster) return { start: index, end: index + 1 }; // cannot happen: index - start is inside the slice
  return { start: start + cluster.index, end: start + cluster.index + cluster.segment.length };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The cursor boundary before `index` (Left, Backspace): the start of the character that ends there. */
export function previousBoundary(text: string, index: number): number {
  if (index <= 0) return 0;
  return clusterAt(text, Math.min(index, text.length) - 1).start;
}

/** The cursor boundary after `index` (Right, Delete): the end of the character that starts there. */
export function nextBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  return clusterAt(text, Math.max(index, 0)).end;
}

/** `index` if it is a cursor boundary, else the start of the character it is inside. */
export function boundaryAtOrBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  return clusterAt(text, index).start;
}

/** `index` if it is a cursor boundary, else the end of the character it is inside. */
export function boundaryAtOrAfter(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const cluster = clusterAt(text, index);
  return cluster.start === index ? index : cluster.end;
}

/** Terminals put a tab stop every 8 columns. */
const TAB_STOP = 8;
/** An escape sequence (the highlighter's colours): drawn in no cell. */
// eslint-disable-next-line no-control-regex -- matching terminal control sequences is the point
const ESCAPE_OR_TAB = /(\u001b\[[0-?]*[ -/]*[@-~]|\t)/u;

/**
 * The column where `text` ends when drawn from `column` of a line that does not wrap: a tab reaches the next tab
 * stop. The line editor draws tabs that way (`expandTabs`), counting from the start of the line, wrapped or not.
 */
export function columnAfter(column: number, text: string): number {
  let at = column;
  text.split('\t').forEach((part, i) => {
    if (i > 0) at += TAB_STOP - (at % TAB_STOP);
    at += cellWidth(part);
  });
  return at;
}

/**
 * `text` (which may hold colour escapes) with each tab replaced by the spaces up to the next tab stop, drawn from
 * `column`. The terminal's own tab would jump to a stop of the row, which a wrapped row does not share with the line,
 * and would not erase what it skips; spaces end where `columnAfter` says.
 */
export function expandTabs(text: string, column: number): string {
  if (!text.includes('\t')) return text;
  let at = column;
  let out = '';
  for (const piece of text.split(ESCAPE_OR_TAB)) {
    if (piece === '\t') {
      const spaces = TAB_STOP - (at % TAB_STOP);
      out += ' '.repeat(spaces);
      at += spaces;
    } else {
      out += piece;
      if (!piece.startsWith('\u001b[')) at += cellWidth(piece);
    }
  }
  return out;
}
