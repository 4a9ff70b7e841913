/**
 * A readline-style editor as an xterm.js addon. `readLine()` shows a prompt and resolves with the input when
 * Enter completes it (or with `eof` / `interrupt`). The input may be a whole block: with a `check` callback,
 * Enter on an unfinished statement opens a `... ` line (auto-indented after `:`), a block recalled from history
 * or pasted is edited as one, and Enter runs it once it is complete, as CPython 3.13's REPL does.
 *
 * Input that arrives while no read is active (typing ahead, the rest of a paste) is kept and fed to the next
 * read, as a real terminal does. Emacs keys: Ctrl+A/E/B/F/K/U/W/Y/L/R/T/_, Alt+B/F/D; Up/Down walk the history.
 */
import type { IMarker, ITerminalAddon, Terminal } from '@xterm/xterm';
import type { SourceStatus } from '../../webworker/protocol';
import { Disposable, Emitter } from '../lifecycle/Disposable';
import {
  boundaryAtOrBefore,
  cellWidth,
  columnAfter,
  expandTabs,
  nextBoundary,
  previousBoundary,
  printedWidth,
} from './cellWidth';
import { cleanPaste } from './cleanPaste';
import type { History } from './History';
import { markUnbracketedPaste, tokenize, type EditKey } from './keys';
import { spaceWordStartBefore, transposeChars, wordEndAfter, wordStartBefore } from './textEdits';

export type ReadResult =
  { readonly kind: 'line'; readonly text: string } | { readonly kind: 'eof' } | { readonly kind: 'interrupt' };

export interface CompletionResult {
  readonly matches: readonly string[];
  readonly start: number;
}

/** `signal` aborts when the user gives up waiting (Ctrl+C): the completer should stop the work it started. */
export type Completer = (line: string, cursor: number, signal: AbortSignal) => Promise<CompletionResult>;

export interface ReadOptions {
  /** Written before the input; may be empty when the program already printed its prompt (input()). */
  readonly prompt: string;
  /** Written before each further line of a block; defaults to `... `. */
  readonly continuationPrompt?: string;
  /** Up/Down navigate this history and the submitted input is added to it. */
  readonly history?: History;
  /** Tab asks this for completions; without it (or at the start of a line) Tab indents. */
  readonly complete?: Completer;
  /**
   * Whether the input is a complete statement. Without it Enter always submits one line (input()); with it,
   * Enter on an `incomplete` input opens a continuation line.
   */
  readonly check?: (source: string) => Promise<SourceStatus>;
  /** Colours the input: returns one ANSI-coloured string per line of `source`. */
  readonly highlight?: (source: string) => readonly string[];
  /** False: what is typed is not shown, and not kept in the history (a password), as a terminal without echo. */
  readonly echo?: boolean;
}

const INDENT = '    ';
/** Synchronized output (DEC mode 2026): the terminal shows what is between these at once. */
const SYNC_START = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
/**
 * The terminal modes the editor relies on, set again before every prompt, since programs change them or reset the
 * terminal (`ESC c`, a common way to clear the screen, turns them all off): bracketed paste (a pasted block arrives
 * as one piece), the cursor shown, autowrap on, insert mode off, no mouse reports (clicks would arrive as input).
 */
const CONSOLE_MODES = '\x1b[?2004h\x1b[?25h\x1b[?7h\x1b[4l\x1b[?1000l\x1b[?1002l\x1b[?1003l';
/** Tab lists at most this many candidates. */
const MAX_LISTED = 120;
const DEDENT_AFTER = /^\s*(?:return|pass|break|continue|raise)\b/u;
/** Ctrl+_ undoes at most this many edits of one input. */
const MAX_UNDO = 100;

interface Search {
  query: string;
  /** Index of the history entry shown, or -1 when nothing matches. */
  index: number;
  readonly original: { readonly text: string; readonly cursor: number };
}

