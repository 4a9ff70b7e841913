/**
 * A row of keys that phone and tablet keyboards lack (Tab, arrows, Ctrl+C, Ctrl+D) and symbols that are
 * several taps away on them (`: ( ) [ ] = " #`), shown under the console when the main pointer is coarse
 * (a finger). A key sends what the physical key would, as typed input, so it goes through the same line
 * editor: Tab completes, Up recalls history, Ctrl+C interrupts running code.
 */
import { Disposable, toDisposable } from '../lifecycle/Disposable';

/** What the bar needs of the terminal. */
export interface KeyInputTarget {
  /** Input as if the user typed it. */
  input(data: string): void;
  focus(): void;
}

interface BarKey {
  readonly label: string;
  readonly data: string;
  readonly name: string;
}

const KEYS: readonly BarKey[] = [
  { label: 'Tab', data: '\t', name: 'Tab' },
  { label: '↑', data: '\x1b[A', name: 'Up' },
  { label: '↓', data: '\x1b[B', name: 'Down' },
  { label: '←', data: '\x1b[D', name: 'Left' },
  { label: '→', data: '\x1b[C', name: 'Right' },
  { label: '^C', data: '\x03', name: 'Control C: interrupt' },
  { label: '^D', data: '\x04', name: 'Control D: end of input' },
  ...[':', '(', ')', '[', ']', '=', '"', '#'].map((c) => ({ label: c, data: c, name: c })),
];

export class TouchKeyBar extends Disposable {
  readonly element: HTMLElement;

  constructor(
    parent: HTMLElement,
    private readonly _target: KeyInputTarget,
    coarsePointer: MediaQueryList | null = globalThis.matchMedia?.('(pointer: coarse)') ?? null,
  ) {
    super();
    const bar = document.createElement('div');
    bar.className = 'touch-keys';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Extra keys');
    for (const key of KEYS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = key.label;
      button.dataset.key = key.label;
      button.setAttribute('aria-label', key.name);
      bar.append(button);
    }
    this.element = bar;
    parent.append(bar);
    this._register(toDisposable(() => bar.remove()));

    // Taking focus from the terminal would close the on-screen keyboard: the press is kept from moving it.
    const keepFocus = (event: Event) => event.preventDefault();
    const press = (event: Event) => {
      const button = (event.target as Element | null)?.closest('button');
      const key = KEYS.find((k) => k.label === button?.dataset.key);
      if (!key) return;
      this._target.input(key.data);
      this._target.focus();
    };
    bar.addEventListener('pointerdown', keepFocus);
    bar.addEventListener('click', press);
    this._register(
      toDisposable(() => {
        bar.removeEventListener('pointerdown', keepFocus);
        bar.removeEventListener('click', press);
      }),
    );

    const show = () => {
      bar.hidden = !(coarsePointer?.matches ?? false);
    };
    show();
    if (coarsePointer) {
      coarsePointer.addEventListener('change', show);
      this._register(toDisposable(() => coarsePointer.removeEventListener('change', show)));
    }
  }
}
