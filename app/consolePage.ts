/**
 * The console page's UI: the terminal, the status bar, the workbench and the REPL controller, around a runtime
 * main.ts has already started. `window.term` exposes the terminal to end-to-end tests, which read its buffer.
 */
import type { Terminal } from '@xterm/xterm';
import type { WorkKeeper } from './client/persistence';
import type { RuntimeClient } from './client/RuntimeClient';
import { ConsoleController } from './console/ConsoleController';
import { installWorkbench } from './editor/installWorkbench';
import { whenConsoleStarted } from './editor/whenConsoleStarted';
import { createTerminal } from './terminal/createTerminal';
import { SearchBox } from './terminal/SearchBox';
import { ConsoleSettings } from './ui/ConsoleSettings';
import { FileDownload } from './ui/FileDownload';
import { FileUpload } from './ui/FileUpload';
import { StatusIndicator } from './ui/StatusIndicator';
import { StopButton } from './ui/StopButton';
import { TouchKeyBar } from './ui/TouchKeyBar';

declare global {
  interface Window {
    term: Terminal;
    /** Which renderer draws the console: 'webgl', or 'dom' when WebGL is unavailable. */
    termRenderer?: () => 'webgl' | 'dom';
    /** Present only with `?debug`: test hooks. */
    pyriteDebug?: { trap(): void; history(): readonly string[]; lastError(): unknown };
  }
}

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} is missing from index.html`);
  return found;
}

export interface ConsolePageOptions {
  /** URL of the runtime's build outputs (public/pyrite/). */
  readonly indexURL: string;
  /** Let the runtime use JS Promise Integration (the page's `?nojspi` turns it off, for tests). */
  readonly jspi: boolean;
  /** The page's query: `?debug` adds test hooks. */
  readonly query: URLSearchParams;
  /** The runtime main.ts started before this module was even fetched. */
  readonly started: RuntimeClient;
  /**
   * Prefix of the storage keys (history, settings) and of the kept work's database: the host page's
   * `<body data-storage-prefix="…">`, by default `pyrite:console:`.
   */
  readonly storagePrefix: string;
  /** What each new Python gets back: the packages installed and the working folder's files, kept in IndexedDB. */
  readonly keeper: WorkKeeper;
}

/** The editor's storage prefix (its code, layout and split), as installWorkbench's default. */
const EDITOR_PREFIX = 'pyrite:editor:';

/** Said after the reload that follows "Erase my data". */
export const ERASED_LINE =
  "Erased what this browser kept for the console: your input history, the editor's code, files and packages.";
const ERASE_INCOMPLETE_LINE =
  "Erased your input history and the editor's code; the files and packages kept could not be erased (the browser's " +
  'storage did not answer). Try Erase my data again.';

export function buildConsolePage({ indexURL, jspi, query, started, storagePrefix, keeper }: ConsolePageOptions): void {
  const status = new StatusIndicator(
    element('status', HTMLElement),
    element('load-progress', HTMLProgressElement),
    element('load-phase', HTMLElement),
  );
  const { terminal, search, renderer } = createTerminal(element('terminal', HTMLElement));
  window.term = terminal;
  window.termRenderer = renderer;

  // History and settings are kept in localStorage under the page's prefix, so each page or embed keeps its own.
  const store = ((): Storage | null => {
    try {
      return globalThis.localStorage;
    } catch {
      return null; // blocked (sandboxed iframe, privacy settings)
    }
  })();
  const erasedFlag = `${storagePrefix}erased`;
  new ConsoleSettings(terminal, {
    store,
    storagePrefix,
    themeButton: document.getElementById('theme') as HTMLButtonElement | null,
    screenReaderButton: document.getElementById('screen-reader') as HTMLButtonElement | null,
    erase: {
      toolbar: document.querySelector<HTMLElement>('.toolbar'),
      run: () => eraseAndStartAgain(),
    },
  });
  const searchBox = new SearchBox(element('terminal', HTMLElement), terminal, search);

  const controller = new ConsoleController(terminal, {
    indexURL,
    status,
    store,
    storagePrefix,
    jspi,
    started,
    keeper,
  });

  /**
   * "Erase my data": the history, the editor's saved code and the kept files and packages go, and the page loads
   * again, so that nothing of the user's stays in it either (the editor's text and undo, the scrollback, Python).
   */
  async function eraseAndStartAgain(): Promise<void> {
    controller.dispose(); // its worker ends: nothing more is reported and kept meanwhile
    let complete = true;
    try {
      await keeper.erase();
    } catch (error) {
      console.warn('pyrite: the kept files and packages could not be erased', error);
      complete = false;
    }
    const keys = [`${storagePrefix}history`, `${EDITOR_PREFIX}code`];
    const forget = (): void => {
      for (const key of keys) {
        try {
          store?.removeItem(key);
        } catch {
          // blocked: nothing was stored there either
        }
      }
    };
    forget();
    // The editor saves its text as the page goes (pagehide); this listener, added after its own, runs after it.
    addEventListener('pagehide', forget);
    try {
      sessionStorage.setItem(erasedFlag, complete ? 'all' : 'incomplete');
    } catch {
      // no word after the reload, then
    }
    location.reload();
  }
  if (query.has('debug')) {
    window.pyriteDebug = {
      trap: () => controller.debugTrap(),
      history: () => controller.history,
      lastError: () => controller.lastError,
    };
  }
  document.getElementById('clear')?.addEventListener('click', () => {
    controller.clear();
    terminal.focus();
  });
  document.getElementById('find')?.addEventListener('click', () => searchBox.open());

  element('restart', HTMLButtonElement).addEventListener('click', () => {
    controller.restart();
    terminal.focus();
  });

  // Ctrl+C copies when text is selected (as in most terminal apps) and interrupts otherwise.
  // Ctrl+Shift+F opens the find bar.
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === 'c' && terminal.hasSelection()) {
      void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => undefined);
      terminal.clearSelection();
      return false;
    }
    if (event.ctrlKey && event.shiftKey && (event.key === 'F' || event.key === 'f')) {
      event.preventDefault();
      searchBox.open();
      return false;
    }
    return true;
  });

  // The editor, demos, sharing and the turtle panel (app/editor/); Monaco loads when the editor is first shown.
  const { workbench } = installWorkbench({
    terminalElement: element('terminal', HTMLElement),
    terminal,
    console: controller,
    store,
    storagePrefix: EDITOR_PREFIX,
    toolbar: document.querySelector<HTMLElement>('.toolbar'),
    // After Python's banner: a share link opened at page load would otherwise put its notice above it.
    notify: (text) => void whenConsoleStarted(status).then(() => controller.noticeAbove(text)),
    consoleState: status.onChange,
  });
  // Stop also ends a turtle animation still playing: the drawing jumps to where Python's turtle already is.
  new StopButton(
    element('stop', HTMLButtonElement),
    status,
    () => controller.interrupt(),
    workbench.turtle.canvas,
    () => terminal.focus(),
  );

  // Under the console (in the column the workbench made), for phones and tablets.
  const terminalElement = element('terminal', HTMLElement);
  new TouchKeyBar(terminalElement.parentElement ?? document.body, terminal);
  const toolbar = document.querySelector<HTMLElement>('.toolbar');
  if (toolbar) {
    new FileUpload(
      toolbar,
      terminalElement,
      (file) => controller.uploadFile(file),
      () => terminal.focus(),
    );
    new FileDownload(toolbar, controller, () => terminal.focus());
  }

  controller.start();
  terminal.focus();

  // After "Erase my data" loaded the page again: said under Python's banner.
  const erased = takeFlag(erasedFlag);
  if (erased) {
    const line = erased === 'all' ? ERASED_LINE : ERASE_INCOMPLETE_LINE;
    void whenConsoleStarted(status).then(() => controller.noticeAbove(line));
  }
}

/** A value left in sessionStorage for the next page load of this tab, taken (removed) once read. */
function takeFlag(key: string): string | null {
  try {
    const value = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    return value;
  } catch {
    return null;
  }
}