interface ActiveRead {
  readonly options: ReadOptions;
  readonly resolve: (result: ReadResult) => void;
  /** The input; lines of a block are joined with `\n`. */
  text: string;
  /** Cursor position in `text`, in code units. */
  cursor: number;
  /** Column where the input starts on the first row (after the prompt). */
  startColumn: number;
  /** Where the terminal's cursor is now, relative to the input's first row. */
  shown: { row: number; column: number };
  /**
   * The input's lines as the last render drew them (null: nothing of the input is on screen as drawn, after the
   * prompt was written again). A render draws again only from the first line that changed.
   */
  drawnLines: readonly string[] | null;
  /**
   * The input's first row in the buffer, once the terminal has drawn it: a marker, which follows the row when a
   * resize reflows the lines above or the screen scrolls, so the input can be drawn again from there.
   */
  firstRow: IMarker | null;
  /** The history entry that `text` was recalled from, while unedited: Up/Down keep walking the history. */
  recalled: string | null;
  /**
   * The input came whole (from the history, Ctrl+R or a pasted block), not line by line: Enter runs it once it is
   * complete, as if a blank line followed, even after it was edited. Opening a `... ` line ends that.
   */
  whole: boolean;
  /** True while Tab or Enter waits for the worker; keys typed meanwhile wait in the type-ahead buffer. */
  busy: boolean;
  /** Aborts the completion Tab waits for. */
  completion: AbortController | null;
  search: Search | null;
  /**
   * Output that did not end its line, so more output printed above the input continues it: on the prompt's row
   * (`row` 0, output printed before the prompt) or on the row above (-1, printAbove moved the input down). `column`
   * is where it stops, null until the terminal has parsed it.
   */
  openLine: { readonly row: 0 | -1; column: number | null } | null;
  /** The candidates Tab listed right above the prompt, and for which input: Tab again does not list them twice. */
  listed: string | null;
  /** The input before each edit, newest last, for Ctrl+_. */
  undo: { readonly text: string; readonly cursor: number }[];
  /** True while the last edit was typing: more typed text joins its undo step (a run of typing undoes at once). */
  typing: boolean;
  /**
   * The column Up/Down aim for while they move between the lines of a block: the cursor's column when the first of
   * them was pressed, kept over shorter lines in between (as Emacs's goal column). Null after any other key.
   */
  goalColumn: number | null;
}

export class LineEditor extends Disposable implements ITerminalAddon {
  private readonly _onIdleInterrupt = this._register(new Emitter<void>());
  /** Ctrl+C pressed while no read is active (code is running): the console interrupts it. */
  readonly onIdleInterrupt = this._onIdleInterrupt.event;

  private _terminal: Terminal | null = null;
  private _read: ActiveRead | null = null;
  private _starting = false;
  /** Resolves once the prompt of the read being started is written (the read is active then). */
  private _promptShown: Promise<void> = Promise.resolve();
  private _typeAhead = '';
  /** The last killed text (Ctrl+K/U/W, Alt+D), which Ctrl+Y inserts. */
  private _killed = '';

  activate(terminal: Terminal): void {
    this._terminal = terminal;
    this._register(
      terminal.onData((data) => this._receive(markUnbracketedPaste(data, terminal.modes.bracketedPasteMode))),
    );
    terminal.write(CONSOLE_MODES);
    this._register(terminal.onResize(() => this._redrawAfterResize()));
  }

  get isReading(): boolean {
    return this._read !== null || this._starting;
  }

  async readLine(options: ReadOptions): Promise<ReadResult> {
    const terminal = this._requireTerminal();
    if (this.isReading) throw new Error('LineEditor: a read is already active');
    this._starting = true;
    const shown = writeAndWait(terminal, promptSequence(options.prompt));
    this._promptShown = shown;
    await shown;
    this._starting = false;
    const startColumn = terminal.buffer.active.cursorX;
    // Output without a final line break puts the prompt after it (`print(x, end="")`), on the same row.
    const before = startColumn - promptWidth(options.prompt);
    return new Promise<ReadResult>((resolve) => {
      this._read = {
        options,
        resolve,
        text: '',
        cursor: 0,
        startColumn,
        shown: { row: 0, column: startColumn },
        drawnLines: null,
        firstRow: null,
        recalled: null,
        whole: false,
        busy: false,
        completion: null,
        search: null,
        // An input() prompt is the program's own: what comes before the input there is the prompt, not output.
        openLine: options.prompt !== '' && before > 0 ? { row: 0, column: before } : null,
        listed: null,
        undo: [],
        typing: false,
        goalColumn: null,
      };
      this._drainTypeAhead();
    });
  }

  /** Ends an active read as if the user had pressed Ctrl+C, without echoing anything. */
  cancel(): void {
    const read = this._read;
    if (!read) return;
    this._read = null;
    read.firstRow?.dispose();
    read.resolve({ kind: 'interrupt' });
  }

  /** Ends an active read as Ctrl+C does (the Stop button): `^C` is echoed and the line ends. */
  interrupt(): void {
    const read = this._read;
    if (!read) return;
    read.completion?.abort();
    this._endSearch(read, false);
    this._finish(read, { kind: 'interrupt' }, '^C\r\n');
  }

