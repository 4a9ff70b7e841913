/**
 * Collects the `turtle` module's drawing commands into `graphics` events. Python calls `post(json)` once per
 * command through the JS module `_pyrite_graphics`. As with output, the worker's timers do not fire while Python
 * runs synchronously, so the delay is checked on every command, and the session flushes before each reply.
 */
import type { GraphicsCommand, GraphicsEvent, TurtleEvent } from './protocol';

/** A Python callable (a PyProxy made with create_proxy) that takes a page event. */
interface EventHandler {
  (event: TurtleEvent): void;
  destroy?(): void;
}

export interface GraphicsBatcherOptions {
  /** Longest time a command waits before it is sent (about one frame). */
  readonly maxDelayMs: number;
  /** A batch is sent as soon as it holds this many commands. */
  readonly maxBatch: number;
}

const DEFAULTS: GraphicsBatcherOptions = { maxDelayMs: 16, maxBatch: 500 };

export class GraphicsBatcher {
  private readonly _options: GraphicsBatcherOptions;
  private _commands: GraphicsCommand[] = [];
  private _firstAt = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _handler: EventHandler | null = null;

  constructor(
    private readonly _send: (event: GraphicsEvent) => void,
    options: Partial<GraphicsBatcherOptions> = {},
  ) {
    this._options = { ...DEFAULTS, ...options };
  }

  /** The object registered as the Python module `_pyrite_graphics`. */
  module(): { post(json: string): void; set_event_handler(handler: EventHandler): void } {
    return {
      post: (json: string) => this.add(JSON.parse(json) as GraphicsCommand),
      // The turtle module's dispatcher, kept until replaced; it only queues the handlers on Python's loop.
      set_event_handler: (handler: EventHandler) => {
        this._handler?.destroy?.();
        this._handler = handler;
      },
    };
  }

  /** Passes a page event to the turtle module, if it listens; false if nobody does. */
  dispatch(event: TurtleEvent): boolean {
    if (!this._handler) return false;
    this._handler(event);
    return true;
  }

  add(command: GraphicsCommand): void {
    const now = performance.now();
    if (this._commands.length === 0) this._firstAt = now;
    this._commands.push(command);
    if (this._commands.length >= this._options.maxBatch || now - this._firstAt >= this._options.maxDelayMs) {
      this.flush();
    } else {
      this._timer ??= setTimeout(() => this.flush(), this._options.maxDelayMs);
    }
  }

  flush(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    if (this._commands.length === 0) return;
    const commands = this._commands;
    this._commands = [];
    this._send({ kind: 'graphics', commands });
  }
}
