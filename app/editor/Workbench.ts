/**
 * The editor beside the console: lays out the editor pane, the console and the turtle panel; runs the editor's
 * file (or a selection) in the console's namespace through the console controller; marks errors in the editor;
 * makes `File "<editor>", line N` in the console jump to the line. It receives the console through the narrow
 * `ConsoleHost` interface, not the runtime client.
 */
import type { Terminal } from '@xterm/xterm';
import type { GraphicsCommand, PythonErrorData, StreamName, TurtleEvent } from '../../webworker/protocol';
import { Disposable, Emitter, MutableDisposable, type Event } from '../lifecycle/Disposable';
import { TurtlePanel } from '../turtle/TurtlePanel';
import { CodeEditor, LEAVE_EDITOR_HINT, type CodeEditorStore } from './CodeEditor';
import { SplitLayout, type Layout } from './SplitLayout';
import { registerTracebackLinks } from './TracebackLinks';
import type { RuntimeCompletions } from './runtimeMatches';
import { EDITOR_FILENAME, errorLocation, registerSourceProgram, selectionSource } from './tracebacks';
import './workbench.css';
import { button } from '../ui/button';
import type { ConsoleState } from '../ui/StatusIndicator';

/** What the workbench needs of the console (implemented by ConsoleController). */
export interface ConsoleHost {
  runProgram(
    code: string,
    filename: string,
    options?: { mode?: 'exec' | 'single'; echo?: boolean },
  ): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: PythonErrorData | null }>;
  readonly onGraphics: Event<readonly GraphicsCommand[]>;
  readonly onOutput: Event<{ stream: StreamName; text: string }>;
  /** A click or key on the turtle drawing, for the turtle module's handlers. */
  sendTurtleEvent(event: TurtleEvent): void;
  /**
   * What Tab at the console's prompt offers for `line` up to `cursor`, for the editor's suggestions; null while
   * Python runs or waits in input() (completing `obj.attr` runs user code), or once `signal` gave up. Optional:
   * without it the suggestions come from the editor's text.
   */
  complete?(line: string, cursor: number, signal: AbortSignal): Promise<RuntimeCompletions | null>;
}

export interface WorkbenchOptions {
  readonly store: CodeEditorStore | null;
  /** Prefix of the storage keys (editor text, layout, split size). */
  readonly storagePrefix: string;
  /** Keep the editor's text in storage (default true; embeds keep it per page load). */
  readonly persistCode?: boolean;
  /** The editor's text when storage holds none. */
  readonly initialCode?: string;
  readonly readOnly?: boolean;
  /** The console's state (the status indicator's): an editor run waiting for input() moves the focus there. */
  readonly consoleState?: Event<ConsoleState>;
}

/** The name of the workbench's own programs, which the user does not see run. */
const HIDDEN_FILENAME = '<pyrite>';

export type RunOutcome = { readonly ok: true } | { readonly ok: false; readonly error: PythonErrorData | null };

const WELCOME = `# Write Python here. Ctrl+Enter (Cmd+Enter) runs the file in the console below,
# Shift+Enter runs the selection or the current line. Variables stay in the console.
name = "world"
print(f"Hello, {name}!")
`;

declare global {
  interface Window {
    /** The page's workbench, for end-to-end tests. */
    pyriteWorkbench?: Workbench;
  }
}

export class Workbench extends Disposable {
  readonly split: SplitLayout;
  readonly turtle: TurtlePanel;
  readonly editorPane: HTMLElement;
  /** The editor pane's tool bar (Run buttons; the page may add its own). */
  readonly editorToolbar: HTMLElement;
  private readonly _editorHost: HTMLElement;
  private _editor: Promise<CodeEditor> | null = null;
  private _editorValue: CodeEditor | null = null;
  private readonly _editorOwner = this._register(new MutableDisposable<CodeEditor>());
  private readonly _onRunEnd = this._register(new Emitter<RunOutcome>());
  /** A run started from the editor (or `run()`) finished. */
  readonly onRunEnd = this._onRunEnd.event;
  private readonly _onCodeChange = this._register(new Emitter<void>());
  /** The editor's text changed (typed, or replaced by `setCode`). */
  readonly onCodeChange = this._onCodeChange.event;
  private _pendingCode: string | null = null;
  /** Runs started from the editor (or `run()`) that have not ended. */
  private _runsGoing = 0;
  private readonly _runButtons: HTMLButtonElement[] = [];