  /** Forgets typed-ahead input (after an interrupt, stale keystrokes must not run). */
  discardTypeAhead(): void {
    this._typeAhead = '';
  }

  /** Clears the screen and scrollback (Ctrl+L, the Clear button); a prompt being edited is shown again on top. */
  clearScreen(): void {
    const read = this._read;
    if (read && !read.busy) {
      this._clearScreen(read);
      this._render(read);
    } else {
      this._requireTerminal().clear();
    }
  }

  /**
   * Writes `text` where the input being edited is, and draws the prompt and the input (with its cursor) again below
   * it: for output and messages that arrive while the user types. Text that does not end its line leaves the line
   * open: the input goes to the next row and the next `printAbove` continues that line (progress dots, `\r`
   * counters), unless something else was drawn in between. Without a read, `text` is just written.
   * Resolves once the terminal has parsed it all.
   */
  async printAbove(text: string): Promise<void> {
    const terminal = this._requireTerminal();
    // The prompt is being written: wait for it, so that the text goes above it and not after it.
    if (!this._read && this._starting) await this._promptShown;
    const read = this._read;
    if (!read || text === '') return writeAndWait(terminal, text);
    const column = read.openLine?.column ?? null;
    const up = read.openLine?.row === -1 ? '\x1b[A' : '';
    read.listed = null; // a listing Tab printed is no longer right above the prompt
    this._moveTo(read, { row: 0, column: 0 });
    // One synchronized update (DEC 2026), so the erased input never flickers.
    const from = column === null ? '\r' : `${up}\x1b[${column + 1}G`;
    terminal.write(`${SYNC_START}${from}\x1b[J${text}`);
    const open = /\n$/u.test(text) ? null : { row: -1 as const, column: null as number | null };
    read.openLine = open;
    if (open) {
      terminal.write('', () => {
        // At the right margin the cursor waits to wrap: the line cannot be continued in place.
        const x = terminal.buffer.active.cursorX;
        open.column = x < terminal.cols ? x : null;
      });
    }
    const prompt = read.options.prompt;
    terminal.write(`${open ? '\r\n' : ''}${promptSequence(prompt)}`);
    read.startColumn = promptWidth(prompt) % terminal.cols;
    read.shown = { row: 0, column: read.startColumn };
    read.drawnLines = null;
    this._render(read);
    return writeAndWait(terminal, SYNC_END);
  }

  /** Whether Escape, pressed now, would end something (a history search) rather than do nothing. */
  get escapeEndsSomething(): boolean {
    const read = this._read;
    return read !== null && !read.busy && read.search !== null;
  }

  /** The input being edited (for tests and the page), or null when no read is active. */
  get currentInput(): string | null {
    return this._read?.text ?? null;
  }

  private _receive(data: string): void {
    const read = this._read;
    if (!read || read.busy) {
      if (!read && data.includes('\x03')) {
        this._typeAhead = '';
        this._onIdleInterrupt.fire();
      } else if (read && data.includes('\x03')) {
        // Ctrl+C while Tab or Enter waits (a completion that reads a property that never returns, say): stop
        // waiting and abandon the line, as Ctrl+C during a slow completion does in bash.
        this._typeAhead = '';
        read.completion?.abort();
        this._finish(read, { kind: 'interrupt' }, '^C\r\n');
      } else {
        this._typeAhead += data;
      }
      return;
    }
    let consumed = 0;
    for (const token of tokenize(data)) {
      consumed += token.length;
      if (token.kind === 'text') {
        if (read.search) this._handleSearchKey(read, read.search, { text: token.text });
        else this._edit(read, () => this._insert(read, token.text), true);
      } else if (token.kind === 'key') this._handleKey(read, token.key);
      else if (token.kind === 'paste') {
        if (!read.options.check) {
          // A plain line read (input()): the paste is typed, its line breaks are Enter.
          this._typeAhead = token.text.replace(/\r?\n/gu, '\r') + data.slice(consumed) + this._typeAhead;
          this._receive(this._takeTypeAhead());
          return;
        }
        this._paste(read, token.text);
      }
      // Enter, Ctrl+C or Ctrl+D ended the read, or Tab/Enter is waiting: the rest is for later.
      if (this._read !== read || read.busy) break;
    }
    this._typeAhead = data.slice(consumed) + this._typeAhead;
    if (this._read === read && !read.busy) this._render(read);
  }

  private _takeTypeAhead(): string {
    const pending = this._typeAhead;
    this._typeAhead = '';
    return pending;
  }

  private _drainTypeAhead(): void {
    const pending = this._takeTypeAhead();
    if (pending) this._receive(pending);
    else if (this._read) this._render(this._read);
  }

