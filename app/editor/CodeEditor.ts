/**
 * The Python editor: a Monaco editor with Run (Ctrl/Cmd+Enter) and Run selection or line (Shift+Enter), error
 * markers, and its text kept in storage (debounced, and on page hide) under a key the page chooses. Monaco is
 * imported when the first editor is created, so the console alone does not download it.
 */
import { Disposable, Emitter, toDisposable } from '../lifecycle/Disposable';
import { escapeThenTabLeaves } from './escapeThenTab';
import type { monaco as MonacoApi } from './monaco';
import { registerPythonCompletions } from './pythonCompletions';
import type { RuntimeCompleter } from './runtimeMatches';
import type { ErrorLocation } from './tracebacks';

type Monaco = typeof MonacoApi;
type StandaloneEditor = ReturnType<Monaco['editor']['create']>;

export interface CodeEditorStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface CodeEditorOptions {
  /** Text shown when storage holds none. */
  readonly initialCode: string;
  /** Where the text is kept between page loads; null keeps it for this page load only. */
  readonly store: CodeEditorStore | null;
  readonly storageKey: string;
  readonly readOnly?: boolean;
  /** Asks the running Python for completions (the console's), merged into the suggestions. */
  readonly complete?: RuntimeCompleter;
}

/** The selection (or the cursor's line) to run, with the editor line it starts on. */
export interface SelectionToRun {
  readonly text: string;
  readonly firstLine: number;
}

/** How keyboard users leave the editor, where Tab indents (said to screen readers, and shown while it has focus). */
export const LEAVE_EDITOR_HINT = 'Esc then Tab leaves the editor; Ctrl+M switches Tab to moving the focus.';

const SAVE_DELAY_MS = 300;
const MARKER_OWNER = 'pyrite';

