/**
 * Creates the console's xterm.js terminal with its standard addons and keeps it fitted to its container.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { toDisposable, type IDisposable } from '../lifecycle/Disposable';

export interface ConsoleTerminal extends IDisposable {
  readonly terminal: Terminal;
  readonly search: SearchAddon;
  /** Which renderer draws the terminal: WebGL when the browser can, else the DOM renderer. */
  readonly renderer: () => 'webgl' | 'dom';
  fit(): void;
}

export function createTerminal(container: HTMLElement): ConsoleTerminal {
  const terminal = new Terminal({
    // Python writes bare "\n"; the terminal needs "\r\n".
    convertEol: true,
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    allowProposedApi: true, // required by the unicode11 addon
    screenReaderMode: false,
    theme: { background: '#1e1f22', foreground: '#e6e6e6', cursor: '#e6e6e6' },
  });
  const fitAddon = new FitAddon();
  const search = new SearchAddon();
  terminal.loadAddon(fitAddon);
  terminal.loadAddon(search);
  terminal.loadAddon(new WebLinksAddon());
  terminal.loadAddon(new Unicode11Addon());
  terminal.unicode.activeVersion = '11';
  terminal.open(container);
  const webgl = loadWebglRenderer(terminal);

  const fit = (): void => {
    // A hidden or zero-sized container has no geometry to fit to.
    if (container.clientWidth > 0 && container.clientHeight > 0) fitAddon.fit();
  };
  fit();
  const observer = new ResizeObserver(() => fit());
  observer.observe(container);

  return {
    terminal,
    search,
    renderer: () => (webgl.active ? 'webgl' : 'dom'),
    fit,
    ...toDisposable(() => {
      observer.disconnect();
      webgl.dispose();
      terminal.dispose();
    }),
  };
}

/**
 * The fast renderer: WebGL, falling back to xterm's DOM renderer when WebGL is
 * unavailable (no GPU, blocked) or when its context is lost later.
 */
function loadWebglRenderer(terminal: Terminal): { readonly active: boolean; dispose(): void } {
  let addon: WebglAddon | undefined;
  const state = {
    active: false,
    dispose(): void {
      addon?.dispose();
      addon = undefined;
      state.active = false;
    },
  };
  try {
    addon = new WebglAddon();
    addon.onContextLoss(() => state.dispose());
    terminal.loadAddon(addon);
    state.active = true;
  } catch {
    // No WebGL here: the DOM renderer stays in charge.
    state.dispose();
  }
  return state;
}