  /** Runs an edit of the text, which Ctrl+_ can undo: the input no longer is an unedited history entry. */
  private _edit(read: ActiveRead, change: () => void, typing = false): void {
    if (!typing || !read.typing) this._saveUndo(read);
    read.typing = typing;
    read.goalColumn = null;
    change();
    read.recalled = null;
    if (read.text === '') read.whole = false; // all of it deleted: what comes next is typed
  }

  private _saveUndo(read: ActiveRead): void {
    read.undo.push({ text: read.text, cursor: read.cursor });
    if (read.undo.length > MAX_UNDO) read.undo.shift();
  }

  /** The input is replaced by another (history, search): its edits are not the new input's to undo. */
  private _replaceInput(read: ActiveRead, text: string, cursor = text.length): void {
    read.text = text;
    read.cursor = cursor;
    read.whole = true;
    read.undo = [];
    read.typing = false;
  }

  private _insert(read: ActiveRead, text: string): void {
    read.text = read.text.slice(0, read.cursor) + text + read.text.slice(read.cursor);
    read.cursor += text.length;
  }

  private _kill(read: ActiveRead, from: number, to: number): void {
    if (from >= to) return;
    this._killed = read.text.slice(from, to);
    this._edit(read, () => {
      read.text = read.text.slice(0, from) + read.text.slice(to);
      read.cursor = from;
    });
  }

  private _lineStart(read: ActiveRead): number {
    return read.text.lastIndexOf('\n', read.cursor - 1) + 1;
  }

  private _lineEnd(read: ActiveRead): number {
    const end = read.text.indexOf('\n', read.cursor);
    return end < 0 ? read.text.length : end;
  }

  private _handleKey(read: ActiveRead, key: EditKey): void {
    if (read.search) {
      if (this._handleSearchKey(read, read.search, key)) return;
      this._endSearch(read, true); // any other key takes the match and then acts on it
    }
    const { text, cursor } = read;
    read.typing = false; // any key ends a run of typing: what is typed next is another undo step
    if (key !== 'up' && key !== 'down') read.goalColumn = null;
    switch (key) {
      case 'enter':
        // A block recalled from history runs with one Enter, like a paste, whether or not it was edited.
        this._enter(read, read.whole);
        return;
      case 'newline':
        this._edit(read, () => this._insert(read, `\n${this._indentAfter(read)}`));
        return;
      case 'interrupt':
        this._finish(read, { kind: 'interrupt' }, '^C\r\n');
        return;
      case 'eof':
        if (text === '') this._finish(read, { kind: 'eof' }, '\r\n');
        else this._edit(read, () => (read.text = text.slice(0, cursor) + text.slice(nextBoundary(text, cursor))));
        return;
      case 'backspace':
        this._edit(read, () => this._backspace(read));
        return;
      case 'delete':
        this._edit(read, () => (read.text = text.slice(0, cursor) + text.slice(nextBoundary(text, cursor))));
        return;
      case 'left':
        read.cursor = previousBoundary(text, cursor);
        return;
      case 'right':
        read.cursor = nextBoundary(text, cursor);
        return;
      case 'word-left':
        read.cursor = wordStartBefore(text, cursor);
        return;
      case 'word-right':
        read.cursor = wordEndAfter(text, cursor);
        return;
      case 'home':
        read.cursor = this._lineStart(read);
        return;
      case 'end':
        read.cursor = this._lineEnd(read);
        return;
      case 'up':
      case 'down':
        this._upDown(read, key);
        return;
      case 'kill-to-end': {
        const end = this._lineEnd(read);
        // At the end of a line of a block, Ctrl+K joins the next line, as in Emacs.
        this._kill(read, cursor, end === cursor && end < text.length ? end + 1 : end);
        return;
      }
      case 'kill-to-start':
        this._kill(read, this._lineStart(read), cursor);
        return;
      case 'kill-word-back':
        this._kill(read, wordStartBefore(text, cursor), cursor);
        return;
      case 'kill-word-forward':
        this._kill(read, cursor, wordEndAfter(text, cursor));
        return;
      case 'unix-word-rubout':
        this._kill(read, spaceWordStartBefore(text, cursor), cursor);
        return;
      case 'transpose': {
        const swapped = transposeChars(text, cursor, this._lineStart(read), this._lineEnd(read));
        if (swapped) {
          this._edit(read, () => {
            read.text = swapped.text;
            read.cursor = swapped.cursor;
          });
        }
        return;
      }
      case 'undo': {
        const before = read.undo.pop();
        if (before) {
          read.text = before.text;
          read.cursor = before.cursor;
          read.recalled = null;
        }
        return;
      }
      case 'yank':
        this._edit(read, () => this._insert(read, this._killed));
        return;
      case 'reverse-search':
        if (read.options.history) {
          read.search = { query: '', index: -1, original: { text, cursor } };
        }
        return;
      case 'cancel':
        return;
      case 'clear-screen':
        this._clearScreen(read);
        return;
      case 'tab':
        this._complete(read);
        return;
      default:
        assertNever(key);
    }
  }

