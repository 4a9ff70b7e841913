/**
 * The read-eval-print loop of the console page. It reads statements with the line editor (asking the worker
 * whether a block needs more lines), runs them, and routes the worker's events (output, load progress, input
 * requests, fatal errors) to the terminal and the status indicator. It owns the runtime client and replaces it
 * on restart; a crash leaves the console read-only until the user restarts.
 */
import type { Terminal } from '@xterm/xterm';
import {
  ChannelClosedError,
  PythonError,
  RuntimeCrashedError,
  assertNever,
  type ReadyReply,
  type WorkerEvent,
} from '../../webworker/protocol';
import { Disposable, MutableDisposable } from '../lifecycle/Disposable';
import { RuntimeClient } from '../client/RuntimeClient';
import { History } from '../terminal/History';
import { LineEditor } from '../terminal/LineEditor';
import { OutputSink } from '../terminal/OutputSink';
import type { StatusIndicator } from '../ui/StatusIndicator';

const PROMPT = '>>> ';
const CONTINUATION = '... ';

export interface ConsoleControllerOptions {
  /** URL of the folder with the runtime's build outputs (public/pyrite/). */
  readonly indexURL: string;
  readonly status: StatusIndicator;
}

export class ConsoleController extends Disposable {
  private readonly _editor: LineEditor;
  private readonly _sink: OutputSink;
  private readonly _history = new History();
  private readonly _client = this._register(new MutableDisposable<RuntimeClient>());
  /** Resolves with the booted client, or null if it failed; replaced on every restart. */
  private _ready: Promise<RuntimeClient | null> = Promise.resolve(null);
  private _wakeAfterCrash: (() => void) | null = null;
  private _crashedClient: RuntimeClient | null = null;
  private _running = false;

  constructor(
    private readonly _terminal: Terminal,
    private readonly _options: ConsoleControllerOptions,
  ) {
    super();
    this._editor = this._register(new LineEditor());
    _terminal.loadAddon(this._editor);
    this._sink = new OutputSink(_terminal);
    this._register(this._editor.onIdleInterrupt(() => this.interrupt()));
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
      this._editor.cancel(); // waiting in input(): the read ends as Ctrl+C, which interrupts the input
    } else if (client.canInterrupt) {
      client.interrupt();
    } else {
      this.restart('Stopped. This page is not cross-origin isolated, so stopping restarts Python; variables are lost.');
    }
  }

  /** Replaces the worker with a fresh one: a clean namespace, and the way out of a crash or a stuck program. */
  restart(notice = 'Restarted Python; variables are lost.'): void {
    this._editor.cancel();
    this._editor.discardTypeAhead();
    this._sink.writeNotice(`\r\n${notice}`);
    this._ready = this._boot();
    this._wakeAfterCrash?.();
  }

  private async _boot(): Promise<RuntimeClient | null> {
    const status = this._options.status;
    status.set(this._client.value ? 'restarting' : 'loading');
    const client = new RuntimeClient(this._options.indexURL);
    this._client.value = client; // disposes the previous client, which rejects its pending requests
    void this._pumpEvents(client);
    try {
      const ready = await client.init();
      if (this._client.value !== client) return null;
      this._writeBanner(ready, client);
      status.set('ready');
      return client;
    } catch (error) {
      if (this._client.value === client) this._crashed(client, describe(error));
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
        const source = await this._readStatement(client);
        if (source !== null) await this._execute(client, source);
      } catch (error) {
        if (!(error instanceof ChannelClosedError) && !(error instanceof RuntimeCrashedError)) {
          this._sink.writeError(`Console error: ${describe(error)}\n`);
        }
      }
    }
  }

  /** Reads lines until they form a complete statement; null when the input was abandoned. */
  private async _readStatement(client: RuntimeClient): Promise<string | null> {
    let source: string | null = null;
    for (;;) {
      const result = await this._editor.readLine({
        prompt: source === null ? PROMPT : CONTINUATION,
        history: this._history,
        complete: async (line, cursor) => client.complete(line, cursor),
      });
      if (this._client.value !== client || client === this._crashedClient) return null;
      if (result.kind === 'interrupt') {
        this._sink.writeError('KeyboardInterrupt\n');
        return null;
      }
      if (result.kind === 'eof') {
        if (source === null) this._sink.writeNotice('(Ctrl+D) The console stays open; use Restart to reset Python.');
        return null;
      }
      source = source === null ? result.text : `${source}\n${result.text}`;
      if (source.trim() === '') return null;
      const { status } = await client.check(source);
      if (status !== 'incomplete') return source;
    }
  }

  private async _execute(client: RuntimeClient, source: string): Promise<void> {
    this._running = true;
    this._options.status.set('running');
    try {
      await client.run(source, 'single');
    } catch (error) {
      if (error instanceof PythonError) this._sink.writeError(error.formatted);
      else throw error;
    } finally {
      this._running = false;
      if (this._client.value === client && this._crashedClient !== client) {
        this._options.status.set('ready');
      }
      await this._sink.flushed();
    }
  }

  private async _pumpEvents(client: RuntimeClient): Promise<void> {
    for await (const event of client.channel.events) this._onEvent(client, event);
    // The event stream ends when the channel closes: on purpose (restart) or because the worker died.
    if (this._client.value === client && !this.isDisposed) this._crashed(client, 'the worker stopped unexpectedly');
  }

  private _onEvent(client: RuntimeClient, event: WorkerEvent): void {
    switch (event.kind) {
      case 'stream':
        this._sink.write(event.stream, event.text, event.dropped);
        return;
      case 'progress':
        this._options.status.progress(event.phase, event.loaded, event.total);
        return;
      case 'input-request':
        void this._answerInput(client);
        return;
      case 'fatal':
        this._crashed(client, `${event.reason} (${event.detail})`);
        return;
      default:
        assertNever(event);
    }
  }

  /** Python is blocked in input(): read the answer inline, right after the prompt it printed. */
  private async _answerInput(client: RuntimeClient): Promise<void> {
    this._options.status.set('input');
    await this._sink.flushed();
    const result = await this._editor.readLine({ prompt: '' });
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
    this._crashedClient = client;
    this._options.status.set('crashed', detail);
    this._editor.cancel();
    this._sink.writeNotice(`\r\nPython stopped working: ${detail}\r\nPress Restart to start a fresh runtime.`);
    client.channel.close(new RuntimeCrashedError(detail));
  }

  private _writeBanner(ready: ReadyReply, client: RuntimeClient): void {
    const python = ready.pythonVersion.split(' ')[0] ?? ready.pythonVersion;
    this._terminal.write(`Python ${python} in your browser (Pyrite, runtime ${ready.runtimeVersion})\r\n`);
    if (!client.canInterrupt || !ready.capabilities.blockingInput) {
      this._sink.writeNotice(
        'This page is not cross-origin isolated: input() reads end of file, and Stop restarts Python.',
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
