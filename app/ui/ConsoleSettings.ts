/**
 * The console's remembered preferences: light or dark theme and screen-reader mode. Each is a toggle button in
 * the toolbar (`aria-pressed` tells its state) and is kept in storage under the page's key prefix. On a page that
 * keeps the user's work, also "Erase my data", which asks first, in a modal dialog.
 */
import type { Terminal } from '@xterm/xterm';
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { THEMES, type ThemeName } from '../terminal/themes';
import { button } from './button';

export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ConsoleSettingsOptions {
  readonly store: SettingsStore | null;
  readonly storagePrefix: string;
  readonly themeButton: HTMLButtonElement | null;
  readonly screenReaderButton: HTMLButtonElement | null;
  /** Adds the "Erase my data" button (absent: none, as in the embed, whose host decides what it keeps). */
  readonly erase?: EraseAction | null;
}

export interface EraseAction {
  /** Where the button goes when there is no screen-reader button to follow. */
  readonly toolbar: HTMLElement | null;
  /**
   * Erases what the page keeps and starts afresh, once the user confirmed. A rejection's message is shown in the
   * dialog, which stays open.
   */
  readonly run: () => Promise<void>;
}

/** What the confirmation says will go (and what stays). */
export const ERASE_EXPLANATION =
  'This erases what this browser keeps for the console: your input history, the code in the editor, and the files ' +
  'and installed packages kept for your next visit. The page then starts again with a fresh Python. Your theme and ' +
  'screen-reader settings stay.';

export class ConsoleSettings extends Disposable {
  private _theme: ThemeName;

  constructor(
    private readonly _terminal: Terminal,
    private readonly _options: ConsoleSettingsOptions,
  ) {
    super();
    const savedTheme = this._get('theme');
    const prefersLight = globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ?? false;
    this._theme = savedTheme === 'light' || savedTheme === 'dark' ? savedTheme : prefersLight ? 'light' : 'dark';
    this._applyTheme();
    this._applyScreenReader(this._get('screenReader') === 'on');
    this._bind(_options.themeButton, () => this.setTheme(this._theme === 'dark' ? 'light' : 'dark'));
    this._bind(_options.screenReaderButton, () => this.setScreenReaderMode(!this.screenReaderMode));
    if (_options.erase) this._addErase(_options.erase);
  }

  get theme(): ThemeName {
    return this._theme;
  }

  get screenReaderMode(): boolean {
    return this._terminal.options.screenReaderMode === true;
  }

  setTheme(theme: ThemeName): void {
    this._theme = theme;
    this._set('theme', theme);
    this._applyTheme();
  }

  setScreenReaderMode(on: boolean): void {
    this._set('screenReader', on ? 'on' : 'off');
    this._applyScreenReader(on);
  }

  private _applyTheme(): void {
    this._terminal.options.theme = THEMES[this._theme];
    document.documentElement.dataset.theme = this._theme;
    const button = this._options.themeButton;
    // The button names what it switches to, so it is not a pressed/unpressed toggle: a screen reader said "Dark
    // theme, pressed" on the light page.
    if (button) button.textContent = this._theme === 'light' ? 'Dark theme' : 'Light theme';
  }

  private _applyScreenReader(on: boolean): void {
    this._terminal.options.screenReaderMode = on;
    this._options.screenReaderButton?.setAttribute('aria-pressed', String(on));
  }

  /**
   * The Erase button and its confirmation: a modal dialog (keyboard focus stays in it, Escape cancels) whose
   * focused button is Cancel, so that Enter alone never erases.
   */
  private _addErase(action: EraseAction): void {
    const dialog = document.createElement('dialog');
    dialog.className = 'erase-dialog demo-gallery';
    dialog.setAttribute('aria-labelledby', 'erase-dialog-title');
    dialog.setAttribute('aria-describedby', 'erase-dialog-text');
    const heading = document.createElement('h2');
    heading.id = 'erase-dialog-title';
    heading.textContent = 'Erase my data?';
    const text = document.createElement('p');
    text.id = 'erase-dialog-text';
    text.textContent = ERASE_EXPLANATION;
    const failure = document.createElement('p');
    failure.className = 'erase-failure';
    failure.setAttribute('role', 'alert');
    failure.hidden = true;
    let erasing = false;
    const cancel = button('Cancel', { onClick: () => dialog.close() });
    cancel.autofocus = true;
    const eraseButton = button('Erase', {
      id: 'erase-confirm',
      onClick: () => {
        if (erasing) return;
        erasing = true;
        cancel.disabled = true;
        eraseButton.textContent = 'Erasing…';
        failure.hidden = true;
        action.run().catch((error: unknown) => {
          erasing = false;
          cancel.disabled = false;
          eraseButton.textContent = 'Erase';
          failure.textContent = `Could not erase: ${error instanceof Error ? error.message : String(error)}`;
          failure.hidden = false;
        });
      },
    });
    const row = document.createElement('p');
    row.append(cancel, ' ', eraseButton);
    dialog.append(heading, text, failure, row);
    dialog.addEventListener('cancel', (event) => {
      if (erasing) event.preventDefault(); // Escape while erasing: it goes on, the page starts again
    });
    dialog.addEventListener('close', () => this._terminal.focus());
    document.body.append(dialog);

    const open = button('Erase my data', {
      id: 'erase-data',
      title: 'Erase the history, editor code, files and packages this browser keeps for the console',
      onClick: () => {
        failure.hidden = true;
        if (!dialog.open) dialog.showModal();
      },
    });
    open.setAttribute('aria-haspopup', 'dialog');
    if (this._options.screenReaderButton) this._options.screenReaderButton.after(open);
    else action.toolbar?.append(open);
    this._register(
      toDisposable(() => {
        open.remove();
        dialog.remove();
      }),
    );
  }

  private _bind(toggle: HTMLButtonElement | null, action: () => void): void {
    if (!toggle) return;
    const onClick = (): void => {
      action();
      this._terminal.focus();
    };
    toggle.addEventListener('click', onClick);
    this._register(toDisposable(() => toggle.removeEventListener('click', onClick)));
  }

  private _get(name: string): string | null {
    try {
      return this._options.store?.getItem(this._options.storagePrefix + name) ?? null;
    } catch {
      return null;
    }
  }

  private _set(name: string, value: string): void {
    try {
      this._options.store?.setItem(this._options.storagePrefix + name, value);
    } catch {
      // Storage blocked: the setting lasts for this page load.
    }
  }
}
