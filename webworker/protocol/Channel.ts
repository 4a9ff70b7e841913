/**
 * The page's end of the protocol. `request()` is the one place where replies are matched to requests: it parks
 * `{resolve, reject}` by id and settles them when the reply with that id arrives. Events (output, progress,
 * input requests, fatal) go to a single async queue that the page reads with `for await`.
 */
import { ChannelClosedError, ProtocolError, RuntimeCrashedError, errorFromData } from './errors';
import { EventQueue } from './EventQueue';
import {
  REPLY_KIND,
  type FromWorker,
  type WorkerNotice,
  type ReplyFor,
  type ToWorker,
  type WorkerEvent,
  type WorkerRequest,
} from './messages';
import { isReply, parseFromWorker } from './validate';

/** The transport, so this module needs no DOM types: the page adapts a `Worker` to it. */
export interface MessageEndpoint {
  postMessage(message: ToWorker): void;
  /** Subscribes to incoming message data; returns the unsubscribe function. */
  listen(onData: (data: unknown) => void): () => void;
}

export type RequestKind = WorkerRequest['kind'];
/** A request without its `id`: the channel assigns ids. */
export type RequestBody<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'id'>;

interface Pending {
  readonly expect: string;
  readonly resolve: (reply: FromWorker) => void;
  readonly reject: (error: Error) => void;
}

export interface ChannelOptions {
  /** Called for an invalid message that cannot be tied to a pending request. */
  readonly onProtocolError: (error: ProtocolError) => void;
}

export class Channel {
  readonly events = new EventQueue<WorkerEvent>();
  private readonly _pending = new Map<number, Pending>();
  private readonly _unlisten: () => void;
  private readonly _onProtocolError: (error: ProtocolError) => void;
  private _nextId = 1;
  private _closedBy: Error | null = null;

  constructor(
    private readonly _endpoint: MessageEndpoint,
    options: ChannelOptions,
  ) {
    this._onProtocolError = options.onProtocolError;
    this._unlisten = _endpoint.listen((data) => this._receive(data));
  }

  get closed(): boolean {
    return this._closedBy !== null;
  }

  request<K extends RequestKind>(body: RequestBody<K> & { readonly kind: K }): Promise<ReplyFor[K]> {
    if (this._closedBy) return Promise.reject(this._closedBy);
    const id = this._nextId++;
    const kind = body.kind as K;
    return new Promise<ReplyFor[K]>((resolve, reject) => {
      this._pending.set(id, {
        expect: REPLY_KIND[kind],
        // `_receive` checked that the reply's kind is REPLY_KIND[kind], which is what ReplyFor[K] names.
        resolve: (reply) => resolve(reply as ReplyFor[K]),
        reject,
      });
      this._endpoint.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  /** Sends a notice (no id, no reply). */
  notify(message: WorkerNotice): void {
    if (!this._closedBy) this._endpoint.postMessage(message);
  }

  /** Rejects every pending request with `reason`, ends the event stream and stops listening. Idempotent. */
  close(reason: Error = new ChannelClosedError('channel closed')): void {
    if (this._closedBy) return;
    this._closedBy = reason;
    this._unlisten();
    this._rejectAll(reason);
    this.events.end();
  }

  private _receive(data: unknown): void {
    const parsed = parseFromWorker(data);
    if (!parsed.ok) {
      const error = new ProtocolError(`invalid message from worker: ${parsed.error}`);
      const pending = parsed.id === null ? undefined : this._take(parsed.id);
      if (pending) pending.reject(error);
      else this._onProtocolError(error);
      return;
    }
    const message = parsed.message;
    if (!isReply(message)) {
      if (message.kind === 'fatal') {
        this._rejectAll(new RuntimeCrashedError(`${message.reason}: ${message.detail}`));
      }
      this.events.push(message);
      return;
    }
    if (message.kind === 'error' && message.id === null) {
      this._onProtocolError(new ProtocolError(`worker rejected a message: ${JSON.stringify(message.error)}`));
      return;
    }
    const pending = message.id === null ? undefined : this._take(message.id);
    if (!pending) {
      this._onProtocolError(new ProtocolError(`reply "${message.kind}" for unknown request ${message.id}`));
    } else if (message.kind === 'error') {
      pending.reject(errorFromData(message.error));
    } else if (message.kind !== pending.expect) {
      pending.reject(new ProtocolError(`expected "${pending.expect}" reply, got "${message.kind}"`));
    } else {
      pending.resolve(message);
    }
  }

  private _take(id: number): Pending | undefined {
    const pending = this._pending.get(id);
    this._pending.delete(id);
    return pending;
  }

  private _rejectAll(reason: Error): void {
    const pending = [...this._pending.values()];
    this._pending.clear();
    for (const p of pending) p.reject(reason);
  }
}
