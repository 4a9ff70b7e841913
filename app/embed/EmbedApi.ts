/**
 * The embed's postMessage API (version 1), documented in README.md. Messages from origins outside the allowlist
 * are ignored; every reply goes to the asking window with its origin as the explicit `targetOrigin`; events go
 * to the windows that have talked to the embed (and `ready` to the parent, at its origin when known).
 */
import { Disposable, toDisposable } from '../lifecycle/Disposable';
import { isAllowedOrigin, normalizeOrigin, type EmbedConfig } from './config';

export const EMBED_API_VERSION = 1;
/** The request types, as the error for another one lists them. */
const REQUEST_TYPES = 'hello, run, setCode, getCode or reset';

/** A host → embed request. `id` (string or number) comes back in the reply. */
export type EmbedRequest =
  | { readonly pyrite: 1; readonly type: 'hello'; readonly id?: RequestId }
  | { readonly pyrite: 1; readonly type: 'run'; readonly id?: RequestId; readonly code?: string }
  | { readonly pyrite: 1; readonly type: 'setCode'; readonly id?: RequestId; readonly code: string }
  | { readonly pyrite: 1; readonly type: 'getCode'; readonly id?: RequestId }
  | { readonly pyrite: 1; readonly type: 'reset'; readonly id?: RequestId };

type RequestId = string | number;

/** Embed → host: replies (carry the request's `id`) and events. */
export type EmbedMessage =
  | {
      readonly pyrite: 1;
      readonly type: 'reply';
      readonly id: RequestId | null;
      readonly ok: true;
      readonly result: unknown;
    }
  | {
      readonly pyrite: 1;
      readonly type: 'reply';
      readonly id: RequestId | null;
      readonly ok: false;
      readonly error: string;
    }
  | { readonly pyrite: 1; readonly type: 'ready'; readonly version: number }
  | { readonly pyrite: 1; readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly pyrite: 1; readonly type: 'error'; readonly error: EmbedError }
  | { readonly pyrite: 1; readonly type: 'done'; readonly ok: boolean }
  | { readonly pyrite: 1; readonly type: 'resize'; readonly height: number };

export interface EmbedError {
  readonly type: string;
  readonly message: string;
  /** The editor line it points at, when known. */
  readonly line: number | null;
  readonly traceback: string;
}

/** What the embed page does for each request; results are sent back as the reply's `result`. */
export interface EmbedHandlers {
  run(code: string | undefined): Promise<{ ok: boolean }>;
  setCode(code: string): Promise<void>;
  getCode(): Promise<string>;
  reset(): Promise<void>;
}

/** Distributive Omit: keeps each member of a union whole. */
type Body<M> = M extends unknown ? Omit<M, 'pyrite'> : never;

/** A message addressed to the embed: a request, or what is wrong with it (sent back as an error reply). */
export type ParsedRequest =
  | { readonly ok: true; readonly request: EmbedRequest }
  | { readonly ok: false; readonly id: RequestId | null; readonly error: string };

/**
 * Parses a message. Null when it is not addressed to the embed (not an object with a `pyrite` field: other
 * scripts post messages too); otherwise the request, or an error saying what is wrong with it.
 */
export function parseEmbedRequest(data: unknown): ParsedRequest | null {
  if (typeof data !== 'object' || data === null || !('pyrite' in data)) return null;
  const message = data as Record<string, unknown>;
  const rawId = message.id;
  const idOk =
    rawId === undefined || typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId));
  const id = idOk ? rawId : undefined;
  const refuse = (error: string): ParsedRequest => ({ ok: false, id: id ?? null, error });
  if (message.pyrite !== EMBED_API_VERSION) {
    return refuse(`unsupported API version ${describeValue(message.pyrite)}: this embed speaks ${EMBED_API_VERSION}`);
  }
  if (!idOk) return refuse('id must be a string or a finite number');
  const code = message.code;
  switch (message.type) {
    case 'hello':
    case 'getCode':
    case 'reset':
      return { ok: true, request: { pyrite: 1, type: message.type, id } };
    case 'run':
      if (code !== undefined && typeof code !== 'string') return refuse(`code must be a string, not ${typeof code}`);
      return { ok: true, request: { pyrite: 1, type: 'run', id, code } };
    case 'setCode':
      if (typeof code !== 'string') return refuse(`code must be a string, not ${typeof code}`);
      return { ok: true, request: { pyrite: 1, type: 'setCode', id, code } };
    default:
      if (message.type === undefined) return refuse(`the request has no type: expected ${REQUEST_TYPES}`);
      return refuse(`unknown request type ${describeValue(message.type)}: expected ${REQUEST_TYPES}`);
  }
}

/**
 * Where to post to the parent before it has talked to the embed. Its own origin when the browser tells it
 * (`location.ancestorOrigins`, Chromium and Safari) and it may command the embed. Without it (Firefox), the origin
 * of `document.referrer` when it is an allowed one: under the default referrer policy an iframe's referrer is its
 * parent page's URL or origin. Otherwise every allowed origin (the browser delivers only the matching one, and warns
 * in the console about each of the others), or '*' when any origin is allowed.
 */
