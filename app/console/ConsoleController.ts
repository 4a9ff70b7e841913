/**
 * The read-eval-print loop of the console page. It reads statements with the line editor (asking the worker
 * whether a block needs more lines), runs them, and routes the worker's events (output, load progress, input
 * requests, fatal errors) to the terminal and the status indicator. It owns the runtime client and replaces it
 * on restart. When a booted runtime crashes it starts a fresh one by itself (history, kept in the browser, is
 * not lost); a runtime that fails to load leaves the console read-only until the user presses Restart.
 */
import type { Terminal } from '@xterm/xterm';
import {
  ChannelClosedError,
  PythonError,
  type RestoredReply,
  RuntimeCrashedError,
  assertNever,
  type FileEntry,
  type PythonErrorData,
  type GraphicsCommand,
  type ReadyReply,
  type RunMode,
  type StreamName,
  type TurtleEvent,
  type WorkerEvent,
} from '../../webworker/protocol';
import { Disposable, Emitter, MutableDisposable, toDisposable } from '../lifecycle/Disposable';
import { RuntimeClient } from '../client/RuntimeClient';
import { notKeptLine, NOT_STORED_LINE, restoredLine, WorkKeeper, type KeptWork } from '../client/persistence';
import { highlightPython } from '../terminal/highlightPython';
import { AbovePromptWriter } from '../terminal/AbovePrompt';
import { History, type HistoryStore } from '../terminal/History';
import { LineEditor, type CompletionResult, type ReadResult } from '../terminal/LineEditor';
import { TabFocus } from '../terminal/TabFocus';
import { noticeLine, OutputSink } from '../terminal/OutputSink';
import { exitNotice } from './exitNotice';
import { describeFailure, formatBytes } from '../ui/files';
import type { StatusIndicator } from '../ui/StatusIndicator';

/** CPython's prompts, until the program sets its own (`sys.ps1`, `sys.ps2`). */
const DEFAULT_PROMPTS = { ps1: '>>> ', ps2: '... ' } as const;

export interface ConsoleControllerOptions {
  /** URL of the folder with the runtime's build outputs (public/pyrite/). */
  readonly indexURL: string;
  /** Let the runtime use JS Promise Integration (default true; the page's `?nojspi` turns it off, for tests). */
  readonly jspi?: boolean;
  readonly status: StatusIndicator;
  /** Where history is kept between page loads (usually `localStorage`); null keeps it in memory only. */
  readonly store?: HistoryStore | null;
  /** Prefix of the storage keys, so each page or embed keeps its own history (default `pyrite:console:`). */
  readonly storagePrefix?: string;
  /** Colour the code being typed (default true). */
  readonly highlight?: boolean;
  /**
   * A runtime already loading (`startRuntime`, called before the page built its UI, so that Python loads
   * meanwhile): the first boot adopts it instead of starting another. Its `indexURL` and `jspi` are its own.
   */
  readonly started?: RuntimeClient;
  /**
   * What each new Python gets back (packages, and the working folder's files if it keeps them); default: the
   * packages installed, in page memory, across restarts only.
   */
  readonly keeper?: WorkKeeper;
}

/** How a program run with `runProgram` ended: `error` is the Python exception, or null if the run never finished. */
export type ProgramOutcome = { readonly ok: true } | { readonly ok: false; readonly error: PythonErrorData | null };

export interface ProgramOptions {
  /** `exec` (default) runs a file; `single` echoes expression values, as the prompt does (running a selection). */
  readonly mode?: RunMode;
  /** Print a dim `# running <filename>` line first (default true). */
  readonly echo?: boolean;
}

interface QueuedProgram {
  readonly code: string;
  readonly filename: string;
  readonly options: ProgramOptions;
  readonly resolve: (outcome: ProgramOutcome) => void;
}

/** An interrupt sent to `client`: what it was meant to stop, and whether the console said that it did not. */
interface StopAttempt {
  readonly client: RuntimeClient;
  /** Whether what the interrupt was meant to stop still goes on. */
  readonly stillGoing: () => boolean;
  /** The console said that the code did not stop: the next Stop or Ctrl+C restarts Python. */
  unstoppable: boolean;
}

