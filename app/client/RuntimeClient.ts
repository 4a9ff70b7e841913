/**
 * The page's handle on one runtime worker: spawns it, shares the interrupt and stdin buffers when the page is
 * cross-origin isolated, and exposes the protocol's requests as methods. One client per worker; restarting the
 * runtime means disposing this client and starting another.
 */
import {
  Channel,
  PROTOCOL_VERSION,
  RuntimeCrashedError,
  StdinMailbox,
  createInterruptBuffer,
  interruptPending,
  raiseInterrupt,
  type ReadyReply,
  type RunMode,
  type StdinAnswer,
  type ToWorker,
  type TurtleEvent,
} from '../../webworker/protocol';
import type { IDisposable } from '../lifecycle/Disposable';
import type { KeptWork } from './persistence';
import { connectStdinServiceWorker, type StdinServiceWorkerChannel } from './stdinServiceWorker';

export interface RuntimeClientOptions {
  /** Let the runtime use JS Promise Integration (default true; false forces the fallbacks, for tests). */
  readonly jspi?: boolean;
}

export class RuntimeClient implements IDisposable {
  readonly channel: Channel;
  private readonly _worker: Worker;
  private readonly _interruptBuffer: SharedArrayBuffer | null;
  private readonly _stdin: StdinMailbox | null;
  private readonly _jspi: boolean;
  private _stdinServiceWorker: StdinServiceWorkerChannel | null = null;
  private _ready: Promise<ReadyReply> | null = null;
  /** Resolves once `init` has been posted: later requests may be sent before its reply, never before it. */
  private readonly _initPosted: Promise<void>;
  private _markInitPosted: () => void = () => undefined;