  constructor(
    terminalElement: HTMLElement,
    terminal: Terminal,
    private readonly _console: ConsoleHost,
    private readonly _options: WorkbenchOptions,
  ) {
    super();
    this.editorPane = document.createElement('section');
    this.editorPane.className = 'editor-pane';
    this.editorPane.setAttribute('aria-label', 'Python editor');
    this.editorToolbar = document.createElement('div');
    this.editorToolbar.className = 'pane-header editor-toolbar';
    this._editorHost = document.createElement('div');
    this._editorHost.className = 'editor-host';
    this.editorPane.append(this.editorToolbar, this._editorHost);
    this._addButton('run-file', '▶ Run', 'Run the file in the console (Ctrl+Enter)', () => this._userRun('file'));
    this._addButton('run-selection', 'Run line', 'Run the selection or the current line (Shift+Enter)', () =>
      this._userRun('selection'),
    );
    // Shown while the editor has the focus (CSS), for keyboard users who find Tab indenting; screen readers hear it
    // in the editor's label.
    const hint = document.createElement('span');
    hint.className = 'editor-hint';
    hint.textContent = LEAVE_EDITOR_HINT;
    hint.setAttribute('aria-hidden', 'true');
    this.editorToolbar.append(hint);

    // The console column: the turtle panel (when something was drawn) above the console.
    const consoleColumn = document.createElement('div');
    consoleColumn.className = 'console-column';
    terminalElement.before(consoleColumn);
    this.turtle = this._register(new TurtlePanel());
    consoleColumn.append(this.turtle.element, terminalElement);
    this.split = this._register(new SplitLayout(this.editorPane, consoleColumn, _options.store, this._key('split')));
    this._register(this.split.onLayout((layout) => this._layoutChanged(layout)));
    this._register(_console.onGraphics((commands) => this.turtle.draw(commands)));
    this._register(this.turtle.canvas.onEvent((event) => _console.sendTurtleEvent(event)));
    this._register(
      registerTracebackLinks(terminal, (line) => {
        this.setLayout('editor');
        void this.editor().then((editor) => editor.goToLine(line));
      }),
    );
    if (_options.consoleState) {
      this._register(
        _options.consoleState((state) => state === 'input' && this._inputWanted(terminal, terminalElement)),
      );
    }
    this.split.setLayout('console');
  }

  get layout(): Layout {
    return this.split.layout;
  }

  /** The editor once created (null before it was first shown). */
  get editorIfLoaded(): CodeEditor | null {
    return this._editorValue;
  }

  /** Shows the editor beside the console ('editor') or the console alone; `remember` keeps the choice. */
  setLayout(layout: Layout, remember = false): void {
    this.split.setLayout(layout);
    if (remember) this._write(this._key('layout'), layout);
  }

  /** The layout the user chose last time, if any. */
  savedLayout(): Layout | null {
    const saved = this._read(this._key('layout'));
    return saved === 'editor' || saved === 'console' ? saved : null;
  }

  /** The editor, created on first use (this loads Monaco). */
  editor(): Promise<CodeEditor> {
    this._editor ??= CodeEditor.create(this._editorHost, {
      initialCode: this._options.initialCode ?? WELCOME,
      store: this._options.persistCode === false ? null : this._options.store,
      storageKey: this._key('code'),
      readOnly: this._options.readOnly ?? false,
      complete: this._console.complete
        ? (line, cursor, signal) => this._console.complete?.(line, cursor, signal) ?? Promise.resolve(null)
        : undefined,
    }).then((editor) => {
      this._editorOwner.value = editor;
      this._editorValue = editor;
      this._register(editor.onRun(() => this._userRun('file')));
      this._register(editor.onRunSelection(() => this._userRun('selection')));
      this._register(editor.onChange(() => this._onCodeChange.fire()));
      if (this._pendingCode !== null) editor.setValue(this._pendingCode);
      this._pendingCode = null;
      this.editorPane.dataset.ready = 'true';
      return editor;
    });
    return this._editor;
  }

  /** The editor's text (without loading Monaco when it was never shown). */
  async code(): Promise<string> {
    if (this._editor) return (await this._editor).value;
    const saved = this._options.persistCode === false ? null : this._read(this._key('code'));
    return this._pendingCode ?? saved ?? this._options.initialCode ?? WELCOME;
  }

