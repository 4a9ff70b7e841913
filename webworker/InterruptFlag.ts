/**
 * The worker's side of the interrupt buffer: which Ctrl+C reaches which run.
 *
 * The page sets the shared buffer to SIGINT and also sends an `interrupt` message. Python reads the buffer while it
 * runs; the message is read only when Python is not running synchronously. So a Ctrl+C pressed after the page sent a
 * run, while that run waits behind other requests, is in the buffer when the run starts and its message comes after
 * the run: it must stay for that run. One pressed as a run ends, before the page has its reply, must not reach the
 * next run: the run's end clears the buffer, and its late message, with no run going or waiting, clears it again.
 */
export const SIGINT = 2;

export class InterruptFlag {
  private _runsWaiting = 0;

  /** `flag[0]` is the buffer Python reads (shared with the page, or the worker's own without shared memory). */
  constructor(readonly flag: Int32Array) {}

  /** A run request arrived (it may wait behind others). */
  runReceived(): void {
    this._runsWaiting++;
  }

  /** The run starts: the buffer is left as it is (a Ctrl+C already in it is for this run). */
  runStarted(): void {
    this._runsWaiting = Math.max(0, this._runsWaiting - 1);
  }

  /** The run ended: a signal it did not take is stale. */
  runEnded(): void {
    Atomics.store(this.flag, 0, 0);
  }

  /**
   * An `interrupt` message with no run going: kept (set, without shared memory) for a run still waiting its turn,
   * dropped otherwise.
   */
  interruptWhileIdle(): void {
    Atomics.store(this.flag, 0, this._runsWaiting > 0 ? SIGINT : 0);
  }

  /** Delivers SIGINT to a running program that is waiting (time.sleep reads the buffer). */
  raise(): void {
    Atomics.store(this.flag, 0, SIGINT);
  }

  /** Clears the buffer, so a signal cannot fire inside the worker's own code. */
  clear(): void {
    Atomics.store(this.flag, 0, 0);
  }
}
