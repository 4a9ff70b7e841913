/**
 * Collects stdout/stderr chunks into `stream` events. While Python runs synchronously the worker's timers never
 * fire, so the time limit is checked on every write as well as by a trailing timer for output that arrives
 * just before the worker goes idle.
 */
import type { StreamEvent, StreamName } from './protocol';

export interface OutputBatcherOptions {
  /** Longest time output waits before it is sent. */
  readonly maxDelayMs: number;
  /** A batch is sent as soon as it holds this many characters. */
  readonly maxBatchChars: number;
  /** Most characters retained at once; the rest of an oversized write is dropped and counted. */
  readonly maxRetainedChars: number;
}

const DEFAULTS: OutputBatcherOptions = {
  maxDelayMs: 40,
  maxBatchChars: 64 * 1024,
  maxRetainedChars: 1024 * 1024,
};

export class OutputBatcher {
  private readonly _options: OutputBatcherOptions;
  private _stream: StreamName = 'stdout';
  private _chunks: string[] = [];
  private _size = 0;
  private _dropped = 0;
  private _firstWriteAt = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly _send: (event: StreamEvent) => void,
    options: Partial<OutputBatcherOptions> = {},
  ) {
    this._options = { ...DEFAULTS, ...options };
  }

  write(stream: StreamName, text: string): void {
    if (text.length === 0) return;
    // One batch holds one stream, so interleaved stdout and stderr keep their order.
    if (stream !== this._stream) {
      this.flush();
      this._stream = stream;
    }
    const room = this._options.maxRetainedChars - this._size;
    if (text.length > room) {
      this._dropped += text.length - room;
      text = text.slice(0, room);
    }
    if (text.length > 0) {
      if (this._size === 0) this._firstWriteAt = performance.now();
      this._chunks.push(text);
      this._size += text.length;
    }
    if (this._size >= this._options.maxBatchChars || this._dueAt() <= performance.now()) {
      this.flush();
    } else if (this._timer === null) {
      this._timer = setTimeout(() => this.flush(), this._options.maxDelayMs);
    }
  }

  /** Sends what is pending if it has waited its longest time (called while Python runs, when timers cannot fire). */
  flushIfDue(): void {
    if (this._size > 0 && this._dueAt() <= performance.now()) this.flush();
  }

  /** Sends whatever is pending. Called before every reply, so output always precedes the reply it belongs to. */
  flush(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    if (this._size === 0 && this._dropped === 0) return;
    const text = this._chunks.join('');
    const dropped = this._dropped;
    this._chunks = [];
    this._size = 0;
    this._dropped = 0;
    this._send({ kind: 'stream', stream: this._stream, text, dropped });
  }

  private _dueAt(): number {
    return this._firstWriteAt + this._options.maxDelayMs;
  }
}