export function parentTargets(
  allowed: readonly string[],
  parentOrigin: string | undefined,
  referrer = '',
): readonly string[] {
  const anyOrigin = allowed.includes('*');
  if (parentOrigin === undefined) {
    // The referrer is a hint, not the browser's word: it names the page that loaded the embed, which is not the
    // parent after the embed navigated itself, and whose origin a sandboxed parent does not have. So it is used only
    // when it names an allowed origin; otherwise '*' when any parent may talk, else every allowed origin.
    // normalizeOrigin: '' (no referrer) and opaque origins give null; a referrer is never '*'.
    const referrerOrigin = normalizeOrigin(referrer);
    if (referrerOrigin !== null && allowed.includes(referrerOrigin)) return [referrerOrigin];
    return anyOrigin ? ['*'] : allowed;
  }
  // An opaque origin (a sandboxed parent without allow-same-origin) can only be reached with '*'.
  if (parentOrigin === 'null') return anyOrigin ? ['*'] : [];
  return anyOrigin || allowed.includes(parentOrigin) ? [parentOrigin] : [];
}

export class EmbedApi extends Disposable {
  /** Windows that have sent an accepted message, with their origin: events go to them. */
  private readonly _hosts = new Map<MessageEventSource, string>();

  constructor(
    private readonly _config: EmbedConfig,
    private readonly _handlers: EmbedHandlers,
  ) {
    super();
    const onMessage = (event: MessageEvent<unknown>): void => void this._receive(event);
    addEventListener('message', onMessage);
    this._register(toDisposable(() => removeEventListener('message', onMessage)));
  }

  /** Announces the embed to its parent, at its origin when known (parentTargets), else once per allowed origin. */
  announceReady(): void {
    if (window.parent === window) return;
    for (const origin of this._parentTargets()) {
      window.parent.postMessage(this._envelope({ type: 'ready', version: EMBED_API_VERSION }), origin);
    }
  }

  /** Sends an event to every host that has talked to the embed (or, before any, to the parent's allowed origins). */
  emit(event: Body<Exclude<EmbedMessage, { type: 'reply' }>>): void {
    const message = this._envelope(event);
    if (this._hosts.size === 0) {
      if (window.parent === window) return;
      for (const origin of this._parentTargets()) {
        if (origin !== '*') window.parent.postMessage(message, origin);
      }
      return;
    }
    for (const [source, origin] of this._hosts) post(source, message, origin);
  }

  private _parentTargets(): readonly string[] {
    return parentTargets(
      this._config.allowedOrigins,
      globalThis.location?.ancestorOrigins?.[0],
      globalThis.document?.referrer ?? '',
    );
  }

  private async _receive(event: MessageEvent<unknown>): Promise<void> {
    if (!event.source || !isAllowedOrigin(this._config, event.origin)) return; // refused: ignored, no reply
    const parsed = parseEmbedRequest(event.data);
    if (!parsed) return;
    this._hosts.set(event.source, event.origin);
    const reply = (body: Body<Extract<EmbedMessage, { type: 'reply' }>>): void => {
      if (event.source) post(event.source, this._envelope(body), event.origin);
    };
    if (!parsed.ok) {
      reply({ type: 'reply', id: parsed.id, ok: false, error: parsed.error });
      return;
    }
    const { request } = parsed;
    const id = request.id ?? null;
    try {
      const result = await this._handle(request);
      reply({ type: 'reply', id, ok: true, result });
    } catch (error) {
      reply({ type: 'reply', id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async _handle(request: EmbedRequest): Promise<unknown> {
    switch (request.type) {
      case 'hello':
        return { version: EMBED_API_VERSION };
      case 'run':
        return this._handlers.run(request.code);
      case 'setCode':
        await this._handlers.setCode(request.code);
        return null;
      case 'getCode':
        return { code: await this._handlers.getCode() };
      case 'reset':
        await this._handlers.reset();
        return null;
      default:
        return assertNever(request);
    }
  }

  private _envelope<M extends Body<EmbedMessage>>(body: M): M & { pyrite: 1 } {
    return { pyrite: EMBED_API_VERSION, ...body };
  }
}

/** Posts to a window with an explicit target origin (message ports and service workers have none). */
function post(target: MessageEventSource, message: unknown, origin: string): void {
  if (target instanceof MessagePort || (typeof ServiceWorker !== 'undefined' && target instanceof ServiceWorker)) {
    target.postMessage(message);
    return;
  }
  (target as Window).postMessage(message, origin);
}

/**
 * A field's value for an error message: JSON where it has one (JSON.stringify throws for a BigInt or a cycle, which
 * left a malformed request without its reply), its type otherwise; shortened, as hosts may post anything.
 */
function describeValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= typeof value === 'bigint' ? `${value}n` : `a value of type ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function assertNever(value: never): never {
  throw new Error(`unknown request ${JSON.stringify(value)}`);
}
