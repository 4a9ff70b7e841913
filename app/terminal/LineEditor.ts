/**
 * A readline-style line editor as an xterm.js addon. `readLine()` shows a prompt and resolves with the line
 * when Enter is pressed (or with `eof` / `interrupt`). Input that arrives while no read is active (typing
 * ahead, the rest of a multi-line paste) is kept and fed to the next read, as a real terminal does.
 */
import type { ITerminalAddon, Terminal } from '@xterm/xterm';
import { Disposable, Emitter } from '../lifecycle/Disposable';
import { cellWidth, nextBoundary, previousBoundary } from './cellWidth';
import type { History } from './History';
import { tokenize, type EditKey } from './keys';

export type ReadResult =
  { readonly kind: 'line'; readonly text: string } | { readonly kind: 'eof' } | { readonly kind: 'interrupt' };

export interface CompletionResult {
  readonly matches: readonly string[];
  readonly start: number;
}

export type Completer = (line: string, cursor: number) => Promise<CompletionResult>;

export interface ReadOptions {
  /** Written before the line; may be empty when the program already printed its prompt (input()). */
  readonly prompt: string;
  /** Up/Down navigate this history and the submitted line is added to it. */
  readonly history?: History;
  /** Tab asks this for completions; without it (or at the start of a line) Tab indents. */
  readonly complete?: Completer;
}

const INDENT = '    ';

interface ActiveRead {
  readonly options: ReadOptions;
  readonly resolve: (result: ReadResult) => void;
  line: string;
  /** Cursor position in `line`, in code units. */
  cursor: number;
  /** Column where the editable text starts (after the prompt). */
  startColumn: number;
  /** Where the terminal's cursor is now, in cells from the start of the editable text. */
  shownCells: number;
  /** True while Tab waits for completions; keys typed meanwhile wait in the type-ahead buffer. */
  busy: boolean;
}

export class LineEditor extends Disposable implements ITerminalAddon {
  private readonly _onIdleInterrupt = this._register(new Emitter<void>());
  /** Ctrl+C pressed while no read is active (code is running): the console interrupts it. */
  readonly onIdleInterrupt = this._onIdleInterrupt.event;

  private _terminal: Terminal | null = null;
  private _read: ActiveRead | null = null;
  private _starting = false;
  private _typeAhead = '';

  activate(terminal: Terminal): void {
    this._terminal = terminal;
    this._register(terminal.onData((data) => this._receive(data)));
  }

  get isReading(): boolean {
    return this._read !== null || this._starting;
  }

  async readLine(options: ReadOptions): Promise<ReadResult> {
    const terminal = this._requireTerminal();
    if (this.isReading) throw new Error('LineEditor: a read is already active');
    this._starting = true;
    await writeAndWait(terminal, options.prompt);
    this._starting = false;
    return new Promise<ReadResult>((resolve) => {
      this._read = {
        options,
        resolve,
        line: '',
        cursor: 0,
        startColumn: terminal.buffer.active.cursorX,
        shownCells: 0,
        busy: false,
      };
      this._drainTypeAhead();
    });
  }

  /** Ends an active read as if the user had pressed Ctrl+C, without echoing anything. */
  cancel(): void {
    const read = this._read;
    if (!read) return;
    this._read = null;
    read.resolve({ kind: 'interrupt' });
  }

  /** Forgets typed-ahead input (after an interrupt, stale keystrokes must not run). */
  discardTypeAhead(): void {
    this._typeAhead = '';
  }

  private _receive(data: string): void {
    const read = this._read;
    if (!read || read.busy) {
      if (!read && data.includes('\x03')) {
        this._typeAhead = '';
        this._onIdleInterrupt.fire();
      } else {
        this._typeAhead += data;
      }
      return;
    }
    let consumed = 0;
    for (const token of tokenize(data)) {
      consumed += token.length;
      if (token.kind === 'text') this._insert(read, token.text);
      else if (token.kind === 'key') this._handleKey(read, token.key);
      // Enter, Ctrl+C or Ctrl+D ended the read, or Tab is waiting: the rest is for later.
      if (this._read !== read || read.busy) break;
    }
    this._typeAhead = data.slice(consumed) + this._typeAhead;
    if (this._read === read && !read.busy) this._render(read);
  }

  private _drainTypeAhead(): void {
    const pending = this._typeAhead;
    this._typeAhead = '';
    if (pending) this._receive(pending);
  }

  private _insert(read: ActiveRead, text: string): void {
    read.line = read.line.slice(0, read.cursor) + text + read.line.slice(read.cursor);
    read.cursor += text.length;
  }

