/**
 * Lifetimes for the page, in the style of xterm.js: an object registers what it owns with `_register` and
 * releases all of it in `dispose()`. Listeners, addons and timers are owned, never leaked.
 */

export interface IDisposable {
  dispose(): void;
}

export function toDisposable(release: () => void): IDisposable {
  let released = false;
  return {
    dispose: () => {
      if (released) return;
      released = true;
      release();
    },
  };
}

/** Listens for `type` events on `target` until disposed (as xterm.js's addDisposableDomListener). */
export function listen(target: EventTarget, type: string, listener: (event: globalThis.Event) => void): IDisposable {
  target.addEventListener(type, listener);
  return toDisposable(() => target.removeEventListener(type, listener));
}

export abstract class Disposable implements IDisposable {
  private readonly _owned: IDisposable[] = [];
  private _isDisposed = false;

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    // Release in reverse order of acquisition, like nested scopes.
    for (const owned of this._owned.splice(0).reverse()) owned.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  protected _register<T extends IDisposable>(owned: T): T {
    if (this._isDisposed) {
      owned.dispose();
    } else {
      this._owned.push(owned);
    }
    return owned;
  }
}

/** Holds at most one disposable; setting a new value disposes the previous one. */
export class MutableDisposable<T extends IDisposable> implements IDisposable {
  private _value: T | undefined;

  get value(): T | undefined {
    return this._value;
  }

  set value(next: T | undefined) {
    if (next === this._value) return;
    this._value?.dispose();
    this._value = next;
  }

  clear(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.clear();
  }
}

/** A typed event: `event(listener)` subscribes and returns the subscription. */
export type Event<T> = (listener: (value: T) => void) => IDisposable;

export class Emitter<T> implements IDisposable {
  private readonly _listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this._listeners.add(listener);
    return toDisposable(() => this._listeners.delete(listener));
  };

  fire(value: T): void {
    for (const listener of [...this._listeners]) listener(value);
  }

  dispose(): void {
    this._listeners.clear();
  }
}