  /** Backspace in leading whitespace removes one indentation level, as IDLE and CPython 3.13 do. */
  private _backspace(read: ActiveRead): void {
    const { text, cursor } = read;
    const before = text.slice(this._lineStart(read), cursor);
    let start = previousBoundary(text, cursor);
    if (before.length > 0 && /^ +$/u.test(before)) {
      start = cursor - (((before.length - 1) % INDENT.length) + 1);
    }
    read.text = text.slice(0, start) + text.slice(cursor);
    read.cursor = start;
  }

  private _upDown(read: ActiveRead, key: 'up' | 'down'): void {
    const { text, cursor } = read;
    const lineStart = this._lineStart(read);
    const lineEnd = this._lineEnd(read);
    const onFirst = lineStart === 0;
    const onLast = lineEnd === text.length;
    const walking = read.recalled === text && cursor === text.length;
    if ((key === 'up' && !onFirst && !walking) || (key === 'down' && !onLast && !walking)) {
      // Move to the same column (in cells, as drawn) of the line above or below.
      read.goalColumn ??= this._columnOf(read, lineStart, cursor);
      const start = key === 'up' ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineEnd + 1;
      const end = text.indexOf('\n', start);
      read.cursor = this._indexAtColumn(read, start, end < 0 ? text.length : end, read.goalColumn);
      return;
    }
    read.goalColumn = null;
    const history = read.options.history;
    const entry = key === 'up' ? history?.previous(text) : history?.next();
    if (entry !== undefined) {
      this._replaceInput(read, entry);
      read.recalled = entry;
    }
  }

  /** The column where the input's `index` is drawn on its line (which starts at `lineStart`), prompt included. */
  private _columnOf(read: ActiveRead, lineStart: number, index: number): number {
    return columnAfter(this._promptWidthOf(read, lineStart), read.text.slice(lineStart, index));
  }

  /**
   * The cursor boundary of the line from `start` to `end` drawn last at or before `column` (the line's end if it is
   * shorter): never inside a character, nor past the column when a wide character straddles it.
   */
  private _indexAtColumn(read: ActiveRead, start: number, end: number, column: number): number {
    const text = read.text;
    let at = this._promptWidthOf(read, start);
    let index = start;
    while (index < end) {
      const code = text.codePointAt(index) ?? 0;
      const char = String.fromCodePoint(code);
      const next = columnAfter(at, char);
      if (next > column) break;
      at = next;
      index += char.length;
    }
    return boundaryAtOrBefore(text, index);
  }

  /** The width of the prompt before the input's line that starts at `lineStart`. */
  private _promptWidthOf(read: ActiveRead, lineStart: number): number {
    return lineStart === 0 ? read.startColumn : promptWidth(read.options.continuationPrompt ?? '... ');
  }