  private _handleKey(read: ActiveRead, key: EditKey): void {
    const { line, cursor } = read;
    switch (key) {
      case 'enter':
        this._finish(read, { kind: 'line', text: line }, '\r\n');
        return;
      case 'interrupt':
        this._finish(read, { kind: 'interrupt' }, '^C\r\n');
        return;
      case 'eof':
        if (line === '') this._finish(read, { kind: 'eof' }, '\r\n');
        else read.line = line.slice(0, cursor) + line.slice(nextBoundary(line, cursor));
        return;
      case 'backspace': {
        const start = previousBoundary(line, cursor);
        read.line = line.slice(0, start) + line.slice(cursor);
        read.cursor = start;
        return;
      }
      case 'delete':
        read.line = line.slice(0, cursor) + line.slice(nextBoundary(line, cursor));
        return;
      case 'left':
        read.cursor = previousBoundary(line, cursor);
        return;
      case 'right':
        read.cursor = nextBoundary(line, cursor);
        return;
      case 'home':
        read.cursor = 0;
        return;
      case 'end':
        read.cursor = line.length;
        return;
      case 'up':
      case 'down': {
        const history = read.options.history;
        const entry = key === 'up' ? history?.previous(line) : history?.next();
        if (entry !== undefined) {
          read.line = entry;
          read.cursor = entry.length;
        }
        return;
      }
      case 'kill-to-end':
        read.line = line.slice(0, cursor);
        return;
      case 'kill-to-start':
        read.line = line.slice(cursor);
        read.cursor = 0;
        return;
      case 'kill-word-back': {
        const start = line.slice(0, cursor).search(/\S+\s*$/u);
        if (start >= 0) {
          read.line = line.slice(0, start) + line.slice(cursor);
          read.cursor = start;
        }
        return;
      }
      case 'clear-screen':
        // Keeps the prompt line and drops everything above it (only exact for a one-row input).
        this._requireTerminal().clear();
        return;
      case 'tab':
        this._complete(read);
        return;
      default:
        assertNever(key);
    }
  }

  private _complete(read: ActiveRead): void {
    const before = read.line.slice(0, read.cursor);
    const complete = read.options.complete;
    if (!complete || before.trim() === '') {
      this._insert(read, INDENT);
      return;
    }
    read.busy = true;
    const line = read.line;
    const cursor = read.cursor;
    complete(line, cursor)
      .then((result) => this._applyCompletion(read, line, cursor, result))
      .catch((error: unknown) => console.warn('pyrite: completion failed', error))
      .finally(() => {
        read.busy = false;
        if (this._read === read) {
          this._render(read);
          this._drainTypeAhead();
        }
      });
  }

  private async _applyCompletion(
    read: ActiveRead,
    line: string,
    cursor: number,
    result: CompletionResult,
  ): Promise<void> {
    // The read may have ended (interrupt) or the line changed while we waited.
    if (this._read !== read || read.line !== line || read.cursor !== cursor) return;
    const word = line.slice(result.start, cursor);
    const prefix = commonPrefix(result.matches);
    if (prefix.length > word.length) {
      read.line = line.slice(0, result.start) + prefix + line.slice(cursor);
      read.cursor = result.start + prefix.length;
    } else if (result.matches.length > 1) {
      await this._listMatches(read, result.matches);
    }
  }

  /** Prints the candidates below the input, then redraws prompt and input underneath. */
  private async _listMatches(read: ActiveRead, matches: readonly string[]): Promise<void> {
    const terminal = this._requireTerminal();
    this._moveTo(read, cellWidth(read.line));
    const width = Math.max(...matches.map(cellWidth)) + 2;
    const perRow = Math.max(1, Math.floor(terminal.cols / width));
    let listing = '\r\n';
    matches.forEach((match, i) => {
      listing += match.padEnd(width - cellWidth(match) + match.length);
      if ((i + 1) % perRow === 0 || i === matches.length - 1) listing += '\r\n';
    });
    await writeAndWait(terminal, listing + read.options.prompt);
    read.startColumn = terminal.buffer.active.cursorX;
    read.shownCells = 0;
  }

  private _finish(read: ActiveRead, result: ReadResult, echo: string): void {
    // Keys handled in the same batch (a paste, typing ahead) are not on screen yet.
    this._render(read);
    this._moveTo(read, cellWidth(read.line));
    this._requireTerminal().write(echo);
    if (result.kind === 'line') read.options.history?.add(result.text);
    else read.options.history?.resetNavigation();
    this._read = null;
    read.resolve(result);
  }

  /** Redraws the editable text and places the cursor, moving relative to where the cursor is now. */
  private _render(read: ActiveRead): void {
    const terminal = this._requireTerminal();
    let out = this._moveSequence(read, read.shownCells, 0);
    out += `${read.line}\x1b[J`;
    const endCells = cellWidth(read.line);
    // Text that ends exactly at the right margin leaves the cursor pending there; make the wrap real.
    if (endCells > 0 && (read.startColumn + endCells) % terminal.cols === 0) out += ' \r\x1b[K';
    out += this._moveSequence(read, endCells, cellWidth(read.line.slice(0, read.cursor)));
    read.shownCells = cellWidth(read.line.slice(0, read.cursor));
    terminal.write(out);
  }

  private _moveTo(read: ActiveRead, cells: number): void {
    this._requireTerminal().write(this._moveSequence(read, read.shownCells, cells));
    read.shownCells = cells;
  }

  /** Escape sequence moving the cursor between two offsets (in cells from the start of the editable text). */
  private _moveSequence(read: ActiveRead, fromCells: number, toCells: number): string {
    const cols = this._requireTerminal().cols;
    const from = read.startColumn + fromCells;
    const to = read.startColumn + toCells;
    const rows = Math.floor(to / cols) - Math.floor(from / cols);
    let out = rows < 0 ? `\x1b[${-rows}A` : rows > 0 ? `\x1b[${rows}B` : '';
    out += '\r';
    if (to % cols > 0) out += `\x1b[${to % cols}C`;
    return out;
  }

  private _requireTerminal(): Terminal {
    if (!this._terminal) throw new Error('LineEditor: load the addon into a terminal first');
    return this._terminal;
  }
}

function writeAndWait(terminal: Terminal, text: string): Promise<void> {
  return new Promise((resolve) => terminal.write(text, resolve));
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

function assertNever(value: never): never {
  throw new Error(`LineEditor: unhandled key ${String(value)}`);
}
