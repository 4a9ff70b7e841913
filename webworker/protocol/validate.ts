/**
 * Run-time checks that turn `unknown` message data into the typed unions of messages.ts. Each side validates
 * what it receives, so a malformed message becomes an error reply or a ProtocolError instead of a crash.
 * The schema tables are typed against the unions: adding a kind or a field without a check does not compile.
 */
import { isGraphicsCommand, isTurtleEvent } from './graphics';
import type {
  Capabilities,
  ErrorData,
  FrameData,
  FromWorker,
  KeptFile,
  SkippedFile,
  ToWorker,
  WorkerReply,
} from './messages';
import type { StdinAnswer } from './sharedMemory';

type Check = (value: unknown) => boolean;

/** One check per field except `kind`; `-?` makes optional fields mandatory here too. */
type Shape<M> = { readonly [F in Exclude<keyof M, 'kind'>]-?: Check };
type Schemas<U extends { kind: string }> = { readonly [K in U['kind']]: Shape<Extract<U, { kind: K }>> };

export type ParseResult<U> =
  | { readonly ok: true; readonly message: U }
  | { readonly ok: false; readonly error: string; readonly id: number | null };

const isString: Check = (v) => typeof v === 'string';
const isCount: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isId: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isBoolean: Check = (v) => typeof v === 'boolean';
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const isBuffer: Check = (v) => v instanceof ArrayBuffer;
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const isSharedBuffer: Check = (v) => typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `v` has exactly the fields of `shape`, each passing its check. */
function matches(v: unknown, shape: Readonly<Record<string, Check>>): boolean {
  if (!isRecord(v)) return false;
  for (const key of Object.keys(v)) {
    if (!(key in shape)) return false;
  }
  return Object.entries(shape).every(([key, check]) => check(v[key]));
}

const frameShape: Shape<FrameData> = {
  filename: isString,
  lineno: orNull(isCount),
  name: isString,
};
const isFrame: Check = (v) => matches(v, frameShape);

/** An input() answer (`input-answer`, and the service worker's reply in WorkerSession). */
export function isStdinAnswer(v: unknown): v is StdinAnswer {
  return (
    isRecord(v) &&
    ((v.kind === 'line' && Object.keys(v).length === 2 && isString(v.text)) ||
      ((v.kind === 'eof' || v.kind === 'interrupted') && Object.keys(v).length === 1))
  );
}
const keptFileShape: Shape<KeptFile> = { path: isString, data: isBuffer, mtimeMs: isCount };
const skippedFileShape: Shape<SkippedFile> = { path: isString, bytes: isCount };
const isKeptFile: Check = (v) => matches(v, keptFileShape);
const isSkippedFile: Check = (v) => matches(v, skippedFileShape);

const capabilitiesShape: Shape<Capabilities> = { blockingInput: isBoolean, interrupt: isBoolean };

const errorShapes: Schemas<ErrorData> = {
  python: {
    type: isString,
    message: isString,
    frames: (v) => Array.isArray(v) && v.every(isFrame),
    formatted: isString,
  },
  protocol: { message: isString },
  internal: { name: isString, message: isString, stack: isString },
  crashed: { message: isString },
};

const toWorkerShapes: Schemas<ToWorker> = {
  init: {
    id: isId,
    protocolVersion: isId,
    indexURL: isString,
    interruptBuffer: orNull(isSharedBuffer),
    stdinBuffer: orNull(isSharedBuffer),
    stdinURL: orNull(isString),
    jspi: isBoolean,
  },
  restore: { id: isId, sitePackages: orNull(isBuffer), files: arrayOf(isKeptFile), watchFiles: isBoolean },
  run: { id: isId, code: isString, mode: oneOf('single', 'exec'), filename: (v) => v === undefined || isString(v) },
  check: { id: isId, source: isString },
  complete: { id: isId, line: isString, cursor: isCount },
  reset: { id: isId },
  'write-file': { id: isId, name: isString, data: (v) => v instanceof ArrayBuffer },
  'list-files': { id: isId },
  'read-file': { id: isId, name: isString },
  interrupt: {},
  'input-answer': { answer: isStdinAnswer },
  'turtle-event': { event: isTurtleEvent },
  resize: { columns: isCount, rows: isCount },
  'debug-trap': {},
};

const fromWorkerShapes: Schemas<FromWorker> = {
  ready: {
    id: isId,
    protocolVersion: isId,
    runtimeVersion: isString,
    pythonVersion: isString,
    platform: isString,
    capabilities: (v) => matches(v, capabilitiesShape),
  },
  restored: { id: isId, packages: arrayOf(isString), files: isCount, failed: arrayOf(isString) },
  result: { id: isId, durationMs: isCount },
  checked: { id: isId, status: oneOf('complete', 'incomplete', 'error') },
  completions: { id: isId, matches: (v) => Array.isArray(v) && v.every(isString), start: isCount },
  'reset-done': { id: isId },
  'file-written': { id: isId, path: isString, bytes: isCount },
  'files-listed': {
    id: isId,
    folder: isString,
    files: (v) => Array.isArray(v) && v.every((f) => isRecord(f) && isString(f.name) && isCount(f.bytes)),
  },
  'file-read': { id: isId, name: isString, data: (v) => v instanceof ArrayBuffer },
  error: { id: orNull(isId), error: (v) => parseKinded(errorShapes, v).ok },
  progress: { phase: isString, loaded: isCount, total: isCount },
  stream: { stream: oneOf('stdout', 'stderr'), text: isString, dropped: isCount },
  'input-request': { echo: (v) => v === undefined || isBoolean(v) },
  fatal: { reason: isString, detail: isString },
  graphics: { commands: (v) => Array.isArray(v) && v.every(isGraphicsCommand) },
  'site-packages': {
    data: orNull((v) => v instanceof ArrayBuffer),
    packages: (v) => Array.isArray(v) && v.every(isString),
  },
  'working-files': { changed: arrayOf(isKeptFile), removed: arrayOf(isString), skipped: arrayOf(isSkippedFile) },
  prompts: { ps1: isString, ps2: isString },
};

function parseKinded<U extends { kind: string }>(schemas: Schemas<U>, data: unknown): ParseResult<U> {
  if (!isRecord(data)) return { ok: false, error: 'message is not an object', id: null };
  const id = isId(data.id) ? (data.id as number) : null;
  const kind = data.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(schemas, kind)) {
    return { ok: false, error: `unknown message kind ${JSON.stringify(kind)}`, id };
  }
  const shape = schemas[kind as U['kind']] as Readonly<Record<string, Check>>;
  for (const key of Object.keys(data)) {
    if (key !== 'kind' && !(key in shape)) {
      return { ok: false, error: `unexpected field "${key}" in "${kind}"`, id };
    }
  }
  for (const [key, check] of Object.entries(shape)) {
    if (!check(data[key])) return { ok: false, error: `bad or missing field "${key}" in "${kind}"`, id };
  }
  // The checks above are exactly the type's fields, so this is the one place where `unknown` becomes typed.
  return { ok: true, message: data as unknown as U };
}

/** Validates a message received by the worker. */
export function parseToWorker(data: unknown): ParseResult<ToWorker> {
  return parseKinded(toWorkerShapes, data);
}

/** Validates a message received by the page. */
export function parseFromWorker(data: unknown): ParseResult<FromWorker> {
  return parseKinded(fromWorkerShapes, data);
}

/** True for the messages that answer a request (they carry its `id`). */
export function isReply(message: FromWorker): message is WorkerReply {
  return 'id' in message;
}