/** Automatic restarts after crashes allowed within CRASH_WINDOW_MS; beyond that the user presses Restart. */
const MAX_AUTO_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;
/** Without shared memory, how long Stop waits for running code to take the interrupt before restarting. */
const STOP_GRACE_MS = 1_000;
/**
 * With shared memory, how long an interrupt may go untaken before the console says that the code cannot be
 * interrupted (a loop inside a C function never checks for signals) and that pressing again restarts Python. Longer
 * than the embed's Reset waits before it restarts Python itself, so a Reset does not show this notice first.
 */
const UNINTERRUPTED_NOTICE_MS = 4_000;
/** The largest file the console uploads into Python's (in-memory) file system. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export class ConsoleController extends Disposable {
  private readonly _editor: LineEditor;
  private readonly _sink: OutputSink;
  /** Output that comes while the user is at the prompt (background tasks): printed above the line being edited. */
  private readonly _aboveWriter: AbovePromptWriter;
  private readonly _aboveSink: OutputSink;
  private readonly _history: History;
  private readonly _crashTimes: number[] = [];
  private readonly _client = this._register(new MutableDisposable<RuntimeClient>());
  /** The runtime the page started before the controller existed, until the first boot adopts it. */
  private _started: RuntimeClient | null;
  /** Resolves with the booted client, or null if it failed; replaced on every restart. */
  private _ready: Promise<RuntimeClient | null> = Promise.resolve(null);
  private _wakeAfterCrash: (() => void) | null = null;
  private _crashedClient: RuntimeClient | null = null;
  private _running = false;
  /** Python waits in input() and the console is about to read its answer (the output before it is being drawn). */
  private _inputStarting = false;
  /** Ctrl+C or Stop came while `_inputStarting`: the answer is an interrupt. */
  private _inputInterrupted = false;
  /** Counts runs, so a delayed stop can tell whether the run it meant is still the one going. */
  private _runCount = 0;
  private readonly _stopTimer = this._register(new MutableDisposable());
  /** The last interrupt sent, while its notice timer runs or after it said that the code did not stop. */
  private _stop: StopAttempt | null = null;
  private readonly _bootedClients = new WeakSet<RuntimeClient>();
  /** The editor's completion request the worker has not answered yet (`complete`). */
  private _outsideCompletion: Promise<unknown> | null = null;
  private _lastError: PythonErrorData | null = null;
  private readonly _onError = this._register(new Emitter<PythonErrorData>());
  /** A Python exception reached the console, as data (type, message, the user's frames, formatted text). */
  readonly onError = this._onError.event;
  private readonly _onOutput = this._register(new Emitter<{ stream: StreamName; text: string }>());
  /** Program output, as the worker sent it (the embed page forwards it to its host). */
  readonly onOutput = this._onOutput.event;
  private readonly _onGraphics = this._register(new Emitter<readonly GraphicsCommand[]>());
  /** Drawing commands of the `turtle` module (the canvas panel draws them). */
  readonly onGraphics = this._onGraphics.event;
  /** Programs waiting to run (the editor's Run); the loop runs them before reading the next statement. */
  private readonly _programs: QueuedProgram[] = [];
  /** What was typed at the prompt runProgram put aside (null: none was). */
  private _promptSetAside: string | null = null;
  /** The prompts Python set (`str(sys.ps1)`, `str(sys.ps2)`); a new runtime starts from the defaults. */
  private _prompts: { readonly ps1: string; readonly ps2: string } = DEFAULT_PROMPTS;
  private readonly _keeper: WorkKeeper;
  /** Whether a runtime has been started: only the page's first one says what came back from the last visit. */
  private _bootedBefore = false;

  constructor(
    private readonly _terminal: Terminal,
    private readonly _options: ConsoleControllerOptions,
  ) {
    super();
    this._history = new History({
      store: _options.store ?? null,
      key: `${_options.storagePrefix ?? 'pyrite:console:'}history`,
    });
    this._started = _options.started ?? null;
    this._keeper = _options.keeper ?? new WorkKeeper({ storage: null });
    this._register(this._keeper.onNotStored(() => void this.noticeAbove(NOT_STORED_LINE)));
    // A started runtime the controller never adopted (disposed before start()) must not outlive it.
    this._register(toDisposable(() => this._started?.dispose()));
    this._editor = this._register(new LineEditor());
    _terminal.loadAddon(this._editor);
    // Escape then Tab, or Ctrl+M, lets keyboard users leave the console, where Tab completes.
    _terminal.loadAddon(this._register(new TabFocus(() => this._editor.escapeEndsSomething)));
    this._sink = new OutputSink(_terminal);
    this._aboveWriter = this._register(new AbovePromptWriter((text) => this._editor.printAbove(text)));
    this._aboveSink = new OutputSink(this._aboveWriter);
    this._register(this._editor.onIdleInterrupt(() => this.interrupt()));
    this._register(_terminal.onResize(({ cols, rows }) => this._client.value?.resize(cols, rows)));
  }

  /** The last Python exception shown, as data. */
  get lastError(): PythonErrorData | null {
    return this._lastError;
  }

  /** The history of inputs (blocks are one entry), newest last. */
  get history(): readonly string[] {
    return this._history.entries;
  }

  /** Clears the screen and scrollback; a prompt being edited stays, at the top. */
  clear(): void {
    this._editor.clearScreen();
  }

  /** A click or key on the turtle drawing, for the turtle module's handlers (ignored while no runtime is up). */
  sendTurtleEvent(event: TurtleEvent): void {
    this._client.value?.turtleEvent(event);
  }

  /**
   * What Tab at the prompt offers for `line` up to `cursor` (names of the last runs, modules after `import`,
   * attributes after `obj.`), for the editor's suggestions. Null unless Python is idle: running or waiting in
   * input() (completing `obj.attr` runs user code, and a busy worker would answer only after the run), starting,
   * crashed, or still on the previous such request (one that never returns is not joined by more). `signal` gives up
   * on the answer (null); unlike Ctrl+C at the prompt it does not interrupt Python, as the editor gives up often.
   */
  complete(line: string, cursor: number, signal?: AbortSignal): Promise<CompletionResult | null> {
    const client = this._client.value;
    const busy = this._running || this._programs.length > 0 || this._outsideCompletion !== null;
    if (!client || !this._bootedClients.has(client) || client === this._crashedClient || busy || signal?.aborted) {
      return Promise.resolve(null);
    }
    const answer = client.complete(line, cursor).catch(() => null);
    const pending = answer.finally(() => {
      if (this._outsideCompletion === pending) this._outsideCompletion = null;
    });
    this._outsideCompletion = pending;
    if (!signal) return answer;
    const gaveUp = new Promise<null>((resolve) =>
      signal.addEventListener('abort', () => resolve(null), { once: true }),
    );
    return Promise.race([answer, gaveUp]);
  }

  /** Test hook (the page offers it with `?debug`): the runtime executes a wasm trap, as a runtime bug would. */
  debugTrap(): void {
    this._client.value?.debugTrap();
  }

  /**
   * Runs a whole program (the editor's file) in the console's namespace, compiled as `filename` so tracebacks
   * name it. Output and errors appear in the console. A prompt waiting for input is put aside and shown again
   * afterwards; while a statement runs, the program waits for it.
   */
  runProgram(code: string, filename: string, options: ProgramOptions = {}): Promise<ProgramOutcome> {
    return new Promise((resolve) => {
      this._programs.push({ code, filename, options, resolve });
      this._setPromptAside();
    });
  }

  private _setPromptAside(): void {
    if (this._running || !this._editor.isReading || this._programs.length === 0) return;
    const typed = this._editor.currentInput;
    if (typed === null) {
      setTimeout(() => this._setPromptAside(), 10); // the prompt is still being written
      return;
    }
    this._promptSetAside = typed;
    this._editor.cancel();
  }

  /** Empties the session namespace (a fresh `__main__`) without restarting the runtime. */
  async resetNamespace(): Promise<void> {
    const client = await this._ready;
    await client?.reset();
  }

  /** Boots the runtime and runs the loop until the controller is disposed. */
  start(): void {
    this._ready = this._boot();
    void this._loop();
  }

  /** Stops running code: KeyboardInterrupt in place when possible, otherwise by restarting the runtime. */
  interrupt(): void {
    const client = this._client.value;
    if (!client || !this._running) return;
    this._editor.discardTypeAhead();
    if (this._editor.isReading) {
      this._editor.interrupt(); // waiting in input(): the read ends as Ctrl+C, which interrupts the input
    } else if (this._inputStarting) {
      // Python waits in input() but the output before its prompt is still being drawn: the read, once it would
      // start, ends as interrupted instead (not a Stop of running code, which without isolation restarts Python).
      this._inputInterrupted = true;
    } else {
      const run = this._runCount;
      this._interruptOrRestart(client, () => this._running && this._runCount === run, 'Stopped.', 'The program');
    }
  }

  /**
   * Interrupts what the worker runs. Without shared memory, code waiting in await or time.sleep() takes the message
   * and stops in place, but code that never waits cannot read it: Python is restarted (saying `what` first) if
   * `stillGoing()` says so shortly after. With shared memory any Python code takes the interrupt, but a loop inside
   * a C function (`sum(itertools.count())`) never looks: if `subject` still goes on a few seconds later the console
   * says so, and the next Stop or Ctrl+C restarts Python (never by itself: the loop may yet end).
   */
  private _interruptOrRestart(client: RuntimeClient, stillGoing: () => boolean, what: string, subject: string): void {
    const previous = this._stop;
    if (previous?.client === client && previous.stillGoing()) {
      if (previous.unstoppable) {
        this.restart(`Restarted Python, since ${subject.toLowerCase()} did not stop; variables are lost.`);
        return;
      }
      client.interrupt(); // pressed again before the notice: its timer still runs, from the first press
      return;
    }
    client.interrupt();
    const stop: StopAttempt = { client, stillGoing, unstoppable: false };
    this._stop = stop;
    const current = (): boolean => !this.isDisposed && this._client.value === client && this._stop === stop;
    const timer = client.canInterrupt
      ? setTimeout(() => {
          if (!current() || !stillGoing()) return;
          if (!client.interruptPending) {
            // Taken by a program that caught KeyboardInterrupt and goes on: a next press is a new interrupt.
            this._stop = null;
            return;
          }
          stop.unstoppable = true;
          const text =
            `${subject} did not stop: it is busy in code that cannot be interrupted (a loop inside a C function). ` +
            'Press Stop or Ctrl+C again to restart Python; variables are lost.';
          if (this._editor.isReading) void this.noticeAbove(text);
          else this._sink.writeNotice(`\r\n${text}`);
        }, UNINTERRUPTED_NOTICE_MS)
      : setTimeout(() => {
          if (!current() || !stillGoing()) return;
          this.restart(
            `${what} This page is not cross-origin isolated, so stopping restarts Python; variables are lost.`,
          );
        }, STOP_GRACE_MS);
    this._stopTimer.value = toDisposable(() => clearTimeout(timer));
  }

  /**
   * Ctrl+C at the prompt while a completion the console said cannot be interrupted still holds the worker: restarts
   * Python, as a second Ctrl+C does for a program. True if it did.
   */
  private _restartIfUnstoppable(client: RuntimeClient): boolean {
    const stop = this._stop;
    if (stop?.client !== client || !stop.unstoppable || !stop.stillGoing()) return false;
    this.restart('Restarted Python, since the completion did not stop; variables are lost.');
    return true;
  }

  /** Writes a notice for the user (in yellow) to the console. */
  notice(text: string): void {
    this._sink.writeNotice(text);
  }

  /**
   * Puts a file the user chose into Python's working directory and says where, above the prompt being edited (or
   * why not). Python takes it when it is not running a program.
   */
  async uploadFile(file: File): Promise<void> {
    if (file.size > MAX_UPLOAD_BYTES) {
      const sizes = `it is ${formatBytes(file.size)}, over ${formatBytes(MAX_UPLOAD_BYTES)}`;
      await this.noticeAbove(`${file.name} was not uploaded: ${sizes}.`);
      return;
    }
    let message: string;
    try {
      const written = await (await this._runningClient()).writeFile(file.name, await file.arrayBuffer());
      message = `Uploaded ${file.name} (${formatBytes(written.bytes)}) to ${written.path}`;
    } catch (error) {
      message = `${file.name} was not uploaded: ${describeFailure(error)}`;
    }
    await this.noticeAbove(message);
  }

  /** The files in Python's working folder, for the user to download one. */
  async listFiles(): Promise<{ readonly folder: string; readonly files: readonly FileEntry[] }> {
    const { folder, files } = await (await this._runningClient()).listFiles();
    return { folder, files };
  }

  /** A file of Python's working folder, by a name `listFiles` gave. */
  async readFile(name: string): Promise<ArrayBuffer> {
    return (await (await this._runningClient()).readFile(name)).data;
  }

  /** The runtime once it has started; throws if it could not. */
  private async _runningClient(): Promise<RuntimeClient> {
    const client = await this._ready;
    if (!client) throw new Error('Python is not running');
    return client;
  }

  /** A notice that may come while the user edits a line: printed above it, and the line shown again. */
  noticeAbove(text: string): Promise<void> {
    return this._editor.printAbove(noticeLine(text));
  }

  /** Replaces the worker with a fresh one: a clean namespace, and the way out of a crash or a stuck program. */
  restart(notice = 'Restarted Python; variables are lost.'): void {
    this._aboveWriter.flush();
    this._stop = null; // what it was meant to stop goes with the old worker
    this._stopTimer.clear();
    this._editor.cancel();
    this._editor.discardTypeAhead();
    this._sink.writeNotice(`\r\n${notice}`);
    this._ready = this._boot();
    this._wakeAfterCrash?.();
  }

  private async _boot(): Promise<RuntimeClient | null> {
    const status = this._options.status;
    status.set(this._client.value ? 'restarting' : 'loading');
    const started = this._started;
    this._started = null;
    const client = started ?? new RuntimeClient(this._options.indexURL, { jspi: this._options.jspi });
    this._client.value = client; // disposes the previous client, which rejects its pending requests
    this._prompts = DEFAULT_PROMPTS;
    const firstBoot = !this._bootedBefore;
    this._bootedBefore = true;
    void this._pumpEvents(client);
    // Sent as soon as the kept work is read (while Python loads), without waiting for ready: the worker then serves it
    // right after init, before its warm-up, which would otherwise hold the prompt back.
    const restoring = this._keeper.load().then((kept) => this._restore(client, kept));
    restoring.catch(() => undefined); // awaited below, unless init failed first
    try {
      const ready = await client.init();
      if (this._client.value !== client) return null;
      const restored = await restoring;
      if (this._client.value !== client) return null;
      this._bootedClients.add(client);
      client.resize(this._terminal.cols, this._terminal.rows);
      this._writeBanner(ready);
      const line = firstBoot && restored ? restoredLine(restored) : null;
      if (line) this._terminal.write(`\x1b[2m${line}\x1b[0m\r\n`);
      if (restored && restored.failed.length > 0) {
        this._sink.writeNotice(`Could not put back in the working folder: ${restored.failed.join(', ')}`);
      }
      status.set('ready');
      return client;
    } catch (error) {
      if (this._client.value === client) this._crashed(client, describe(error));
      return null;
    }
  }

  /**
   * Gives the new Python what the keeper has, before its first run. A failure of our own (not a crash) leaves it
   * without: the console starts as it would with nothing kept.
   */
  private async _restore(client: RuntimeClient, kept: KeptWork): Promise<RestoredReply | null> {
    try {
      return await client.restore(kept, this._keeper.keepsFiles);
    } catch (error) {
      if (error instanceof RuntimeCrashedError || error instanceof ChannelClosedError) throw error;
      console.error('pyrite: could not put back the files and packages kept', error);
      return null;
    }
  }

  private async _loop(): Promise<void> {
    while (!this.isDisposed) {
      const client = await this._ready;
      if (client !== null && this._client.value !== client) continue; // restarted while booting
      if (client === null || client === this._crashedClient) {
        // Read-only until the user restarts.
        await new Promise<void>((wake) => (this._wakeAfterCrash = wake));
        continue;
      }
      try {
        const program = this._programs.shift();
        if (program) {
          await this._runQueued(client, program);
          continue;
        }
        const source = await this._readStatement(client);
        if (source !== null) await this._execute(client, source);
      } catch (error) {
        if (!(error instanceof ChannelClosedError) && !(error instanceof RuntimeCrashedError)) {
          this._sink.writeError(`Console error: ${describe(error)}\n`);
        }
      }
    }
  }

  /** Reads one statement (a block, when it needs more lines); null when the input was abandoned. */
  private async _readStatement(client: RuntimeClient): Promise<string | null> {
    const result = await this._editor.readLine({
      prompt: this._prompts.ps1,
      // Drawn before every further line of the block, so it must stay on one line.
      continuationPrompt: this._prompts.ps2.replace(/[\r\n]/gu, ''),
      history: this._history,
      complete: (line, cursor, signal) => this._complete(client, line, cursor, signal),
      check: async (source) => (await client.check(source)).status,
      highlight: this._options.highlight === false ? undefined : highlightPython,
    });
    if (this._client.value !== client || client === this._crashedClient) return null;
    if (result.kind === 'interrupt' && this._promptSetAside !== null) {
      // Cancelled by runProgram: an empty prompt is erased, a typed one stays on its line.
      const typed = this._promptSetAside;
      this._promptSetAside = null;
      this._terminal.write(typed ? '\r\n' : '\r\x1b[2K');
      return null;
    }
    if (result.kind === 'interrupt') {
      if (this._restartIfUnstoppable(client)) return null;
      this._sink.writeError('KeyboardInterrupt\n');
      return null;
    }
    if (result.kind === 'eof') {
      this._sink.writeNotice('(Ctrl+D) The console stays open; use Restart to reset Python.');
      return null;
    }
    return result.text.trim() === '' ? null : result.text;
  }

  /**
   * Asks the worker for completions. Completing `obj.attr.` evaluates `obj.attr`, which is user code and may never
   * return: Ctrl+C (the signal) interrupts it, or, where the worker cannot be interrupted, restarts Python.
   */
  private async _complete(
    client: RuntimeClient,
    line: string,
    cursor: number,
    signal: AbortSignal,
  ): Promise<CompletionResult> {
    let settled = false;
    const stop = (): void =>
      this._interruptOrRestart(client, () => !settled, 'Stopped the completion.', 'The completion');
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await client.complete(line, cursor);
    } finally {
      settled = true;
      signal.removeEventListener('abort', stop);
    }
  }

  private async _runQueued(client: RuntimeClient, program: QueuedProgram): Promise<void> {
    let outcome: ProgramOutcome = { ok: false, error: null };
    try {
      this._aboveWriter.flush();
      if (program.options.echo !== false) this._terminal.write(`\x1b[2m# running ${program.filename}\x1b[0m\r\n`);
      const error = await this._execute(client, program.code, program.options.mode ?? 'exec', program.filename);
      outcome = error ? { ok: false, error } : { ok: true };
    } finally {
      program.resolve(outcome);
    }
  }

  /** Runs one input; resolves with the Python exception it raised, if any. */
  private async _execute(
    client: RuntimeClient,
    source: string,
    mode: RunMode = 'single',
    filename?: string,
  ): Promise<PythonErrorData | null> {
    // Output from before the run goes first: it would otherwise be printed above the run's, out of order.
    this._aboveWriter.flush();
    this._running = true;
    this._runCount++;
    this._options.status.set('running');
    try {
      await client.run(source, mode, filename);
    } catch (error) {
      if (error instanceof PythonError && error.type === 'SystemExit') {
        // exit(), quit(), sys.exit(): the session ends, as in CPython; a hosted console starts a fresh one.
        this._running = false;
        await this._sink.flushed();
        this.restart(exitNotice(error.message));
        return null;
      }
      if (error instanceof PythonError) {
        const data: PythonErrorData = {
          kind: 'python',
          type: error.type,
          message: error.message,
          frames: error.frames,
          formatted: error.formatted,
        };
        this._lastError = data;
        this._onError.fire(data);
        this._sink.writeError(error.formatted);
        return data;
      } else throw error;
    } finally {
      this._running = false;
      // Ready once the output is on screen: after a flood the terminal may still be parsing for seconds.
      await this._sink.flushed();
      if (this._client.value === client && this._crashedClient !== client) {
        this._options.status.set('ready');
      }
    }
    return null;
  }

  private async _pumpEvents(client: RuntimeClient): Promise<void> {
    for await (const event of client.channel.events) this._onEvent(client, event);
    // The event stream ends when the channel closes: on purpose (restart) or because the worker died.
    if (this._client.value === client && !this.isDisposed) this._crashed(client, 'the worker stopped unexpectedly');
  }

  private _onEvent(client: RuntimeClient, event: WorkerEvent): void {
    switch (event.kind) {
      case 'stream': {
        // At the prompt (no run going) the output comes from background work: above the line being typed.
        const sink = this._running || !this._editor.isReading ? this._sink : this._aboveSink;
        sink.write(event.stream, event.text, event.dropped);
        this._onOutput.fire({ stream: event.stream, text: event.text });
        return;
      }
      case 'graphics':
        this._onGraphics.fire(event.commands);
        return;
      case 'progress':
        this._options.status.progress(event.phase, event.loaded, event.total);
        return;
      case 'input-request':
        void this._answerInput(client, event.echo !== false);
        return;
      case 'fatal':
        this._crashed(client, `${event.reason} (${event.detail})`);
        return;
      case 'site-packages':
        void this._keeper.keepSitePackages(event);
        return;
      case 'working-files':
        void this._keeper.keepFiles(event).then((skipped) => {
          if (skipped.length > 0 && !this.isDisposed) void this.noticeAbove(notKeptLine(skipped));
        });
        return;
      case 'prompts':
        if (this._client.value === client) this._prompts = { ps1: event.ps1, ps2: event.ps2 };
        return;
      default:
        assertNever(event);
    }
  }

  /**
   * Python is blocked in input(): read the answer inline, right after the prompt it printed; without showing it
   * when `echo` is false (a password).
   */
  private async _answerInput(client: RuntimeClient, echo: boolean): Promise<void> {
    this._options.status.set('input');
    this._inputStarting = true;
    this._inputInterrupted = false;
    try {
      await this._sink.flushed();
    } finally {
      this._inputStarting = false;
    }
    let result: ReadResult;
    if (this._inputInterrupted) {
      this._terminal.write('^C\r\n'); // as the editor shows an interrupted read
      result = { kind: 'interrupt' };
    } else {
      result = await this._editor.readLine({ prompt: '', echo });
    }
    this._inputInterrupted = false;
    if (this._client.value !== client) return;
    if (result.kind === 'line') {
      if (!client.answerInput(result.text)) this._sink.writeNotice('[input line was too long and was cut]');
    } else if (result.kind === 'eof') {
      client.answerEof();
    } else {
      client.interruptInput();
    }
    if (this._running) this._options.status.set('running');
  }

  private _crashed(client: RuntimeClient, detail: string): void {
    if (this._crashedClient === client) return;
    const wasReady = this._bootedClients.has(client);
    this._crashedClient = client;
    this._options.status.set('crashed', detail);
    this._editor.cancel();
    client.channel.close(new RuntimeCrashedError(detail));
    const now = Date.now();
    while (this._crashTimes.length > 0 && now - (this._crashTimes[0] ?? 0) > CRASH_WINDOW_MS) this._crashTimes.shift();
    if (wasReady && this._crashTimes.length < MAX_AUTO_RESTARTS) {
      this._crashTimes.push(now);
      this._sink.writeNotice(`\r\nPython stopped working: ${detail}`);
      this.restart('Started a fresh Python; variables are lost, your input history is kept.');
      return;
    }
    this._sink.writeNotice(`\r\nPython stopped working: ${detail}\r\nPress Restart to start a fresh runtime.`);
  }

  private _writeBanner(ready: ReadyReply): void {
    // CPython's banner, then a line about where this Python runs.
    this._terminal.write(
      `Python ${ready.pythonVersion} on ${ready.platform}\r\n` +
        'Type "help", "copyright", "credits" or "license" for more information.\r\n' +
        `\x1b[2mPyrite ${ready.runtimeVersion}: CPython in your browser. Tab completes, Ctrl+R searches history, ` +
        'Ctrl+C stops.\x1b[0m\r\n',
    );
    if (!ready.capabilities.blockingInput) {
      this._sink.writeNotice(
        'This page is not cross-origin isolated: input() reads end of file, and Stop restarts Python.',
      );
    } else if (!ready.capabilities.interrupt) {
      this._sink.writeNotice(
        'This page is not cross-origin isolated: Stop restarts Python when the running code never waits.',
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
