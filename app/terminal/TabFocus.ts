/**
 * Lets keyboard users leave the console, where Tab completes and indents (which would otherwise trap them: WCAG
 * 2.1.2), by the editor's convention, Monaco's: Escape then Tab (or Shift+Tab) moves the focus out once, unless that
 * Escape ended something (a history search); Ctrl+M (Ctrl+Shift+M too, Monaco's key on macOS) switches Tab to moving
 * the focus, and back. The terminal's input describes this to screen readers, and a hint shows over the terminal's
 * corner while it has the focus and the user moves around by keyboard: the focus came by Tab, or Tab, Escape or
 * Ctrl+M was just pressed there, or Tab moves the focus. Typing or the mouse hides it: it would cover output.
 */
import type { ITerminalAddon, Terminal } from '@xterm/xterm';
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import './tabFocus.css';

/** How keyboard users leave the console, in the words the editor uses for itself. */
export const LEAVE_CONSOLE_HINT = 'Esc then Tab leaves the console; Ctrl+M switches Tab to moving the focus.';
const TAB_MOVES_FOCUS_HINT = 'Tab moves the focus; Ctrl+M switches Tab back to completing.';

const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'Meta']);

let hintCount = 0;

export class TabFocus extends Disposable implements ITerminalAddon {
  private _armed = false;
  private _tabMovesFocus = false;
  private _hint: HTMLElement | null = null;
  /** The last key or click in the page was Tab: the focus moves by keyboard. */
  private _tabbing = false;

  /** `escapeEndsSomething` says whether an Escape pressed now is the line editor's (ending a search). */
  constructor(private readonly _escapeEndsSomething: () => boolean) {
    super();
  }

  activate(terminal: Terminal): void {
    const root = terminal.element;
    const input = terminal.textarea;
    if (!root || !input) throw new Error('TabFocus: load the addon into an opened terminal');
    // Capture on the terminal's element: runs before xterm.js's own listener on its input, which sends Tab to the
    // line editor and prevents the browser's default, focus navigation.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.target !== input || event.isComposing || MODIFIERS.has(event.key)) return;
      const plain = !event.altKey && !event.metaKey;
      if (plain && event.ctrlKey && event.key.toLowerCase() === 'm') {
        event.preventDefault(); // xterm.js would send it as Enter (Ctrl+M is a carriage return)
        event.stopPropagation();
        this._armed = false;
        this._setTabMovesFocus(!this._tabMovesFocus);
        this._setHintShown(true);
        return;
      }
      const tab = plain && !event.ctrlKey && event.key === 'Tab';
      if (tab && (this._armed || this._tabMovesFocus)) {
        event.stopPropagation(); // kept from the terminal: the browser's default moves the focus
      }
      const escape = plain && !event.ctrlKey && event.key === 'Escape';
      this._armed = escape && !this._escapeEndsSomething();
      this._setHintShown(tab || escape);
    };
    const onBlur = (): void => {
      this._armed = false;
      this._setHintShown(false);
    };
    const onFocus = (): void => this._setHintShown(this._tabbing);
    // Capture, in the whole page: how the focus is about to move, whatever handles the key or the click.
    const onPageKey = (event: KeyboardEvent): void => {
      if (!MODIFIERS.has(event.key)) this._tabbing = event.key === 'Tab';
    };
    const onPagePointer = (): void => {
      this._tabbing = false;
      this._setHintShown(false);
    };
    root.addEventListener('keydown', onKeyDown, true);
    input.addEventListener('blur', onBlur);
    input.addEventListener('focus', onFocus);
    addEventListener('keydown', onPageKey, true);
    addEventListener('pointerdown', onPagePointer, true);
    this._register(
      toDisposable(() => {
        root.removeEventListener('keydown', onKeyDown, true);
        input.removeEventListener('blur', onBlur);
        input.removeEventListener('focus', onFocus);
        removeEventListener('keydown', onPageKey, true);
        removeEventListener('pointerdown', onPagePointer, true);
      }),
    );
    this._createHint(root, input);
  }

  /**
   * The hint, beside the terminal's element (so CSS can show it while the input has the focus), is the input's
   * accessible description whether shown or not; a live region, so that switching Tab's meaning is announced.
   */
  private _createHint(root: HTMLElement, input: HTMLTextAreaElement): void {
    const hint = document.createElement('div');
    hint.className = 'console-hint';
    hint.id = `console-hint-${++hintCount}`;
    hint.setAttribute('aria-live', 'polite');
    hint.textContent = LEAVE_CONSOLE_HINT;
    root.after(hint);
    this._hint = hint;
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? `${described} ${hint.id}` : hint.id);
    this._register(
      toDisposable(() => {
        hint.remove();
        if (described === null) input.removeAttribute('aria-describedby');
        else input.setAttribute('aria-describedby', described);
      }),
    );
  }

  private _setTabMovesFocus(on: boolean): void {
    this._tabMovesFocus = on;
    if (this._hint) this._hint.textContent = on ? TAB_MOVES_FOCUS_HINT : LEAVE_CONSOLE_HINT;
  }

  /** Shown while the input has the focus (CSS); always while Tab moves the focus, which the user must know. */
  private _setHintShown(shown: boolean): void {
    this._hint?.toggleAttribute('data-shown', shown || this._tabMovesFocus);
  }
}
