/**
 * Splits terminal input (what xterm.js's `onData` delivers) into keys: an escape sequence, one control
 * character, or a run of printable text. Names the keys the line editor understands.
 */
export type EditKey =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'up'
  | 'down'
  | 'tab'
  | 'interrupt'
  | 'eof'
  | 'kill-to-end'
  | 'kill-to-start'
  | 'kill-word-back'
  | 'kill-word-forward'
  | 'unix-word-rubout'
  | 'transpose'
  | 'undo'
  | 'word-left'
  | 'word-right'
  | 'yank'
  | 'newline'
  | 'reverse-search'
  | 'cancel'
  | 'clear-screen';

const NAMED: Readonly<Record<string, EditKey>> = {
  '\r': 'enter',
  '\x7f': 'backspace',
  '\b': 'kill-word-back', // Ctrl+Backspace (xterm.js sends DEL for Backspace, ^H with Ctrl)
  '\t': 'tab',
  '\x01': 'home', // Ctrl+A
  '\x03': 'interrupt', // Ctrl+C
  '\x04': 'eof', // Ctrl+D
  '\x05': 'end', // Ctrl+E
  '\x0b': 'kill-to-end', // Ctrl+K
  '\x0c': 'clear-screen', // Ctrl+L
  '\x15': 'kill-to-start', // Ctrl+U
  '\x17': 'unix-word-rubout', // Ctrl+W: back to the previous whitespace
  '\x14': 'transpose', // Ctrl+T
  '\x1f': 'undo', // Ctrl+_
  '\x02': 'left', // Ctrl+B
  '\x06': 'right', // Ctrl+F
  '\x10': 'up', // Ctrl+P
  '\x0e': 'down', // Ctrl+N
  '\x12': 'reverse-search', // Ctrl+R
  '\x07': 'cancel', // Ctrl+G
  '\x19': 'yank', // Ctrl+Y
  '\x1b': 'cancel', // Escape
  '\x1bb': 'word-left', // Alt+B
  '\x1bf': 'word-right', // Alt+F
  '\x1bd': 'kill-word-forward', // Alt+D
  '\x1b\x7f': 'kill-word-back', // Alt+Backspace
  '\x1b\b': 'kill-word-back', // Ctrl+Alt+Backspace
  '\x1b\r': 'newline', // Alt+Enter: a new line in the block without running it
  '\x1b[1;5D': 'word-left', // Ctrl+Left
  '\x1b[1;5C': 'word-right', // Ctrl+Right
  '\x1b[1;3D': 'word-left', // Alt+Left
  '\x1b[1;3C': 'word-right', // Alt+Right
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[3;5~': 'kill-word-forward', // Ctrl+Delete
};

export type InputToken =
  | { readonly kind: 'key'; readonly key: EditKey }
  | { readonly kind: 'text'; readonly text: string }
  /** Text pasted in bracketed-paste mode (between `ESC [200~` and `ESC [201~`), line breaks as `\r`. */
  | { readonly kind: 'paste'; readonly text: string }
  | { readonly kind: 'ignored' };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

// eslint-disable-next-line no-control-regex -- matching terminal control sequences is the point
const ESCAPE_SEQUENCE = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/su;

function isControl(char: string): boolean {
  return char < ' ' || char === '\x7f';
}

/** Splits `data` into tokens; each token's `length` is the number of code units it consumed. */
export function* tokenize(data: string): Generator<InputToken & { readonly length: number }> {
  let i = 0;
  while (i < data.length) {
    const char = data[i] ?? '';
    let raw: string;
    if (data.startsWith(PASTE_START, i)) {
      // A paste is one token; a paste whose end marker is missing runs to the end of the data.
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const stop = end < 0 ? data.length : end;
      const text = data.slice(i + PASTE_START.length, stop);
      const length = (end < 0 ? stop : stop + PASTE_END.length) - i;
      i += length;
      yield { kind: 'paste', text, length };
      continue;
    }
    if (char === '\x1b') {
      raw = ESCAPE_SEQUENCE.exec(data.slice(i))?.[0] ?? char;
    } else if (isControl(char)) {
      raw = char;
    } else {
      let end = i;
      while (end < data.length && !isControl(data[end] ?? '')) end++;
      raw = data.slice(i, end);
    }
    i += raw.length;
    const key = NAMED[raw];
    if (key) yield { kind: 'key', key, length: raw.length };
    else if (isControl(raw[0] ?? '')) yield { kind: 'ignored', length: raw.length };
    else yield { kind: 'text', text: raw, length: raw.length };
  }
}

/**
 * Marks `data` as a paste when the terminal could not: with bracketed paste off (a program reset the terminal, `ESC
 * c`, while it ran) a paste arrives as plain text. A key arrives alone, so several keys that include a line break in
 * one piece of input can only be a paste.
 */
export function markUnbracketedPaste(data: string, bracketedPasteMode: boolean): string {
  if (bracketedPasteMode || !/[\r\n]/u.test(data)) return data;
  const tokens = tokenize(data);
  tokens.next();
  return tokens.next().done ? data : `${PASTE_START}${data}${PASTE_END}`;
}
