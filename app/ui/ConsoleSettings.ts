/**
 * The console's remembered preferences: light or dark theme and screen-reader mode. Each is a toggle button in
 * the toolbar (`aria-pressed` tells its state) and is kept in storage under the page's key prefix.
 */
import type { Terminal } from '@xterm/xterm';
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { THEMES, type ThemeName } from '../terminal/themes';

export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ConsoleSettingsOptions {
  readonly store: SettingsStore | null;
  readonly storagePrefix: string;
  readonly themeButton: HTMLButtonElement | null;
  readonly screenReaderButton: HTMLButtonElement | null;
}

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
    if (button) {
      button.setAttribute('aria-pressed', String(this._theme === 'light'));
      button.textContent = this._theme === 'light' ? 'Dark theme' : 'Light theme';
    }
  }

  private _applyScreenReader(on: boolean): void {
    this._terminal.options.screenReaderMode = on;
    this._options.screenReaderButton?.setAttribute('aria-pressed', String(on));
  }

  private _bind(button: HTMLButtonElement | null, action: () => void): void {
    if (!button) return;
    const onClick = (): void => {
      action();
      this._terminal.focus();
    };
    button.addEventListener('click', onClick);
    this._register(toDisposable(() => button.removeEventListener('click', onClick)));
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
