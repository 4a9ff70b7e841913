/**
 * Makes `File "<editor>", line N` in the console clickable (an xterm.js link provider): activating one calls
 * `onLine(N)`, which moves the editor's cursor there.
 */
import type { IBufferCellPosition, ILink, ILinkProvider, Terminal } from '@xterm/xterm';
import type { IDisposable } from '../lifecycle/Disposable';
import { EDITOR_FILENAME, findTracebackLinks } from './tracebacks';

export function registerTracebackLinks(
  terminal: Terminal,
  onLine: (line: number) => void,
  filename = EDITOR_FILENAME,
): IDisposable {
  const provider: ILinkProvider = {
    provideLinks(row, callback) {
      const bufferLine = terminal.buffer.active.getLine(row - 1);
      if (!bufferLine) {
        callback(undefined);
        return;
      }
      const text = bufferLine.translateToString(true);
      const links: ILink[] = findTracebackLinks(text, filename).map((link) => ({
        text: text.slice(link.start, link.end),
        range: { start: cell(link.start + 1, row), end: cell(link.end, row) },
        decorations: { underline: true, pointerCursor: true },
        activate: () => onLine(link.line),
      }));
      callback(links.length > 0 ? links : undefined);
    },
  };
  return terminal.registerLinkProvider(provider);
}

function cell(x: number, y: number): IBufferCellPosition {
  return { x, y };
}
