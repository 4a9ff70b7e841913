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
  | 'clear-screen';

const NAMED: Readonly<Record<string, EditKey>> = {
  '\r': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x01': 'home', // Ctrl+A
  '\x03': 'interrupt', // Ctrl+C
  '\x04': 'eof', // Ctrl+D
  '\x05': 'end', // Ctrl+E
  '\x0b': 'kill-to-end', // Ctrl+K
  '\x0c': 'clear-screen', // Ctrl+L
  '\x15': 'kill-to-start', // Ctrl+U
  '\x17': 'kill-word-back', // Ctrl+W
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
};

export type InputToken =
  | { readonly kind: 'key'; readonly key: EditKey }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ignored' };

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
