/**
 * The two SharedArrayBuffers the page and worker share under cross-origin isolation. They carry what a message
 * cannot: while Python runs synchronously (or blocks in `input()`), the worker reads no messages.
 *
 * - Interrupt buffer: one Int32; the page stores SIGINT (2) and the runtime raises KeyboardInterrupt.
 * - Stdin mailbox: `[state, length]` as Int32 followed by the line as UTF-16 code units. The worker sets
 *   `WAITING` and sleeps in `Atomics.wait`; the page writes the text, then the state, then notifies.
 *   UTF-16 avoids TextEncoder, which is neither ES2022 nor usable on shared memory in every browser.
 */

export const SIGINT = 2;

export function createInterruptBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** Whether an interrupt is still waiting for the runtime to take it (taking it clears the buffer). */
export function interruptPending(buffer: SharedArrayBuffer): boolean {
  return Atomics.load(new Int32Array(buffer), 0) !== 0;
}

/** Asks the runtime to raise KeyboardInterrupt at its next check. */
export function raiseInterrupt(buffer: SharedArrayBuffer): void {
  const view = new Int32Array(buffer);
  Atomics.store(view, 0, SIGINT);
  // Wakes a time.sleep() in progress (the runtime sleeps on this buffer).
  Atomics.notify(view, 0);
}

const StdinState = {
  /** The worker waits for the page to answer. */
  Waiting: 0,
  /** A line is in the buffer. */
  Line: 1,
  /** End of input (Ctrl+D): Python sees EOF. */
  Eof: 2,
  /** The user interrupted while Python was waiting: the worker raises KeyboardInterrupt. */
  Interrupted: 3,
} as const;

const STATE = 0;
const LENGTH = 1;
const HEADER_BYTES = 2 * Int32Array.BYTES_PER_ELEMENT;
/** Longest line the mailbox carries, in UTF-16 code units (512 KiB); longer lines are cut. */
export const STDIN_CAPACITY = 256 * 1024;

export type StdinAnswer =
  { readonly kind: 'line'; readonly text: string } | { readonly kind: 'eof' } | { readonly kind: 'interrupted' };

export class StdinMailbox {
  private readonly _header: Int32Array;
  private readonly _text: Uint16Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this._header = new Int32Array(buffer, 0, 2);
    this._text = new Uint16Array(buffer, HEADER_BYTES);
  }

  static create(capacity: number = STDIN_CAPACITY): StdinMailbox {
    return new StdinMailbox(new SharedArrayBuffer(HEADER_BYTES + capacity * Uint16Array.BYTES_PER_ELEMENT));
  }

  /** Worker side: marks the mailbox empty. Call before announcing `input-request`, so no answer is lost. */
  prepare(): void {
    Atomics.store(this._header, STATE, StdinState.Waiting);
  }

  /** Worker side: blocks until the page answers. Only workers may call `Atomics.wait`. */
  waitForAnswer(): StdinAnswer {
    while (Atomics.load(this._header, STATE) === StdinState.Waiting) {
      Atomics.wait(this._header, STATE, StdinState.Waiting);
    }
    const state = Atomics.load(this._header, STATE);
    Atomics.store(this._header, STATE, StdinState.Waiting);
    if (state === StdinState.Eof) return { kind: 'eof' };
    if (state === StdinState.Interrupted) return { kind: 'interrupted' };
    const length = Atomics.load(this._header, LENGTH);
    let text = '';
    // Chunked so that String.fromCharCode never gets more arguments than the engine allows.
    for (let i = 0; i < length; i += 8192) {
      text += String.fromCharCode(...this._text.subarray(i, Math.min(length, i + 8192)));
    }
    return { kind: 'line', text };
  }

  /** Page side: answers with a line (without its newline). Returns false if the line was cut to fit. */
  sendLine(text: string): boolean {
    const length = Math.min(text.length, this._text.length);
    for (let i = 0; i < length; i++) this._text[i] = text.charCodeAt(i);
    Atomics.store(this._header, LENGTH, length);
    this._answer(StdinState.Line);
    return length === text.length;
  }

  /** Page side: answers with end of input. */
  sendEof(): void {
    this._answer(StdinState.Eof);
  }

  /** Page side: wakes a waiting worker so it raises KeyboardInterrupt. */
  sendInterrupt(): void {
    this._answer(StdinState.Interrupted);
  }

  private _answer(state: (typeof StdinState)[keyof typeof StdinState]): void {
    Atomics.store(this._header, STATE, state);
    Atomics.notify(this._header, STATE);
  }
}
