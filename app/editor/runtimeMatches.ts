/**
 * The running Python's completions (the console's Tab completion) as editor suggestions: what to ask for, and
 * how its matches, which replace `line.slice(start, cursor)`, become words that replace the editor's word.
 */

/** The answer of the console's completer: each match replaces `line.slice(start, cursor)`. */
export interface RuntimeCompletions {
  readonly matches: readonly string[];
  readonly start: number;
}

/** Asks the running Python; null when it is busy or `signal` gave up first. */
export type RuntimeCompleter = (
  line: string,
  cursor: number,
  signal: AbortSignal,
) => Promise<RuntimeCompletions | null>;

export type RuntimeMatchKind = 'callable' | 'keyword' | 'module' | 'name';

export interface RuntimeMatch {
  /** The text that replaces the editor's word before the cursor. */
  readonly word: string;
  readonly kind: RuntimeMatchKind;
}

/** Whether the line up to the cursor names a module: after `import` (`import os, sy`) or `from` (`from xml.d`). */
export function modulesWanted(linePrefix: string): boolean {
  return /^\s*(?:import\s+(?:[\w.]+\s*,\s*)*|from\s+)[\w.]*$/u.test(linePrefix);
}

/**
 * Whether the line up to the cursor names what a module has: `from module import na`. Python lists the names of a
 * module it has imported already, and a package's submodules; it does not import one to list them (that runs it).
 */
export function moduleNamesWanted(linePrefix: string): boolean {
  return /^\s*from\s+[\w.]+\s+import\s+[\w, ]*$/u.test(linePrefix);
}

/**
 * The completer's matches as replacements of the editor's word, which starts at `wordStart` in `linePrefix` (the
 * line up to the cursor). rlcompleter's decorations go: `(` after a callable, ` ` or `:` after a keyword.
 */
export function runtimeMatches(
  linePrefix: string,
  wordStart: number,
  completions: RuntimeCompletions,
  keywords: ReadonlySet<string>,
): RuntimeMatch[] {
  const { start } = completions;
  if (start < 0 || start > linePrefix.length) return [];
  const modules = modulesWanted(linePrefix);
  const found: RuntimeMatch[] = [];
  for (const match of completions.matches) {
    let full = match;
    let kind: RuntimeMatchKind = modules ? 'module' : 'name';
    if (full.endsWith('(')) {
      full = full.slice(0, -1);
      kind = 'callable';
    } else if (keywords.has(full.replace(/[ :]+$/u, ''))) {
      full = full.replace(/[ :]+$/u, '');
      kind = 'keyword';
    }
    // The match covers line[start:cursor]; the editor's word covers line[wordStart:cursor].
    let word: string;
    if (start <= wordStart) {
      const before = linePrefix.slice(start, wordStart);
      if (!full.startsWith(before)) continue;
      word = full.slice(before.length);
    } else {
      word = linePrefix.slice(wordStart, start) + full;
    }
    if (word !== '') found.push({ word, kind });
  }
  return found;
}
