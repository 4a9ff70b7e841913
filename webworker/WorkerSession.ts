/**
 * Serves the protocol inside the worker: validates each message, runs requests one at a time in arrival order,
 * and always answers a request, with its reply or an `error` reply. After a fatal error it stops serving and
 * answers every request with `crashed`.
 */
import { GraphicsBatcher } from './GraphicsBatcher';
import { InterruptFlag } from './InterruptFlag';
import { OutputBatcher } from './OutputBatcher';
import { PythonConsole, type Prompts } from './PythonConsole';
import {
  PROTOCOL_VERSION,
  StdinMailbox,
  assertNever,
  isStdinAnswer,
  type StdinAnswer,
  type TurtleEvent,
  parseToWorker,
  type ErrorData,
  type FromWorker,
  type InitRequest,
  type InputRequestEvent,
  type KeptFile,
  type ReadyReply,
  type RestoredReply,
  type RestoreRequest,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import { isRuntimePythonError, runtimeExitStatus, type LoadProgress, type RuntimeApi } from './runtime/api';
import { loadRuntime } from './runtime/loadRuntime';

type State = 'new' | 'loading' | 'ready' | 'dead';

const PROGRESS_INTERVAL_MS = 50;
const NO_INPUT_MESSAGE =
  'input() needs a cross-origin isolated page (SharedArrayBuffer) or a browser with JSPI; reading end of file ' +
  'instead.\n';

class RequestRefused extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

export class WorkerSession {
  private readonly _output: OutputBatcher;
  private readonly _graphics: GraphicsBatcher;
  private _state: State = 'new';
  private _console: PythonConsole | null = null;
  private _interrupts: InterruptFlag | null = null;
  private _stdin: StdinMailbox | null = null;
  /** Without mailbox and JSPI: where a synchronous request waits for the answer (the page's service worker). */
  private _stdinURL: string | null = null;
  /** The service worker once failed to answer a time.sleep() request; later sleeps wait on the clock. */
  private _timerUnanswered = false;
  /** Without a mailbox: the pending `input()` (Python suspended, JSPI), answered by an `input-answer` message. */
  private _pendingInput: ((answer: StdinAnswer) => void) | null = null;
  private _queue: Promise<void> = Promise.resolve();
  private _running = false;
  /** Set when the user ended an `input()` with Ctrl+C; Python's stdin wrapper takes it and raises KeyboardInterrupt. */
  private _inputInterrupted = false;
  /** False while Python reads a password (the console's getpass): the page does not show what is typed. */
  private _inputEcho = true;
  /** The bytes of the `write-file` being served, until Python has taken them. */
  private _upload: Uint8Array | null = null;
  /** The zip of site-packages Python handed over after a run that changed it (site_packages_change). */
  private _sitePackages: Uint8Array | null = null;
  /** The files of the `restore` being served, until Python has written them (`take_kept_file`). */
  private _restoring: readonly KeptFile[] = [];
  /** Whether the page asked for the working folder's changes (`restore`'s `watchFiles`). */
  private _watchingFiles = false;
  /** The bytes of the working folder's changed files, as Python hands them over for a `working-files` event. */
  private _keptFilesOut: Uint8Array[] = [];
  /** The bytes of the `read-file` being served, once Python has handed them over. */
  private _download: Uint8Array | null = null;
  private _lastProgressAt = 0;
  private _terminalSize: { columns: number; rows: number } | null = null;
  private _api: RuntimeApi | null = null;
  private _lastPhase = '';
  /** The prompts last sent to the page; it starts from CPython's. */
  private _prompts: Prompts = { ps1: '>>> ', ps2: '... ' };

  constructor(private readonly _post: (message: FromWorker) => void) {
    this._output = new OutputBatcher((event) => _post(event));
    this._graphics = new GraphicsBatcher((event) => _post(event));
  }

  receive(data: unknown): void {
    const parsed = parseToWorker(data);
    if (!parsed.ok) {
      this._post({ kind: 'error', id: parsed.id, error: { kind: 'protocol', message: parsed.error } });
      return;
    }
    const message = parsed.message;
    if (message.kind === 'interrupt') {
      this._interruptAwait();
      return;
    }
    if (message.kind === 'turtle-event') {
      this._turtleEvent(message.event);
      return;
    }
    if (message.kind === 'input-answer') {
      this._answerInput(message.answer);
      return;
    }
    if (message.kind === 'resize') {
      this._terminalSize = { columns: message.columns, rows: message.rows };
      this._applyTerminalSize();
      return;
    }
    if (message.kind === 'debug-trap') {
      this._queue = this._queue.then(() => this._debugTrap());
      return;
    }
    if (message.kind === 'run') this._interrupts?.runReceived();
    this._queue = this._queue.then(() => this._serve(message));
  }

  private async _serve(request: WorkerRequest): Promise<void> {
    let reply: WorkerReply;
    try {
      reply = await this._dispatch(request);
    } catch (error) {
      reply = { kind: 'error', id: request.id, error: this._describe(error) };
      if (isFatal(error)) this._die('runtime crashed', error);
    }
    // Output produced by the request goes out before its reply.
    this._output.flush();
    this._graphics.flush();
    this._post(reply);
    if (request.kind === 'run') this._reportSitePackages();
    // After a restore only if it wrote files (a report settles what the page keeps); a fresh folder is empty.
    const mayHaveChanged =
      request.kind === 'run' ||
      request.kind === 'write-file' ||
      (request.kind === 'restore' && request.files.length > 0);
    if (this._watchingFiles && mayHaveChanged) this._reportWorkingFiles();
  }

  /**
   * After a run, an upload or a restore (once the page asked to watch the working folder): what changed there, if
   * anything. Python compares a listing of sizes and times, so an unchanged folder costs no file reads.
   */
  private _reportWorkingFiles(): void {
    const py = this._console;
    if (!py || this._state !== 'ready') return;
    this._keptFilesOut = [];
    try {
      const change = py.workingFilesChange();
      if (!change.changed) return;
      const contents = this._keptFilesOut;
      if (contents.length !== change.files.length) throw new Error('the working files and their bytes differ');
      const changed = change.files.map((file, index): KeptFile => ({
        path: file.path,
        mtimeMs: file.mtimeMs,
        data: (contents[index] ?? new Uint8Array(0)).buffer as ArrayBuffer,
      }));
      this._post({ kind: 'working-files', changed, removed: change.removed, skipped: change.skipped });
    } catch (error) {
      if (isFatal(error)) this._die('runtime crashed', error);
      else console.error('pyrite worker: could not report the working folder', error);
    } finally {
      this._keptFilesOut = [];
    }
  }

  /** After a run: the prompts to show next, when the run changed them (sys.ps1 = 'py> '). */
  private _reportPrompts(prompts: Prompts): void {
    if (prompts.ps1 === this._prompts.ps1 && prompts.ps2 === this._prompts.ps2) return;
    this._prompts = prompts;
    this._post({ kind: 'prompts', ps1: prompts.ps1, ps2: prompts.ps2 });
  }

  /** After a run: if it installed or removed packages, the page gets site-packages to keep for a restart. */
  private _reportSitePackages(): void {
    const py = this._console;
    if (!py || this._state !== 'ready') return;
    try {
      const change = py.sitePackagesChange();
      if (!change.changed) return;
      const archive = this._sitePackages;
      this._sitePackages = null;
      const data = archive ? (archive.buffer as ArrayBuffer) : null;
      this._post({ kind: 'site-packages', data, packages: change.packages });
    } catch (error) {
      if (isFatal(error)) this._die('runtime crashed', error);
      else console.error('pyrite worker: could not report the installed packages', error);
    }
  }

  /**
   * The packages and working files the page kept, before the first run. A failure is said (packages, on stderr) or
   * reported in the reply (files), never fatal.
   */
  private _restore(py: PythonConsole, request: RestoreRequest): RestoredReply {
    const packages = request.sitePackages ? this._restoreSitePackages(py, request.sitePackages) : [];
    this._watchingFiles = request.watchFiles;
    if (request.files.length === 0) {
      // Nothing to write (a first visit, the embed): no JSON request, which would import json before the prompt.
      return { kind: 'restored', id: request.id, packages, files: 0, failed: [] };
    }
    this._restoring = request.files;
    try {
      const files = request.files.map(({ path, mtimeMs }) => ({ path, mtimeMs }));
      const outcome = py.restoreFiles(files);
      return { kind: 'restored', id: request.id, packages, files: outcome.files, failed: outcome.failed };
    } finally {
      this._restoring = [];
    }
  }

  /** The packages the Python this one replaces had installed; the distributions installed after. */
  private _restoreSitePackages(py: PythonConsole, archive: ArrayBuffer): readonly string[] {
    this._upload = new Uint8Array(archive);
    try {
      const outcome = py.restoreSitePackages();
      if (outcome.ok) return outcome.packages;
      this._output.write('stderr', `Installed packages could not be restored: ${outcome.error.formatted}`);
      return [];
    } finally {
      this._upload = null;
    }
  }

  private async _dispatch(request: WorkerRequest): Promise<WorkerReply> {
    if (request.kind === 'init') return this._init(request);
    const py = this._requireConsole();
    switch (request.kind) {
      case 'restore':
        return this._restore(py, request);
      case 'run': {
        this._interrupts?.runStarted(); // a Ctrl+C pressed while this run waited stays for it (InterruptFlag.ts)
        this._inputInterrupted = false;
        this._running = true;
        try {
          const outcome = await py.run(request.code, request.mode, request.filename);
          this._reportPrompts(outcome.prompts);
          return outcome.ok
            ? { kind: 'result', id: request.id, durationMs: outcome.durationMs }
            : { kind: 'error', id: request.id, error: outcome.error };
        } finally {
          this._running = false;
          this._interrupts?.runEnded();
        }
      }
      case 'check':
        return { kind: 'checked', id: request.id, status: py.check(request.source) };
      case 'complete': {
        const { matches, start } = py.complete(request.line, request.cursor);
        return { kind: 'completions', id: request.id, matches, start };
      }
      case 'reset':
        py.reset();
        return { kind: 'reset-done', id: request.id };
      case 'write-file': {
        // Python takes the bytes through _pyrite_worker.take_upload() (python/pyrite_console.py's write_file).
        this._upload = new Uint8Array(request.data);
        try {
          const outcome = py.writeFile(request.name);
          return outcome.ok
            ? { kind: 'file-written', id: request.id, path: outcome.path, bytes: outcome.bytes }
            : { kind: 'error', id: request.id, error: outcome.error };
        } finally {
          this._upload = null;
        }
      }
      case 'list-files': {
        const outcome = py.listFiles();
        return outcome.ok
          ? { kind: 'files-listed', id: request.id, folder: outcome.folder, files: outcome.files }
          : { kind: 'error', id: request.id, error: outcome.error };
      }
      case 'read-file': {
        // Python hands the bytes over through _pyrite_worker.put_download() (python/pyrite_console.py's read_file).
        try {
          const outcome = py.readFile(request.name);
          if (!outcome.ok) return { kind: 'error', id: request.id, error: outcome.error };
          const bytes = this._download ?? new Uint8Array(0);
          return { kind: 'file-read', id: request.id, name: outcome.name, data: bytes.buffer as ArrayBuffer };
        } finally {
          this._download = null;
        }
      }
      default:
        return assertNever(request);
    }
  }

  private async _init(request: InitRequest): Promise<ReadyReply> {
    if (this._state !== 'new') {
      throw new RequestRefused({ kind: 'protocol', message: `init received while ${this._state}` });
    }
    if (request.protocolVersion !== PROTOCOL_VERSION) {
      throw new RequestRefused({
        kind: 'protocol',
        message: `page speaks protocol ${request.protocolVersion}, worker speaks ${PROTOCOL_VERSION}`,
      });
    }
    this._state = 'loading';
    this._stdin = request.stdinBuffer ? new StdinMailbox(request.stdinBuffer) : null;
    this._stdinURL = request.stdinURL;
    try {
      const api = await loadRuntime({
        indexURL: request.indexURL,
        stdout: (text) => this._output.write('stdout', text),
        stderr: (text) => this._output.write('stderr', text),
        stdin: () => this._readLine(),
        // Without JSPI and shared memory, time.sleep() waits in a request the service worker holds, instead of
        // spinning on the clock; what was printed before shows first.
        blockingWait: this._stdinURL ? (ms) => this._blockingWait(ms) : undefined,
        jspi: request.jspi,
        onProgress: (progress) => this._reportProgress(progress),
      });
      // Without shared memory the buffer is the worker's own: an `interrupt` message sets it while Python is
      // suspended in time.sleep() (JSPI), which checks it between slices.
      this._interrupts = new InterruptFlag(new Int32Array(request.interruptBuffer ?? new ArrayBuffer(4)));
      api.setInterruptBuffer(this._interrupts.flag);
      // Output printed just before a long computation is sent while it runs, not when it ends.
      api._setRunningHook(() => this._output.flushIfDue());
      api.registerJsModule('_pyrite_worker', {
        set_input_echo: (echo: boolean): void => {
          this._inputEcho = echo;
        },
        take_input_interrupt: (): boolean => {
          const interrupted = this._inputInterrupted;
          this._inputInterrupted = false;
          return interrupted;
        },
        take_upload: (): Uint8Array | null => {
          const upload = this._upload;
          this._upload = null;
          return upload;
        },
        put_download: (bytes: Uint8Array): void => {
          this._download = bytes.slice(); // a copy of its own, whatever memory the view Python made is on
        },
        put_site_packages: (bytes: Uint8Array | null): void => {
          this._sitePackages = bytes ? bytes.slice() : null;
        },
        take_kept_file: (index: number): Uint8Array | null => {
          const file = this._restoring[index];
          return file ? new Uint8Array(file.data) : null;
        },
        put_kept_file: (bytes: Uint8Array): void => {
          this._keptFilesOut.push(bytes.slice()); // a copy of its own, whatever memory the view Python made is on
        },
      });
      // The turtle module (runtime/python/turtle.py) draws through this; see GraphicsBatcher.
      api.registerJsModule('_pyrite_graphics', this._graphics.module());
      this._api = api;
      this._console = PythonConsole.install(api);
      const { version: pythonVersion, platform } = this._console.pythonVersion();
      this._state = 'ready';
      this._applyTerminalSize();
      // After the ready reply has gone out; a failure here shows up again, reported, in the first run.
      setTimeout(() => {
        // Python reads, and clears, the interrupt buffer it is given. A Ctrl+C pressed during the warm-up is for a
        // run the page has already sent, waiting behind it, so the warm-up gets a buffer of its own.
        const interrupts = this._interrupts;
        if (interrupts) api.setInterruptBuffer(new Int32Array(1));
        try {
          this._console?.prepareRun();
        } catch {
          // reported by the first run
        } finally {
          if (interrupts) api.setInterruptBuffer(interrupts.flag);
        }
      }, 0);
      return {
        kind: 'ready',
        id: request.id,
        protocolVersion: PROTOCOL_VERSION,
        runtimeVersion: api.version,
        pythonVersion,
        platform,
        capabilities: {
          blockingInput: this._stdin !== null || api.canSuspend || this._stdinURL !== null,
          interrupt: request.interruptBuffer !== null,
        },
      };
    } catch (error) {
      this._die('runtime failed to load', error);
      throw error;
    }
  }

  /**
   * The runtime's stdin callback, inside Python's `input()`/`readline()`: blocks on the mailbox when there is
   * one; otherwise returns a promise, which the runtime waits for by suspending Python (JSPI).
   */
  private _readLine(): string | null | Promise<string | null> {
    const canSuspend = this._api?.canSuspend ?? false;
    if (!this._stdin && !canSuspend && !this._stdinURL) {
      this._output.write('stderr', NO_INPUT_MESSAGE);
      return null;
    }
    // The prompt Python just wrote must reach the page before the page starts reading the answer.
    this._output.flush();
    this._graphics.flush();
    const request: InputRequestEvent = this._inputEcho
      ? { kind: 'input-request' }
      : { kind: 'input-request', echo: false };
    if (!this._stdin && canSuspend) {
      return new Promise<StdinAnswer>((resolve) => {
        this._pendingInput = resolve;
        this._post(request);
      }).then((answer) => this._lineOf(answer));
    }
    if (!this._stdin && this._stdinURL) {
      this._post(request);
      return this._lineOf(waitForServiceWorkerAnswer(this._stdinURL));
    }
    if (!this._stdin) return null; // unreachable: narrowed above
    this._stdin.prepare();
    this._post(request);
    return this._lineOf(this._stdin.waitForAnswer());
  }

  private _answerInput(answer: StdinAnswer): void {
    const pending = this._pendingInput;
    this._pendingInput = null;
    pending?.(answer);
  }

  /** time.sleep() without JSPI and shared memory: a request the service worker holds; false: the runtime spins. */
  private _blockingWait(ms: number): boolean {
    this._output.flush();
    if (!this._stdinURL || this._timerUnanswered) return false;
    if (waitForServiceWorkerTimer(this._stdinURL, ms)) return true;
    // Not answered as a timer (the service worker stopped controlling us): asking again would flood the server.
    this._timerUnanswered = true;
    return false;
  }

  private _lineOf(answer: StdinAnswer): string | null {
    switch (answer.kind) {
      case 'line':
        return `${answer.text}\n`;
      case 'eof':
        return null;
      case 'interrupted':
        // Reads as end of file; the console's stdin wrapper then sees the flag and raises KeyboardInterrupt.
        this._inputInterrupted = true;
        return null;
      default:
        return assertNever(answer);
    }
  }

  private _turtleEvent(event: TurtleEvent): void {
    if (this._state !== 'ready') return;
    try {
      this._graphics.dispatch(event);
    } catch (error) {
      if (isFatal(error)) this._die('runtime crashed', error);
      else console.error('pyrite worker: a turtle event failed', error);
    }
    this._output.flush();
  }

  private _interruptAwait(): void {
    if (!this._running || !this._console) {
      this._interrupts?.interruptWhileIdle();
      return;
    }
    // Python suspended in a synchronous wait (JSPI): input() ends as Ctrl+C; time.sleep() and a blocking
    // asyncio.run() see the signal.
    if (this._pendingInput) {
      this._answerInput({ kind: 'interrupted' });
      return;
    }
    const waitingFor = this._api?.waitingFor;
    if (waitingFor === 'sleep' || waitingFor === 'loop') {
      this._interrupts?.raise();
      return;
    }
    // This message only arrives while the run is suspended in `await` (synchronous Python blocks message
    // delivery). Cancelling the task is the interrupt; clear the flag so it cannot fire inside our own code.
    this._interrupts?.clear();
    try {
      this._console.interrupt();
    } catch (error) {
      console.error('pyrite worker: interrupt failed', error);
    }
  }

  private _applyTerminalSize(): void {
    const size = this._terminalSize;
    if (!size || !this._console || this._state !== 'ready') return;
    try {
      this._console.setTerminalSize(size.columns, size.rows);
    } catch (error) {
      console.error('pyrite worker: setting the terminal size failed', error);
    }
  }

  /** The `debug-trap` test hook: a wasm trap, reported as `fatal` like a real runtime bug. */
  private _debugTrap(): void {
    if (this._state !== 'ready' || !this._api) return;
    try {
      this._api._debug.trap();
    } catch (error) {
      this._die('runtime crashed', error);
    }
  }

  private _reportProgress(progress: LoadProgress): void {
    const now = performance.now();
    const phaseChanged = progress.phase !== this._lastPhase;
    const finished = progress.total > 0 && progress.loaded >= progress.total;
    if (!phaseChanged && !finished && now - this._lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this._lastProgressAt = now;
    this._lastPhase = progress.phase;
    this._post({ kind: 'progress', phase: progress.phase, loaded: progress.loaded, total: progress.total });
  }

  private _requireConsole(): PythonConsole {
    if (this._state === 'dead') {
      throw new RequestRefused({ kind: 'crashed', message: 'the runtime has crashed; restart the worker' });
    }
    if (!this._console) throw new RequestRefused({ kind: 'protocol', message: 'send init first' });
    return this._console;
  }

  /** Enters the terminal state: tells the page once, then refuses everything. */
  private _die(reason: string, error: unknown): void {
    if (this._state === 'dead') return;
    this._state = 'dead';
    this._console = null;
    this._output.flush();
    const exitStatus = runtimeExitStatus(error);
    this._post(
      exitStatus !== null
        ? { kind: 'fatal', reason: 'Python exited', detail: `os._exit(${exitStatus})` }
        : { kind: 'fatal', reason, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    );
  }

  private _describe(error: unknown): ErrorData {
    if (error instanceof RequestRefused) return error.data;
    if (isRuntimePythonError(error)) {
      // A Python exception that escaped the console helper. The usual one is a Ctrl+C that landed in the helper's
      // own code; the user only needs to see that they interrupted.
      const formatted = error.type === 'KeyboardInterrupt' ? 'KeyboardInterrupt\n' : error.message;
      return { kind: 'python', type: error.type, message: '', frames: [], formatted };
    }
    if (error instanceof Error) {
      return { kind: 'internal', name: error.name, message: error.message, stack: error.stack ?? '' };
    }
    return { kind: 'internal', name: 'Error', message: String(error), stack: '' };
  }
}

/**
 * Blocks in synchronous requests until the page's service worker answers (204 means "ask again"). A request that
 * fails (the service worker was stopped, the page went away) reads as end of file after a few tries.
 */
function waitForServiceWorkerAnswer(url: string): StdinAnswer {
  for (let failures = 0; failures < 3;) {
    const request = new XMLHttpRequest();
    try {
      request.open('GET', url, false);
      request.send();
    } catch {
      failures++;
      continue;
    }
    if (request.status === 204) continue;
    if (request.status !== 200) {
      failures++;
      continue;
    }
    let answer: unknown = null;
    try {
      answer = JSON.parse(request.responseText);
    } catch {
      // counted as a failure below
    }
    if (isStdinAnswer(answer)) return answer;
    failures++;
  }
  return { kind: 'eof' };
}

/**
 * Blocks for about `ms` in a synchronous request that the page's service worker answers (204) when the time is up.
 * False if the request failed or something else answered it.
 */
function waitForServiceWorkerTimer(stdinURL: string, ms: number): boolean {
  const url = new URL(stdinURL, location.href);
  url.searchParams.set('sleep', String(Math.max(0, Math.round(ms))));
  const request = new XMLHttpRequest();
  try {
    request.open('GET', url.href, false);
    request.send();
  } catch {
    return false;
  }
  return request.status === 204;
}

/** A wasm trap, or the runtime's own verdict that it cannot go on. */
function isFatal(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || (error instanceof Error && error.name === 'FatalRuntimeError');
}
