/**
 * Reading Python errors for the editor: which line of the editor's file an error points at, where traceback
 * lines such as `File "<editor>", line 3, in f` are in console text, and how a selection is prepared to run.
 */
import type { PythonErrorData } from '../../webworker/protocol';

/** The name the editor's code is compiled with; tracebacks show it. */
export const EDITOR_FILENAME = '<editor>';

export interface ErrorLocation {
  /** 1-based line in the editor. */
  readonly line: number;
  readonly message: string;
}

/**
 * The editor line an error belongs to: the innermost frame in `filename`, or, for a SyntaxError (which has no
 * frame of its own), the `File "…", line N` its formatted text names last.
 */
export function errorLocation(error: PythonErrorData, filename = EDITOR_FILENAME): ErrorLocation | null {
  const message = error.message ? `${error.type}: ${error.message}` : error.type;
  for (let i = error.frames.length - 1; i >= 0; i--) {
    const frame = error.frames[i];
    if (frame?.filename === filename && frame.lineno !== null) return { line: frame.lineno, message };
  }
  let line: number | null = null;
  for (const link of findTracebackLinks(error.formatted, filename)) line = link.line;
  return line === null ? null : { line, message };
}

export interface TracebackLink {
  /** Index of the link's first character in the text. */
  readonly start: number;
  /** Index just after its last character. */
  readonly end: number;
  readonly line: number;
}

/** The `File "<filename>", line N` references in `text`. */
export function findTracebackLinks(text: string, filename = EDITOR_FILENAME): TracebackLink[] {
  const pattern = new RegExp(`File "${escapeRegExp(filename)}", line (\\d+)`, 'gu');
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    line: Number(match[1]),
  }));
}

/**
 * Code for running lines `firstLine`… of the editor on their own: blank lines first, so line numbers in errors
 * are the editor's, and the common indentation removed, so lines from inside a block still run.
 */
export function selectionSource(text: string, firstLine: number): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/u.exec(l)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  const body = lines.map((l) => l.slice(Math.min(common, /^[ \t]*/u.exec(l)?.[0].length ?? 0))).join('\n');
  return '\n'.repeat(Math.max(0, firstLine - 1)) + body;
}

/**
 * Python that registers `text` in `linecache` as the source of `filename`, without naming anything in the
 * namespace it runs in. After a selection ran (registered alone, padded), tracebacks through functions of the
 * earlier full run quote their lines again. JSON strings are valid Python string literals.
 */
export function registerSourceProgram(text: string, filename = EDITOR_FILENAME): string {
  const name = JSON.stringify(filename);
  return (
    `(lambda s: __import__("linecache").cache.__setitem__(${name}, (len(s), None, s.splitlines(True), ${name})))` +
    `(${JSON.stringify(text)})\n`
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
