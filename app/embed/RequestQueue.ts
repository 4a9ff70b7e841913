/**
 * The order in which the embed serves its host's requests (README.md, "Order of requests"): one at a time, in the
 * order they arrived, each once the one before it has been answered (a run when it has finished). A reset does not
 * wait for the runs before it: it stops the one being served at once, and the runs still waiting are answered with
 * an error without being started. Without this, a run, run, reset, run sent together overlapped: the reset emptied
 * the namespace and put its code back while the runs before it still ran or had yet to start.
 */

/** Runs are what a reset cancels while they wait, and stops while they are served. */
export type RequestKind = 'run' | 'reset' | 'other';

interface Entry {
  readonly kind: RequestKind;
  /** Serves the request; never rejects (the outcome goes to the requester's promise). */
  readonly serve: () => Promise<void>;
  readonly cancel: (error: Error) => void;
}

/** Thrown to the requester of a run a reset cancelled before it started. */
export class CancelledByReset extends Error {
  constructor() {
    super('cancelled by a reset before it started');
    this.name = 'CancelledByReset';
  }
}

export class RequestQueue {
  private readonly _waiting: Entry[] = [];
  /** The request being served, and when it will have ended. */
  private _current: { readonly kind: RequestKind; readonly ended: Promise<void> } | null = null;

  /** Serves `work` once every request before it has been answered. */
  serve<T>(kind: Exclude<RequestKind, 'reset'>, work: () => Promise<T>): Promise<T> {
    return this._enqueue(kind, work);
  }

  /**
   * A reset: the runs waiting before it are cancelled (their promises reject with CancelledByReset), `stop` is called
   * at once with the end of the run being served (null when none is), and `work` is served in its turn, after `stop`
   * has finished. Requests that are not runs, before it, are served before it as usual.
   */
  reset<T>(stop: (runEnded: Promise<void> | null) => Promise<void>, work: () => Promise<T>): Promise<T> {
    for (const entry of this._waiting.filter((waiting) => waiting.kind === 'run')) {
      this._waiting.splice(this._waiting.indexOf(entry), 1);
      entry.cancel(new CancelledByReset());
    }
    const stopped = stop(this._current?.kind === 'run' ? this._current.ended : null);
    return this._enqueue('reset', async () => {
      await stopped;
      return work();
    });
  }

  private _enqueue<T>(kind: RequestKind, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this._waiting.push({
        kind,
        // Async, so that a `work` that throws before returning its promise is an answer too, not a stuck queue.
        serve: async () => {
          try {
            resolve(await work());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        cancel: reject,
      });
      this._next();
    });
  }

  private _next(): void {
    if (this._current) return;
    const entry = this._waiting.shift();
    if (!entry) return;
    const ended = entry.serve().finally(() => {
      this._current = null;
      this._next();
    });
    this._current = { kind: entry.kind, ended };
  }
}
