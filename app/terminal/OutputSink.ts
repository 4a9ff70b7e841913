/**
 * Writes program output into the terminal: stdout plain, stderr in red. Applies flow control: xterm.js parses
 * asynchronously, so when a program prints faster than the terminal can render, the sink stops queueing, counts
 * what it drops, and prints a clear notice once the terminal has caught up.
 */
import type { StreamName } from '../../webworker/protocol';

/** Where a sink writes: the terminal, or a writer that puts the text above the prompt. `done`: it was parsed. */
export interface OutputTarget {
  write(data: string, done?: () => void): void;
}

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** A message from the console itself (not the program): yellow, on a line of its own. */
export function noticeLine(text: string): string {
  return `${YELLOW}${text}${RESET}\r\n`;
}

export interface OutputSinkOptions {
  /** Characters queued in the terminal beyond which new output is dropped. */
  readonly highWater: number;
  /** Queue size below which the drop notice is printed and output flows again. */
  readonly lowWater: number;
}

export class OutputSink {
  private _queued = 0;
  private _dropped = 0;
  private _dropping = false;

  constructor(
    private readonly _target: OutputTarget,
    private readonly _options: OutputSinkOptions = { highWater: 4_000_000, lowWater: 500_000 },
  ) {}

  /**
   * Program output, under flow control: dropped (and counted) while the terminal is too far behind.
   * `droppedAfter`: characters the worker dropped right after this text (one write overflowed its buffer).
   */
  write(stream: StreamName, text: string, droppedAfter = 0): void {
    if (this._dropping || this._queued > this._options.highWater) {
      this._dropping = true;
      this._dropped += text.length + droppedAfter;
      return;
    }
    this._reportDropped();
    this._queue(stream === 'stderr' ? `${RED}${text}${RESET}` : text);
    if (droppedAfter > 0) {
      this._dropped += droppedAfter;
      this._reportDropped();
    }
  }

  /**
   * Writes text in red: the console's own, e.g. the traceback that ended a run. Never dropped, since it says why the
   * program stopped: it comes right after the notice of what was cut before it.
   */
  writeError(text: string): void {
    this._reportDropped();
    this._queue(`${RED}${text}${RESET}`);
  }

  /** A message from the console itself (not the program), in yellow on its own line; never dropped. */
  writeNotice(text: string): void {
    this._reportDropped();
    this._queue(noticeLine(text));
  }

  /**
   * Resolves once everything written so far has been parsed, a drop included: what was cut is reported now, since
   * the caller is about to show something after the output (a prompt).
   */
  flushed(): Promise<void> {
    this._reportDropped();
    return new Promise((resolve) => this._target.write('', resolve));
  }

  private _queue(data: string): void {
    this._queued += data.length;
    this._target.write(data, () => {
      this._queued -= data.length;
      if (this._dropping && this._queued < this._options.lowWater) this._reportDropped();
    });
  }

  /** Ends dropping: says how much was cut since the last notice, if anything was. */
  private _reportDropped(): void {
    this._dropping = false;
    if (this._dropped === 0) return;
    const count = this._dropped;
    this._dropped = 0;
    this._queue(noticeLine(`\r\n[… output cut: ${count.toLocaleString('en')} characters were not shown …]`));
  }
}
