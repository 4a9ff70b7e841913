/**
 * An output target for program output that arrives while the user is at the prompt (a background asyncio task, a
 * `call_later` timer): it collects what comes within a short moment, stdout and stderr alike, and prints it above the
 * line being edited in one go, so a burst of output redraws the prompt once instead of once per message.
 */
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import type { OutputTarget } from './OutputSink';

/** Prints text above the prompt and resolves once it is on screen (`LineEditor.printAbove`). */
export type PrintAbove = (text: string) => Promise<void>;

/** How long output waits for more before it is printed: about one frame. */
const DEFAULT_DELAY_MS = 16;

export class AbovePromptWriter extends Disposable implements OutputTarget {
  private _pending = '';
  private _done: (() => void)[] = [];
  private _timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly _print: PrintAbove,
    private readonly _delayMs = DEFAULT_DELAY_MS,
  ) {
    super();
    this._register(toDisposable(() => this._cancelTimer()));
  }

  write(data: string, done?: () => void): void {
    if (this.isDisposed) return;
    this._pending += data;
    if (done) this._done.push(done);
    this._timer ??= setTimeout(() => this.flush(), this._delayMs);
  }

  /** Prints what is waiting now: before anything else is written to the terminal, so that order is kept. */
  flush(): void {
    this._cancelTimer();
    const text = this._pending;
    const done = this._done;
    this._pending = '';
    this._done = [];
    if (text === '' && done.length === 0) return;
    const finished = (): void => done.forEach((callback) => callback());
    this._print(text).then(finished, finished);
  }

  private _cancelTimer(): void {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }
}
