/**
 * Escape, then Tab (or Shift+Tab), moves the focus out of the editor, as in CodeMirror. In the editor Tab indents,
 * which would otherwise trap keyboard users (Ctrl+M, Monaco's tab-focus mode, is the lasting switch). An Escape the
 * editor used itself (closing the suggestions or the find box) does not count.
 */
import { toDisposable, type IDisposable } from '../lifecycle/Disposable';

const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/** Lets Escape then Tab leave the editor whose container (Monaco's host element) is `host`. */
export function escapeThenTabLeaves(host: HTMLElement): IDisposable {
  let armed = false;
  // Capture: runs before the editor sees the key.
  const beforeEditor = (event: KeyboardEvent): void => {
    if (MODIFIERS.has(event.key)) return; // Shift held down for Shift+Tab
    if (armed && event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      // Kept from the editor, so it does not indent; the browser's default moves the focus.
      event.stopPropagation();
    }
    armed = false;
  };
  // Bubble, on the element Monaco listens on too, after it: Monaco prevents the default of the keys it used.
  const afterEditor = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) armed = true;
  };
  const disarm = (): void => {
    armed = false;
  };
  host.addEventListener('keydown', beforeEditor, true);
  host.addEventListener('keydown', afterEditor);
  host.addEventListener('focusout', disarm);
  return toDisposable(() => {
    host.removeEventListener('keydown', beforeEditor, true);
    host.removeEventListener('keydown', afterEditor);
    host.removeEventListener('focusout', disarm);
  });
}
