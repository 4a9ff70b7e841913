/**
 * The line editor's text operations that need no terminal: word boundaries (readline's two kinds of word) and
 * transposing characters. Offsets are in code units and never split a character (a word's ends are moved out to the
 * nearest whole user-perceived character).
 */
import { boundaryAtOrAfter, boundaryAtOrBefore, nextBoundary, previousBoundary } from './cellWidth';

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const SPACE = /\s/u;

/**
 * Start of the word before `index` (Alt+B, Alt+Backspace, Ctrl+Backspace): skips non-word characters, then word
 * characters, so punctuation ends a word (`foo.bar(` → `foo.`), as readline's backward-kill-word.
 */
export function wordStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && !WORD_CHAR.test(text[i - 1] ?? '')) i--;
  while (i > 0 && WORD_CHAR.test(text[i - 1] ?? '')) i--;
  return boundaryAtOrBefore(text, i);
}

/** End of the word after `index` (Alt+F, Alt+D, Ctrl+Delete). */
export function wordEndAfter(text: string, index: number): number {
  let i = index;
  while (i < text.length && !WORD_CHAR.test(text[i] ?? '')) i++;
  while (i < text.length && WORD_CHAR.test(text[i] ?? '')) i++;
  return boundaryAtOrAfter(text, i);
}

/** Start of the whitespace-delimited word before `index` (Ctrl+W, readline's unix-word-rubout). */
export function spaceWordStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && SPACE.test(text[i - 1] ?? '')) i--;
  while (i > 0 && !SPACE.test(text[i - 1] ?? '')) i--;
  return boundaryAtOrBefore(text, i);
}

/**
 * Ctrl+T, as readline's transpose-chars: the character before the cursor swaps with the one under it and the cursor
 * moves past both; at the end of the line the last two characters swap. `lineStart`/`lineEnd` bound the line the
 * cursor is on (a block's other lines are not touched). Null when there is nothing to swap.
 */
export function transposeChars(
  text: string,
  cursor: number,
  lineStart: number,
  lineEnd: number,
): { text: string; cursor: number } | null {
  const at = cursor >= lineEnd ? previousBoundary(text, lineEnd) : cursor;
  if (at <= lineStart) return null;
  const before = previousBoundary(text, at);
  const after = nextBoundary(text, at);
  return {
    text: text.slice(0, before) + text.slice(at, after) + text.slice(before, at) + text.slice(after),
    cursor: after,
  };
}
