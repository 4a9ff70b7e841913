/**
 * An unbounded async queue with one reader: the page's event loop reads worker events with `for await`, in the
 * order they arrived, without the channel knowing who consumes them.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly _items: T[] = [];
  private _waiter: ((result: IteratorResult<T, undefined>) => void) | null = null;
  private _ended = false;

  push(item: T): void {
    if (this._ended) return;
    if (this._waiter) {
      const wake = this._waiter;
      this._waiter = null;
      wake({ value: item, done: false });
    } else {
      this._items.push(item);
    }
  }

  /** Ends iteration once the queued items are read. */
  end(): void {
    this._ended = true;
    if (this._waiter && this._items.length === 0) {
      const wake = this._waiter;
      this._waiter = null;
      wake({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const item = this._items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this._ended) return Promise.resolve({ value: undefined, done: true });
    if (this._waiter) throw new Error('EventQueue supports a single reader');
    return new Promise((resolve) => {
      this._waiter = resolve;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return { next: () => this.next() };
  }
}