export class CodeEditor extends Disposable {
  private readonly _onRun = this._register(new Emitter<void>());
  /** Ctrl/Cmd+Enter, or the Run action. */
  readonly onRun = this._onRun.event;
  private readonly _onRunSelection = this._register(new Emitter<SelectionToRun>());
  /** Shift+Enter: the selection, or the line the cursor is on. */
  readonly onRunSelection = this._onRunSelection.event;
  private readonly _onChange = this._register(new Emitter<void>());
  /** The text changed (typed, or replaced by the page). */
  readonly onChange = this._onChange.event;
  private readonly _onContentHeight = this._register(new Emitter<number>());
  /** The height the text needs changed (auto-sizing embeds follow it). */
  readonly onContentHeight = this._onContentHeight.event;
  private _saveTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly _monaco: Monaco,
    private readonly _editor: StandaloneEditor,
    private readonly _options: CodeEditorOptions,
  ) {
    super();
    this._register(_editor);
    this._register(
      _editor.onDidChangeModelContent(() => {
        this._scheduleSave();
        this._onChange.fire();
      }),
    );
    this._register(
      _editor.onDidContentSizeChange((event) => {
        if (event.contentHeightChanged) this._onContentHeight.fire(event.contentHeight);
      }),
    );
    const onPageHide = (): void => this.save();
    addEventListener('pagehide', onPageHide);
    this._register(toDisposable(() => removeEventListener('pagehide', onPageHide)));
    this._register(this._followTheme());
    this._register(escapeThenTabLeaves(_editor.getContainerDomNode()));
    const model = _editor.getModel();
    if (model) this._register(registerPythonCompletions(_monaco, model, _options.complete));
    const { KeyMod, KeyCode } = _monaco;
    this._register(
      _editor.addAction({
        id: 'pyrite.run',
        label: 'Run the file in the console',
        keybindings: [KeyMod.CtrlCmd | KeyCode.Enter],
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 0,
        run: () => this._onRun.fire(),
      }),
    );
    this._register(
      _editor.addAction({
        id: 'pyrite.runSelection',
        label: 'Run the selection or the current line',
        keybindings: [KeyMod.Shift | KeyCode.Enter],
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 1,
        run: () => this._onRunSelection.fire(this.selectionToRun()),
      }),
    );
  }

  static async create(host: HTMLElement, options: CodeEditorOptions): Promise<CodeEditor> {
    const { monaco } = await import('./monaco');
    const saved = readStore(options);
    const editor = monaco.editor.create(host, {
      value: saved ?? options.initialCode,
      language: 'python',
      theme: currentTheme(),
      automaticLayout: true,
      fontSize: 14,
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: true,
      readOnly: options.readOnly ?? false,
      // pythonCompletions offers the document's words (those of its code, not of comments and strings).
      wordBasedSuggestions: 'off',
      // Enter always starts a new line, and Tab (or a click) takes the suggestion: the list opens as a student types,
      // and after `total = a + b` Enter would otherwise turn `b` into `bin`. Tab indents only where no list is open
      // (the start of a line, after a space), so it is rarely taken for an indent; Escape closes the list.
      acceptSuggestionOnEnter: 'off',
      ariaLabel: `Python editor. Ctrl+Enter runs the file, Shift+Enter runs the selection or line. Tab indents. ${LEAVE_EDITOR_HINT}`,
    });
    return new CodeEditor(monaco, editor, options);
  }

  get value(): string {
    return this._editor.getValue();
  }

  /**
   * Replaces the text and clears the markers. Undo (Ctrl+Z) brings the previous text back. An edit of the model,
   * not of the editor: a read-only editor refuses the editor's edits, but read-only is for the user, not the page.
   */
  setValue(text: string): void {
    const model = this._editor.getModel();
    if (!model) return;
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    model.pushStackElement();
    this._editor.setPosition({ lineNumber: 1, column: 1 });
    this.setError(null);
    this.save();
  }

  /** The height, in CSS pixels, that shows all the text. */
  get contentHeight(): number {
    return this._editor.getContentHeight();
  }

  setReadOnly(readOnly: boolean): void {
    this._editor.updateOptions({ readOnly });
  }

  /** The cursor's position (1-based), for tests and the page. */
  get position(): { readonly lineNumber: number; readonly column: number } | null {
    return this._editor.getPosition();
  }

  selectionToRun(): SelectionToRun {
    const model = this._editor.getModel();
    const selection = this._editor.getSelection();
    if (!model || !selection) return { text: '', firstLine: 1 };
    if (selection.isEmpty()) {
      const line = selection.startLineNumber;
      return { text: model.getLineContent(line), firstLine: line };
    }
    return { text: model.getValueInRange(selection), firstLine: selection.startLineNumber };
  }

  /** Marks the error's line (red squiggle, message on hover), or removes the marker with null. */
  setError(location: ErrorLocation | null): void {
    const model = this._editor.getModel();
    if (!model) return;
    if (!location || location.line < 1 || location.line > model.getLineCount()) {
      this._monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const line = location.line;
    const text = model.getLineContent(line);
    const indent = text.length - text.trimStart().length;
    this._monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      {
        severity: this._monaco.MarkerSeverity.Error,
        message: location.message,
        startLineNumber: line,
        startColumn: indent + 1,
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      },
    ]);
  }

  /** The markers shown, as plain data (tests read them). */
  markers(): { line: number; message: string }[] {
    const model = this._editor.getModel();
    if (!model) return [];
    return this._monaco.editor
      .getModelMarkers({ resource: model.uri, owner: MARKER_OWNER })
      .map((marker) => ({ line: marker.startLineNumber, message: marker.message }));
  }

  /** Moves the cursor to the start of the line's code, scrolls it into view and focuses the editor. */
  goToLine(line: number): void {
    const model = this._editor.getModel();
    if (!model) return;
    const target = Math.min(Math.max(1, line), model.getLineCount());
    const text = model.getLineContent(target);
    const column = text.length - text.trimStart().length + 1;
    this._editor.setPosition({ lineNumber: target, column });
    this._editor.revealLineInCenterIfOutsideViewport(target);
    this._editor.focus();
  }

  focus(): void {
    this._editor.focus();
  }

  /** Writes the text to storage now. */
  save(): void {
    if (this._saveTimer !== null) {
      clearTimeout(this._saveTimer);
      this._saveTimer = null;
    }
    try {
      this._options.store?.setItem(this._options.storageKey, this._editor.getValue());
    } catch {
      // Storage full or blocked: the text lasts for this page load.
    }
  }

  override dispose(): void {
    if (!this.isDisposed) this.save();
    super.dispose();
  }

  private _scheduleSave(): void {
    if (this._saveTimer !== null) clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  /** Light or dark with the page (`<html data-theme>`, set by the console's settings). */
  private _followTheme(): { dispose(): void } {
    const observer = new MutationObserver(() => this._monaco.editor.setTheme(currentTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return toDisposable(() => observer.disconnect());
  }
}

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark';
}

function readStore(options: CodeEditorOptions): string | null {
  try {
    return options.store?.getItem(options.storageKey) ?? null;
  } catch {
    return null;
  }
}
