/**
 * A resizable two-pane split: dragging the separator (or pressing Left/Right on it) changes the first pane's
 * share of the width, which is kept in storage. `layout` 'console' hides the first pane and the separator.
 */
import { Disposable, Emitter, toDisposable } from '../lifecycle/Disposable';

export type Layout = 'console' | 'editor';

export interface SplitStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const MIN_SHARE = 0.15;
const MAX_SHARE = 0.85;
const KEY_STEP = 0.05;

export class SplitLayout extends Disposable {
  readonly element: HTMLElement;
  readonly separator: HTMLElement;
  private _share: number;
  private _layout: Layout = 'console';
  private readonly _onLayout = this._register(new Emitter<Layout>());
  readonly onLayout = this._onLayout.event;

  constructor(
    private readonly _first: HTMLElement,
    second: HTMLElement,
    private readonly _store: SplitStore | null,
    private readonly _key: string,
  ) {
    super();
    this.element = document.createElement('div');
    this.element.className = 'workbench';
    this.separator = document.createElement('div');
    this.separator.className = 'splitter';
    this.separator.tabIndex = 0;
    this.separator.setAttribute('role', 'separator');
    this.separator.setAttribute('aria-orientation', 'vertical');
    this.separator.setAttribute('aria-label', 'Resize the editor and the console');
    this.separator.setAttribute('aria-valuemin', String(MIN_SHARE * 100));
    this.separator.setAttribute('aria-valuemax', String(MAX_SHARE * 100));
    second.before(this.element);
    this.element.append(_first, this.separator, second);
    const saved = Number(this._read());
    this._share = Number.isFinite(saved) && saved > 0 ? clamp(saved) : 0.5;
    this._applyShare();
    this._bindDrag();
    this._register(toDisposable(() => this.element.replaceWith(second)));
  }

  get layout(): Layout {
    return this._layout;
  }

  get share(): number {
    return this._share;
  }

  setLayout(layout: Layout): void {
    this._layout = layout;
    this.element.dataset.layout = layout;
    this._first.hidden = layout === 'console';
    this.separator.hidden = layout === 'console';
    this._onLayout.fire(layout);
  }

  setShare(share: number): void {
    this._share = clamp(share);
    this._applyShare();
    try {
      this._store?.setItem(this._key, this._share.toFixed(3));
    } catch {
      // Storage blocked: the size lasts for this page load.
    }
  }

  private _read(): string | null {
    try {
      return this._store?.getItem(this._key) ?? null;
    } catch {
      return null;
    }
  }

  private _applyShare(): void {
    this._first.style.flexBasis = `${(this._share * 100).toFixed(1)}%`;
    this.separator.setAttribute('aria-valuenow', (this._share * 100).toFixed(0));
  }

  private _bindDrag(): void {
    const separator = this.separator;
    const onPointerDown = (event: PointerEvent): void => {
      event.preventDefault();
      separator.setPointerCapture(event.pointerId);
      this.element.classList.add('resizing');
    };
    const onPointerMove = (event: PointerEvent): void => {
      if (!separator.hasPointerCapture(event.pointerId)) return;
      const box = this.element.getBoundingClientRect();
      if (box.width > 0) this.setShare((event.clientX - box.left) / box.width);
    };
    const onPointerUp = (event: PointerEvent): void => {
      if (separator.hasPointerCapture(event.pointerId)) separator.releasePointerCapture(event.pointerId);
      this.element.classList.remove('resizing');
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'ArrowLeft') this.setShare(this._share - KEY_STEP);
      else if (event.key === 'ArrowRight') this.setShare(this._share + KEY_STEP);
      else return;
      event.preventDefault();
    };
    separator.addEventListener('pointerdown', onPointerDown);
    separator.addEventListener('pointermove', onPointerMove);
    separator.addEventListener('pointerup', onPointerUp);
    separator.addEventListener('keydown', onKeyDown);
    this._register(
      toDisposable(() => {
        separator.removeEventListener('pointerdown', onPointerDown);
        separator.removeEventListener('pointermove', onPointerMove);
        separator.removeEventListener('pointerup', onPointerUp);
        separator.removeEventListener('keydown', onKeyDown);
      }),
    );
  }
}

function clamp(share: number): number {
  return Math.min(MAX_SHARE, Math.max(MIN_SHARE, share));
}