  /** Whether `text` is what a new editor starts with (or empty): nothing of the user's would be lost. */
  isStarterCode(text: string): boolean {
    return text.trim() === '' || text === (this._options.initialCode ?? WELCOME);
  }

  /** Puts `code` in the editor (replacing its text; undoable). */
  async setCode(code: string): Promise<void> {
    if (this._editor) {
      (await this._editor).setValue(code);
    } else {
      this._pendingCode = code;
      if (this._options.persistCode !== false) this._write(this._key('code'), code);
      this._onCodeChange.fire();
    }
  }

  /** Whether a run started from the editor (or `run()`) is going. */
  get running(): boolean {
    return this._runsGoing > 0;
  }

  /** Runs the editor's whole file in the console's namespace (after any run going: the console queues it). */
  run(): Promise<RunOutcome> {
    return this._tracked(async () => this._runInConsole(await this.code(), 'exec'));
  }

  /** Runs the selection, or the cursor's line, echoing expression values as the prompt does. */
  runSelection(): Promise<RunOutcome> {
    return this._tracked(async () => {
      const editor = await this.editor();
      const { text, firstLine } = editor.selectionToRun();
      if (text.trim() === '') return { ok: true };
      // The selection is registered alone as `<editor>`'s source: the whole text is registered again after it.
      return this._runInConsole(selectionSource(text, firstLine), 'single', registerSourceProgram(editor.value));
    });
  }

  /** Run, Run line, Ctrl+Enter, Shift+Enter: one run at a time, so a second press while one is going is ignored. */
  private _userRun(what: 'file' | 'selection'): void {
    if (this.running) return;
    void (what === 'file' ? this.run() : this.runSelection());
  }

  /** Counts the run from its first moment (a second press comes before `code()` resolves). */
  private async _tracked(work: () => Promise<RunOutcome>): Promise<RunOutcome> {
    this._setRunsGoing(this._runsGoing + 1);
    try {
      return await work();
    } finally {
      this._setRunsGoing(this._runsGoing - 1);
    }
  }

  private _setRunsGoing(count: number): void {
    this._runsGoing = count;
    for (const element of this._runButtons) element.disabled = count > 0;
    this.editorPane.dataset.running = String(count > 0);
  }

  /** A run from the editor waits in input(): the answer is typed in the console, not into the code. */
  private _inputWanted(terminal: Terminal, terminalElement: HTMLElement): void {
    if (!this.running) return;
    terminalElement.scrollIntoView({ block: 'nearest' });
    terminal.focus();
  }

  /** Runs `code` as the editor's file, then the hidden program `after` (before the console's prompt comes back). */
  private async _runInConsole(code: string, mode: 'exec' | 'single', after?: string): Promise<RunOutcome> {
    const editor = this._editorValue;
    editor?.setError(null);
    if (mode === 'exec' && this.turtle.used) {
      // A fresh drawing for each run of the file, as if the program started anew: what the last run still had to
      // animate is drawn at once (as Stop does) rather than played before the new drawing.
      this.turtle.canvas.finish();
      await this._console.runProgram(
        "import sys\nif 'turtle' in sys.modules: sys.modules['turtle']._pyrite_restart()",
        HIDDEN_FILENAME,
        { echo: false },
      );
    }
    const running = this._console.runProgram(code, EDITOR_FILENAME, { mode });
    // Queued at once, so that it runs right after the code, whatever its outcome.
    const following = after === undefined ? null : this._console.runProgram(after, HIDDEN_FILENAME, { echo: false });
    const outcome = await running;
    await following;
    // Stop (KeyboardInterrupt) is the user's doing, not a mistake in the line that happened to be running.
    if (!outcome.ok && outcome.error && outcome.error.type !== 'KeyboardInterrupt') {
      const location = errorLocation(outcome.error);
      if (location) (editor ?? (await this.editor())).setError(location);
    }
    this._onRunEnd.fire(outcome);
    return outcome;
  }

  private _layoutChanged(layout: Layout): void {
    if (layout === 'editor') void this.editor();
  }

  private _addButton(id: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
    const element = button(label, { id, title, onClick });
    this.editorToolbar.append(element);
    this._runButtons.push(element);
    return element;
  }

  private _key(name: string): string {
    return `${this._options.storagePrefix}${name}`;
  }

  private _read(key: string): string | null {
    try {
      return this._options.store?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private _write(key: string, value: string): void {
    try {
      this._options.store?.setItem(key, value);
    } catch {
      // Storage blocked: lasts for this page load.
    }
  }
}