  private _indentAfter(read: ActiveRead): string {
    const line = read.text.slice(this._lineStart(read), read.cursor);
    const indent = /^[ \t]*/u.exec(line)?.[0] ?? '';
    if (/:\s*(?:#.*)?$/u.test(line)) return indent + INDENT;
    if (DEDENT_AFTER.test(line)) return indent.slice(0, Math.max(0, indent.length - INDENT.length));
    return indent;
  }

  /** Enter: submit a complete input; open an indented continuation line for an unfinished one. */
  private _enter(read: ActiveRead, finished = false): void {
    const check = read.options.check;
    if (!check) {
      this._finish(read, { kind: 'line', text: read.text }, '\r\n');
      return;
    }
    const lines = read.text.split('\n');
    // An auto-indented line left empty is the blank line that ends a block.
    if (lines.length > 1 && lines.at(-1)?.trim() === '') lines[lines.length - 1] = '';
    const source = lines.join('\n');
    if (source.trim() === '') {
      this._finish(read, { kind: 'line', text: '' }, '\r\n');
      return;
    }
    read.busy = true;
    const text = read.text;
    // A pasted block that ended with a line break is finished: check it as if a blank line followed.
    check(finished ? `${source}\n` : source)
      .then((status) => {
        if (this._read !== read || read.text !== text) return;
        if (status === 'incomplete') {
          read.whole = false; // the user goes on line by line: a blank line ends the block
          read.cursor = read.text.length;
          this._edit(read, () => this._insert(read, `\n${this._indentAfter(read)}`));
        } else {
          this._finish(read, { kind: 'line', text: source.replace(/\n$/u, '') }, '\r\n');
        }
      })
      .catch((error: unknown) => {
        console.warn('pyrite: checking the input failed', error);
        if (this._read === read) this._finish(read, { kind: 'line', text: source }, '\r\n');
      })
      .finally(() => {
        read.busy = false;
        if (this._read === read) this._drainTypeAhead();
      });
  }

  /** A bracketed paste: cleaned (a `>>>` transcript keeps only its code) and inserted as one block. */
  private _paste(read: ActiveRead, raw: string): void {
    const text = cleanPaste(raw);
    const runs = text.endsWith('\n');
    this._edit(read, () => this._insert(read, runs ? text.replace(/\n+$/u, '') : text));
    if (text.replace(/\n+$/u, '').includes('\n')) read.whole = true;
    if (runs) {
      this._render(read);
      this._enter(read, true);
    }
  }

  private _handleSearchKey(read: ActiveRead, search: Search, key: EditKey | { text: string }): boolean {
    const history = read.options.history;
    if (!history) return false;
    if (typeof key === 'object') {
      search.query += key.text;
      search.index = history.search(search.query, search.index < 0 ? undefined : search.index + 1);
      return true;
    }
    switch (key) {
      case 'reverse-search': {
        const older = history.search(search.query, search.index < 0 ? undefined : search.index);
        if (older >= 0) search.index = older;
        return true;
      }
      case 'backspace':
        search.query = search.query.slice(0, -1);
        search.index = search.query ? history.search(search.query) : -1;
        return true;
      case 'cancel':
        this._endSearch(read, false);
        return true;
      case 'interrupt':
        // As in bash: Ctrl+C abandons the search and the line being edited.
        this._endSearch(read, false);
        return false;
      case 'clear-screen':
      case 'delete':
      case 'down':
      case 'end':
      case 'enter':
      case 'eof':
      case 'home':
      case 'kill-to-end':
      case 'kill-to-start':
      case 'kill-word-back':
      case 'kill-word-forward':
      case 'unix-word-rubout':
      case 'transpose':
      case 'undo':
      case 'left':
      case 'newline':
      case 'right':
      case 'tab':
      case 'up':
      case 'word-left':
      case 'word-right':
      case 'yank':
        return false; // the search ends with the match taken, then the key acts
      default:
        return assertNever(key);
    }
  }

  private _endSearch(read: ActiveRead, accept: boolean): void {
    const search = read.search;
    if (!search) return;
    read.search = null;
    const match = search.index >= 0 ? read.options.history?.entries[search.index] : undefined;
    if (accept && match !== undefined) {
      this._replaceInput(read, match);
      read.recalled = null;
    } else {
      read.text = search.original.text;
      read.cursor = search.original.cursor;
    }
    read.options.history?.resetNavigation();
  }

  private _clearScreen(read: ActiveRead): void {
    read.openLine = null;
    read.listed = null;
    // Clears screen and scrollback, then shows the prompt and the input again at the top.
    this._requireTerminal().write(`\x1b[H\x1b[2J\x1b[3J${read.options.prompt}`);
    read.startColumn = promptWidth(read.options.prompt) % this._requireTerminal().cols;
    read.shown = { row: 0, column: read.startColumn };
    read.drawnLines = null;
  }

  private _complete(read: ActiveRead): void {
    const before = read.text.slice(this._lineStart(read), read.cursor);
    const complete = read.options.complete;
    if (!complete || before.trim() === '') {
      this._edit(read, () => this._insert(read, INDENT));
      return;
    }
    read.busy = true;
    const completion = new AbortController();
    read.completion = completion;
    const text = read.text;
    const cursor = read.cursor;
    // The completer sees the current line only; its `start` is relative to that line.
    const lineStart = this._lineStart(read);
    const line = text.slice(lineStart, this._lineEnd(read));
    complete(line, cursor - lineStart, completion.signal)
      .then((result) => this._applyCompletion(read, text, cursor, lineStart, result))
      .catch((error: unknown) => {
        if (!completion.signal.aborted) console.warn('pyrite: completion failed', error);
      })
      .finally(() => {
        read.busy = false;
        read.completion = null;
        if (this._read === read) this._drainTypeAhead();
      });
  }

  private _applyCompletion(
    read: ActiveRead,
    text: string,
    cursor: number,
    lineStart: number,
    result: CompletionResult,
  ): void {
    // The read may have ended (interrupt) or the input changed while we waited.
    if (this._read !== read || read.text !== text || read.cursor !== cursor) return;
    const start = lineStart + result.start;
    const word = text.slice(start, cursor);
    const prefix = commonPrefix(result.matches);
    if (prefix.length > word.length) {
      this._edit(read, () => {
        read.text = text.slice(0, start) + prefix + text.slice(cursor);
        read.cursor = start + prefix.length;
      });
    } else if (result.matches.length > 1) {
      // Tab again with the same candidates: they are listed right above already.
      const listing = [text, cursor, ...result.matches].join('\0');
      if (read.listed !== listing) this._listMatches(read, result.matches);
      read.listed = listing;
    }
  }

  /** Prints the candidates in columns below the input, then redraws prompt and input underneath. */
  private _listMatches(read: ActiveRead, all: readonly string[]): void {
    const terminal = this._requireTerminal();
    this._moveTo(read, this._position(read, read.text.length));
    const more = all.length - MAX_LISTED;
    const matches = more > 0 ? [...all.slice(0, MAX_LISTED), `… ${more} more`] : all;
    const width = Math.max(...matches.map(cellWidth)) + 2;
    const perRow = Math.max(1, Math.floor(terminal.cols / width));
    const rows = Math.ceil(matches.length / perRow);
    // Column-major, like readline: read down the first column, then the next.
    let listing = '\r\n';
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < perRow; column++) {
        const match = matches[column * rows + row];
        if (match !== undefined) listing += match + ' '.repeat(width - cellWidth(match));
      }
      listing = `${listing.trimEnd()}\r\n`;
    }
    read.openLine = null;
    // The listing ends its last line, so the prompt starts a row: its width is known without waiting for the parse.
    terminal.write(listing + read.options.prompt);
    read.startColumn = promptWidth(read.options.prompt) % terminal.cols;
    read.shown = { row: 0, column: read.startColumn };
    read.drawnLines = null;
  }

