/**
 * How many terminal cells text occupies, close enough to xterm.js's Unicode 11 tables for line editing:
 * combining marks take none, wide East Asian characters and emoji take two, everything else one.
 */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f]/u; // variation selectors are Mn
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\p{Extended_Pictographic}]/u;

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

/** Index of the code point boundary before `index` (steps over surrogate pairs). */
export function previousBoundary(text: string, index: number): number {
  if (index <= 0) return 0;
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
}

/** Index of the code point boundary after `index`. */
export function nextBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const high = text.charCodeAt(index);
  return high >= 0xd800 && high <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
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
