/**
 * Syntax highlighting of the code being typed: keywords, strings, numbers and comments in ANSI colours (the
 * 16-colour palette, so the light and dark themes both colour them well). Works on the whole block, so a
 * triple-quoted string spanning lines is coloured on each of them; returns one string per line, each one
 * self-contained (it ends with a reset), because the editor writes a prompt between lines.
 */

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
]); // prettier-ignore

export const HIGHLIGHT_COLOURS = {
  keyword: '\x1b[35m',
  string: '\x1b[32m',
  number: '\x1b[33m',
  comment: '\x1b[90m',
  definition: '\x1b[34m',
} as const;

type TokenKind = keyof typeof HIGHLIGHT_COLOURS | 'plain';

const RESET = '\x1b[0m';
const TOKEN = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    // Triple-quoted strings may span lines and may be unfinished (still being typed): they run to the end.
    String.raw`(?<string>(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|$(?![\s\S]))|"""[\s\S]*?(?:"""|$(?![\s\S]))|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))`,
    String.raw`(?<number>\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?[jJ]?)|\.\d[\d_]*(?:[eE][+-]?\d+)?[jJ]?)`,
    String.raw`(?<name>[\p{L}_][\p{L}\p{N}_]*)`,
    String.raw`(?<other>[\s\S])`,
  ].join('|'),
  'gu',
);

/** The block's lines with ANSI colours; stripping the escapes gives back `source.split('\n')`. */
export function highlightPython(source: string): string[] {
  const lines: string[] = [''];
  let afterDefinitionKeyword = false;
  const emit = (kind: TokenKind, text: string): void => {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push('');
      if (part === '') return;
      const colour = kind === 'plain' ? '' : HIGHLIGHT_COLOURS[kind];
      lines[lines.length - 1] += colour ? `${colour}${part}${RESET}` : part;
    });
  };
  for (const match of source.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    const text = match[0];
    if (groups.comment !== undefined) emit('comment', text);
    else if (groups.string !== undefined) emit('string', text);
    else if (groups.number !== undefined) emit('number', text);
    else if (groups.name !== undefined) {
      if (KEYWORDS.has(text)) emit('keyword', text);
      else emit(afterDefinitionKeyword ? 'definition' : 'plain', text);
      afterDefinitionKeyword = text === 'def' || text === 'class';
      continue;
    } else emit('plain', text);
    if (!/^[ \t]$/u.test(text)) afterDefinitionKeyword = false;
  }
  return lines;
}