  private _finish(read: ActiveRead, result: ReadResult, echo: string): void {
    read.search = null;
    // Keys handled in the same batch (a paste, typing ahead) are not on screen yet.
    this._render(read);
    this._moveTo(read, this._position(read, read.text.length));
    this._requireTerminal().write(echo);
    if (result.kind === 'line' && read.options.echo !== false) read.options.history?.add(result.text);
    else read.options.history?.resetNavigation();
    this._read = null;
    read.firstRow?.dispose();
    read.resolve(result);
  }

  /** The display lines: prompt-less text of each line, coloured when a highlighter is given. */
  private _displayLines(read: ActiveRead, colour: boolean): { plain: string[]; shown: readonly string[] } {
    if (read.search) {
      const { query, index } = read.search;
      const match = index >= 0 ? (read.options.history?.entries[index] ?? '') : '';
      const label = `(${index < 0 && query ? 'failed ' : ''}reverse-i-search)'${query}': `;
      const line = label + match.replaceAll('\n', ' ↵ ');
      return { plain: [line], shown: [line] };
    }
    if (read.options.echo === false) return { plain: [''], shown: [''] }; // the cursor stays after the prompt
    const plain = read.text.split('\n');
    const highlight = colour ? read.options.highlight : undefined;
    return { plain, shown: highlight ? highlight(read.text) : plain };
  }

  /** Where offset `index` of the input is drawn, relative to the input's first row. */
  private _position(read: ActiveRead, index: number): { row: number; column: number } {
    const cols = this._requireTerminal().cols;
    const { plain } = this._displayLines(read, false);
    if (read.search) index = plain[0]?.length ?? 0;
    const continuation = promptWidth(read.options.continuationPrompt ?? '... ');
    let row = 0;
    let offset = 0;
    for (let i = 0; i < plain.length; i++) {
      const line = plain[i] ?? '';
      const prefix = i === 0 ? read.startColumn : continuation;
      if (index <= offset + line.length || i === plain.length - 1) {
        const cells = columnAfter(prefix, line.slice(0, Math.max(0, index - offset)));
        return { row: row + Math.floor(cells / cols), column: cells % cols };
      }
      row += Math.max(1, Math.ceil(columnAfter(prefix, line) / cols));
      offset += line.length + 1;
    }
    return { row, column: read.startColumn };
  }

