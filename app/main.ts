/**
 * Boots the console page: the terminal, the status bar and the REPL controller. `window.term` exposes the
 * terminal to end-to-end tests, which read its buffer.
 */
import '@xterm/xterm/css/xterm.css';
import type { Terminal } from '@xterm/xterm';
import { ConsoleController } from './console/ConsoleController';
import { createTerminal } from './terminal/createTerminal';
import { StatusIndicator } from './ui/StatusIndicator';

declare global {
  interface Window {
    term: Terminal;
  }
}

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} is missing from index.html`);
  return found;
}

const status = new StatusIndicator(
  element('status', HTMLElement),
  element('load-progress', HTMLProgressElement),
  element('load-phase', HTMLElement),
);
const { terminal } = createTerminal(element('terminal', HTMLElement));
window.term = terminal;

// The runtime's build outputs are served next to the page (public/pyrite/ in the repository).
const indexURL = new URL('pyrite/', document.baseURI).href;
const controller = new ConsoleController(terminal, { indexURL, status });

element('stop', HTMLButtonElement).addEventListener('click', () => {
  controller.interrupt();
  terminal.focus();
});
element('restart', HTMLButtonElement).addEventListener('click', () => {
  controller.restart();
  terminal.focus();
});

// Ctrl+C copies when text is selected (as in most terminal apps) and interrupts otherwise.
terminal.attachCustomKeyEventHandler((event) => {
  if (event.type === 'keydown' && event.ctrlKey && event.key === 'c' && terminal.hasSelection()) {
    void navigator.clipboard?.writeText(terminal.getSelection());
    return false;
  }
  return true;
});

controller.start();
terminal.focus();