  constructor(
    private readonly _indexURL: string,
    options: RuntimeClientOptions = {},
  ) {
    // Without isolation there is no SharedArrayBuffer: input() is answered by message while the worker suspends
    // Python (JSPI), or through a service worker where there is no JSPI either (see init); code that never waits
    // can only be stopped by a restart.
    const shared = globalThis.crossOriginIsolated && typeof SharedArrayBuffer !== 'undefined';
    this._jspi = options.jspi !== false && 'Suspending' in WebAssembly && 'promising' in WebAssembly;
    this._initPosted = new Promise((resolve) => (this._markInitPosted = resolve));
    this._interruptBuffer = shared ? createInterruptBuffer() : null;
    this._stdin = shared ? StdinMailbox.create() : null;
    this._worker = new Worker(new URL('../../webworker/worker.ts', import.meta.url), {
      type: 'module',
      name: 'pyrite-runtime',
    });
    const worker = this._worker;
    this.channel = new Channel(
      {
        postMessage: (message: ToWorker) => worker.postMessage(message),
        listen: (onData) => {
          const onMessage = (event: MessageEvent<unknown>): void => onData(event.data);
          worker.addEventListener('message', onMessage);
          return () => worker.removeEventListener('message', onMessage);
        },
      },
      { onProtocolError: (error) => console.error('pyrite:', error) },
    );
    // A worker that fails to load its script, or throws outside any request, is unusable.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.channel.close(new RuntimeCrashedError(`worker error: ${event.message || 'failed to start'}`));
    });
  }

  /** Whether `interrupt()` can stop running code in place; if not, the caller restarts the runtime. */
  get canInterrupt(): boolean {
    return this._interruptBuffer !== null;
  }

  /**
   * Whether the last interrupt is still untaken: Python takes it at its next check, so one still there after seconds
   * was sent to code that never checks (a loop inside a C function), not to a program that caught it.
   */
  get interruptPending(): boolean {
    return this._interruptBuffer !== null && interruptPending(this._interruptBuffer);
  }

  /** Starts the runtime's load (once: later calls return the same reply). */
  init(): Promise<ReadyReply> {
    this._ready ??= this._handshake();
    return this._ready;
  }

  private async _handshake(): Promise<ReadyReply> {
    if (!this._stdin && !this._jspi) this._stdinServiceWorker = await connectStdinServiceWorker();
    const ready = this.channel.request({
      kind: 'init',
      protocolVersion: PROTOCOL_VERSION,
      indexURL: this._indexURL,
      interruptBuffer: this._interruptBuffer,
      stdinBuffer: this._stdin?.buffer ?? null,
      stdinURL: this._stdinServiceWorker?.url ?? null,
      jspi: this._jspi,
    });
    this._markInitPosted();
    return ready;
  }

  /**
   * Puts back what the page kept (packages, working files) into this Python, before its first run; with
   * `watchFiles` the worker reports the working folder's changes from then on (`working-files` events). May be
   * called before `ready`: sent right after `init`, the worker serves it before its warm-up.
   */
  async restore(kept: KeptWork, watchFiles: boolean) {
    void this.init();
    await this._initPosted;
    return this.channel.request({
      kind: 'restore',
      sitePackages: kept.sitePackages?.data ?? null,
      files: kept.files,
      watchFiles,
    });
  }

  /** `filename` names the code in tracebacks (e.g. `<editor>`); by default the console numbers its inputs. */
  run(code: string, mode: RunMode = 'single', filename?: string) {
    return this.channel.request(
      filename === undefined ? { kind: 'run', code, mode } : { kind: 'run', code, mode, filename },
    );
  }

  check(source: string) {
    return this.channel.request({ kind: 'check', source });
  }

  complete(line: string, cursor: number) {
    return this.channel.request({ kind: 'complete', line, cursor });
  }

  reset() {
    return this.channel.request({ kind: 'reset' });
  }

  /** Writes a file into Python's working directory (the last component of `name`); resolves with its path. */
  writeFile(name: string, data: ArrayBuffer) {
    return this.channel.request({ kind: 'write-file', name, data });
  }

  /** The regular files in Python's working directory. */
  listFiles() {
    return this.channel.request({ kind: 'list-files' });
  }

  /** A file of Python's working directory, by a name `listFiles` gave. */
  readFile(name: string) {
    return this.channel.request({ kind: 'read-file', name });
  }

  /** Raises KeyboardInterrupt in running code: via shared memory for synchronous code, by message for `await`. */
  interrupt(): void {
    if (this._interruptBuffer) raiseInterrupt(this._interruptBuffer);
    this.channel.notify({ kind: 'interrupt' });
  }

  /** Tells Python the terminal's size (COLUMNS/LINES). */
  resize(columns: number, rows: number): void {
    this.channel.notify({ kind: 'resize', columns, rows });
  }

  /** A click or key on the turtle drawing: the turtle module's handlers run on Python's event loop. */
  turtleEvent(event: TurtleEvent): void {
    this.channel.notify({ kind: 'turtle-event', event });
  }

  /** Test hook: makes the runtime execute a wasm trap, so the worker reports `fatal`. */
  debugTrap(): void {
    this.channel.notify({ kind: 'debug-trap' });
  }

  /** Answers an `input-request`. Returns false if the line was too long and was cut. */
  answerInput(line: string): boolean {
    if (this._stdin) return this._stdin.sendLine(line);
    this._answer({ kind: 'line', text: line });
    return true;
  }

  answerEof(): void {
    if (this._stdin) this._stdin.sendEof();
    else this._answer({ kind: 'eof' });
  }

  /** Interrupts a worker waiting in `input()`: the read raises KeyboardInterrupt. */
  interruptInput(): void {
    if (this._stdin) this._stdin.sendInterrupt();
    else this._answer({ kind: 'interrupted' });
  }

  /** Without a mailbox: to the service worker the runtime worker waits on, or by message to a suspended worker. */
  private _answer(answer: StdinAnswer): void {
    if (this._stdinServiceWorker) this._stdinServiceWorker.send(answer);
    else this.channel.notify({ kind: 'input-answer', answer });
  }

  dispose(): void {
    this.channel.close();
    this._worker.terminate();
  }
}

/**
 * Spawns a runtime worker and starts its load at once. A page calls this before it builds its UI, so that
 * Python loads while the terminal and the rest are set up, and hands the client to its `ConsoleController`.
 */
export function startRuntime(indexURL: string, options: RuntimeClientOptions = {}): RuntimeClient {
  const client = new RuntimeClient(indexURL, options);
  // Whoever adopts the client awaits init() and reports a failure; until then it must not count as unhandled.
  client.init().catch(() => undefined);
  return client;
}
