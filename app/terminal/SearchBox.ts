/**
 * A small find bar over the terminal (Ctrl+Shift+F, or the toolbar's Find button), driven by the search addon:
 * Enter finds the next match upwards from the bottom, Shift+Enter the one below, Escape closes it.
 */
import type { SearchAddon } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { button } from '../ui/button';

export class SearchBox extends Disposable {
  private readonly _form: HTMLFormElement;
  private readonly _input: HTMLInputElement;
  private readonly _result: HTMLElement;

  constructor(
    container: HTMLElement,
    private readonly _terminal: Terminal,
    private readonly _search: SearchAddon,
  ) {
    super();
    this._form = document.createElement('form');
    this._form.className = 'search-box';
    this._form.hidden = true;
    this._form.setAttribute('role', 'search');
    this._input = document.createElement('input');
    this._input.type = 'search';
    this._input.placeholder = 'Find in console';
    this._input.setAttribute('aria-label', 'Find in console');
    this._result = document.createElement('span');
    this._result.className = 'search-result';
    this._result.setAttribute('aria-live', 'polite');
    const close = button('×', { title: 'Close (Escape)', ariaLabel: 'Close find' });
    this._form.append(this._input, this._result, close);
    container.append(this._form);
    this._register(toDisposable(() => this._form.remove()));

    const onSubmit = (event: SubmitEvent): void => event.preventDefault();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        this._find(event.shiftKey ? 'next' : 'previous');
      }
    };
    const onInput = (): void => this._find('previous', true);
    const onClose = (): void => this.close();
    this._form.addEventListener('submit', onSubmit);
    this._input.addEventListener('keydown', onKey);
    this._input.addEventListener('input', onInput);
    close.addEventListener('click', onClose);
    this._register(
      toDisposable(() => {
        this._form.removeEventListener('submit', onSubmit);
        this._input.removeEventListener('keydown', onKey);
        this._input.removeEventListener('input', onInput);
        close.removeEventListener('click', onClose);
      }),
    );
  }

  get isOpen(): boolean {
    return !this._form.hidden;
  }

  open(): void {
    this._form.hidden = false;
    const selection = this._terminal.getSelection();
    if (selection && !selection.includes('\n')) this._input.value = selection;
    this._input.select();
    this._input.focus();
  }

  close(): void {
    this._form.hidden = true;
    this._search.clearDecorations();
    this._terminal.clearSelection();
    this._terminal.focus();
  }

  /** Output is newest at the bottom, so "previous" (upwards) is the natural first direction. */
  private _find(direction: 'next' | 'previous', incremental = false): void {
    const query = this._input.value;
    if (!query) {
      this._result.textContent = '';
      this._terminal.clearSelection();
      return;
    }
    const found =
      direction === 'next'
        ? this._search.findNext(query, { incremental })
        : this._search.findPrevious(query, { incremental });
    this._result.textContent = found ? '' : 'No match';
  }
}