  /** Redraws the input (with its continuation prompts) and places the cursor. */
  private _render(read: ActiveRead): void {
    const terminal = this._requireTerminal();
    const { plain, shown } = this._displayLines(read, true);
    const continuation = read.options.continuationPrompt ?? '... ';
    const prefixOf = (line: number): number => (line === 0 ? read.startColumn : promptWidth(continuation));
    // Tabs are drawn as spaces, where _position counts them.
    const drawn = shown.map((line, i) => expandTabs(line, prefixOf(i)));
    // Only the lines from the first one that changed are drawn again: the lines above it are on screen as they
    // are, and may be out of reach above the screen's top (an input taller than the console), where a redraw from
    // the first row would leave a copy of them in the scrollback at every key. The redraw starts at the latest on
    // the last line drawn before: the cursor can move down only to rows that exist (a new line at the screen's
    // bottom row needs the line break written, which scrolls).
    const previous = read.search ? null : read.drawnLines;
    const lastRedrawable = Math.min(drawn.length, previous?.length ?? 0) - 1;
    let first = 0;
    while (previous && first < lastRedrawable && drawn[first] === previous[first]) first++;
    let out: string;
    if (first === 0) {
      out = this._moveSequence(read.shown, { row: 0, column: read.startColumn });
      out += `\x1b[J${drawn.join(`\r\n${continuation}`)}`;
    } else {
      const offset = plain.slice(0, first).reduce((sum, line) => sum + line.length + 1, 0);
      out = this._moveSequence(read.shown, { row: this._position(read, offset).row, column: 0 });
      out += `\x1b[J${continuation}${drawn.slice(first).join(`\r\n${continuation}`)}`;
    }
    read.drawnLines = read.search ? null : drawn;
    const last = plain.at(-1) ?? '';
    const lastPrefix = prefixOf(plain.length - 1);
    const endCells = columnAfter(lastPrefix, last);
    // Text that ends exactly at the right margin leaves the cursor pending there; make the wrap real.
    if (endCells > lastPrefix && endCells % terminal.cols === 0) out += ' \r\x1b[K';
    const end = this._position(read, read.text.length);
    const target = this._position(read, read.cursor);
    out += this._moveSequence(end, target);
    read.shown = target;
    terminal.write(out);
    // Once drawn, the cursor is `target.row` rows below the input's first row: mark that row.
    terminal.write('', () => {
      if (this._read !== read) return;
      read.firstRow?.dispose();
      read.firstRow = terminal.registerMarker(-target.row) ?? null;
    });
  }

  /**
   * A resize wraps the input at another width (xterm.js reflows some rows and cuts others): once the terminal has
   * applied it, find the cursor relative to the input's first row and draw the input again from there.
   */
  private _redrawAfterResize(): void {
    const terminal = this._requireTerminal();
    terminal.write('', () => {
      const read = this._read;
      const firstRow = read?.firstRow;
      if (!read || !firstRow || firstRow.isDisposed) return;
      const buffer = terminal.buffer.active;
      read.shown = { row: buffer.baseY + buffer.cursorY - firstRow.line, column: buffer.cursorX };
      read.drawnLines = null; // rewrapped at the new width: all of it is drawn again
      read.startColumn = Math.min(read.startColumn, terminal.cols - 1);
      this._render(read);
    });
  }

  private _moveTo(read: ActiveRead, target: { row: number; column: number }): void {
    this._requireTerminal().write(this._moveSequence(read.shown, target));
    read.shown = target;
  }

  /** Escape sequence moving the cursor between two positions relative to the input's first row. */
  private _moveSequence(from: { row: number; column: number }, to: { row: number; column: number }): string {
    const rows = to.row - from.row;
    let out = rows < 0 ? `\x1b[${-rows}A` : rows > 0 ? `\x1b[${rows}B` : '';
    out += '\r';
    if (to.column > 0) out += `\x1b[${to.column}C`;
    return out;
  }

  private _requireTerminal(): Terminal {
    if (!this._terminal) throw new Error('LineEditor: load the addon into a terminal first');
    return this._terminal;
  }
}

/**
 * What draws a prompt: the console's modes, then the prompt in plain colours, since a program may have left a
 * colour on (`print("\x1b[31mred")`). An input() read has no prompt of its own: what the program chose stays on.
 */
function promptSequence(prompt: string): string {
  return prompt === '' ? CONSOLE_MODES : `${CONSOLE_MODES}\x1b[0m${prompt}`;
}

/** The cells a prompt takes on the row where the input starts: its last line, without colours. */
function promptWidth(prompt: string): number {
  return printedWidth(prompt.slice(Math.max(prompt.lastIndexOf('\n'), prompt.lastIndexOf('\r')) + 1));
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
