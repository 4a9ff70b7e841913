/**
 * Every message that crosses the page ↔ worker boundary, as closed unions keyed by a literal `kind`.
 * This file is the single source of truth; PROTOCOL.md documents it message by message and
 * `validate.ts` checks incoming data against it at run time.
 */

import type { GraphicsCommand, TurtleEvent } from './graphics';
import type { StdinAnswer } from './sharedMemory';

/** Bumped on every incompatible change; the worker refuses an `init` that names another version. */
export const PROTOCOL_VERSION = 6;

// ---------------------------------------------------------------------------------------------------------------
// Shared payloads

/** One frame of a Python traceback, innermost last (the order `traceback` prints them in). */
export interface FrameData {
  readonly filename: string;
  /** `null` when Python does not know the line (frames of C code, for example). */
  readonly lineno: number | null;
  readonly name: string;
}

/** A Python exception as plain data: the worker never sends a reference to the exception object. */
export interface PythonErrorData {
  readonly kind: 'python';
  /** The exception class name, e.g. `ZeroDivisionError`. */
  readonly type: string;
  /** `str(exc)`; may be empty. */
  readonly message: string;
  /** The user's frames only; the console's own frames are trimmed. */
  readonly frames: readonly FrameData[];
  /** The traceback as CPython would print it, ending with a newline. */
  readonly formatted: string;
}

/** The message could not be understood (unknown kind, missing or mistyped field, wrong version). */
export interface ProtocolErrorData {
  readonly kind: 'protocol';
  readonly message: string;
}

/** A JavaScript error inside the worker that is not a Python exception (a bug on our side). */
export interface InternalErrorData {
  readonly kind: 'internal';
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** The runtime is dead (a `fatal` was sent); every request from then on gets this. */
export interface CrashedErrorData {
  readonly kind: 'crashed';
  readonly message: string;
}

export type ErrorData = PythonErrorData | ProtocolErrorData | InternalErrorData | CrashedErrorData;

/** What the worker can do in this page. */
export interface Capabilities {
  /**
   * `input()` waits for the page's answer: through the stdin mailbox when cross-origin isolated, otherwise by
   * suspending Python (JSPI) until an `input-answer` message. False: `input()` sees EOF.
   */
  readonly blockingInput: boolean;
  /** Writing SIGINT into the interrupt buffer raises KeyboardInterrupt. Otherwise the page must restart the worker. */
  readonly interrupt: boolean;
}

/** `single` = one interactive statement, echoing expression values (the console); `exec` = a whole program. */
export type RunMode = 'single' | 'exec';

/** Result of `check`: whether the console should run the source or ask for a continuation line. */
export type SourceStatus = 'complete' | 'incomplete' | 'error';

export type StreamName = 'stdout' | 'stderr';

/** A file of Python's working folder as the page keeps it: `path` is relative to the folder, `/`-separated. */
export interface KeptFile {
  readonly path: string;
  readonly data: ArrayBuffer;
  /** Its modification time, in milliseconds since the epoch. */
  readonly mtimeMs: number;
}

/** A file of the working folder the worker does not report, being too big for what the page keeps. */
export interface SkippedFile {
  readonly path: string;
  readonly bytes: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Page → worker

export interface InitRequest {
  readonly kind: 'init';
  readonly id: number;
  readonly protocolVersion: number;
  /** Absolute URL of the folder holding pyrite_core.mjs, pyrite_core.wasm and the python_stdlib zips. */
  readonly indexURL: string;
  /** 4 bytes (one Int32) shared with the page, or `null` without cross-origin isolation. */
  readonly interruptBuffer: SharedArrayBuffer | null;
  /** The stdin mailbox (see sharedMemory.ts), or `null` without cross-origin isolation. */
  readonly stdinBuffer: SharedArrayBuffer | null;
  /**
   * Without a mailbox and without JSPI: the URL the worker requests synchronously to wait for an input() answer,
   * held by the page's service worker (public/pyrite-stdin-sw.js); `null` when there is none.
   */
  readonly stdinURL: string | null;
  /** Whether the runtime may use JS Promise Integration (`false` forces the fallbacks, for tests). */
  readonly jspi: boolean;
}

/**
 * What the page kept of the user's work, put back into a new Python before the first run: the packages installed
 * (the last `site-packages` event's archive) and the files of the working folder (from `working-files` events), of
 * the Python this one replaces or of the page's last visit. Served after `init`, before any other request.
 */
export interface RestoreRequest {
  readonly kind: 'restore';
  readonly id: number;
  /** A zip archive of site-packages, or `null` for none. */
  readonly sitePackages: ArrayBuffer | null;
  /** Written into the working folder (folders made as needed), each with its modification time. */
  readonly files: readonly KeptFile[];
  /** Report the working folder's changes from now on (`working-files` events): false when the page keeps none. */
  readonly watchFiles: boolean;
}

export interface RunRequest {
  readonly kind: 'run';
  readonly id: number;
  readonly code: string;
  readonly mode: RunMode;
  /**
   * The name tracebacks give the code (e.g. `<editor>`), registered in `linecache` so they quote its lines.
   * Absent: the console's own `<input-N>` names.
   */
  readonly filename?: string;
}

export interface CheckRequest {
  readonly kind: 'check';
  readonly id: number;
  readonly source: string;
}

export interface CompleteRequest {
  readonly kind: 'complete';
  readonly id: number;
  readonly line: string;
  /** Cursor position in `line`, in UTF-16 code units. */
  readonly cursor: number;
}

export interface ResetRequest {
  readonly kind: 'reset';
  readonly id: number;
}

/**
 * A file for Python (the user uploaded it): written into Python's working directory under the last component of
 * `name`, replacing a file of that name. Served in turn with runs, so it waits for a running program to finish.
 */
export interface WriteFileRequest {
  readonly kind: 'write-file';
  readonly id: number;
  readonly name: string;
  readonly data: ArrayBuffer;
}

/**
 * The regular files under Python's working directory, subfolders included, for the user to download one: at most
 * `MAX_LISTED_FILES`, and one more when there are more.
 */
export interface ListFilesRequest {
  readonly kind: 'list-files';
  readonly id: number;
}

/** One file under Python's working directory (a name `list-files` gave), for the user to download. */
export interface ReadFileRequest {
  readonly kind: 'read-file';
  readonly id: number;
  /** Its path relative to the working directory, with `/` (`output/results.csv`); a path out of it is refused. */
  readonly name: string;
}

/**
 * Raise KeyboardInterrupt in the running code. No reply. A worker busy in synchronous Python cannot read
 * messages, so the page also writes SIGINT into the interrupt buffer directly; this message covers code
 * suspended in `await`, which the buffer alone would only interrupt once it resumes.
 */
export interface InterruptNotice {
  readonly kind: 'interrupt';
}

/**
 * The answer to an `input-request` from a page without a stdin mailbox (no shared memory): the worker is not
 * blocked, Python is suspended (JSPI). No reply; an answer nobody waits for is ignored.
 */
export interface InputAnswerNotice {
  readonly kind: 'input-answer';
  readonly answer: StdinAnswer;
}

/** The user clicked the turtle drawing or pressed a key on it: Python's `turtle` handlers run (no reply). */
export interface TurtleEventNotice {
  readonly kind: 'turtle-event';
  readonly event: TurtleEvent;
}

/** The terminal's size changed: Python sees it in `shutil.get_terminal_size()` and `os.get_terminal_size()`. */
export interface ResizeNotice {
  readonly kind: 'resize';
  readonly columns: number;
  readonly rows: number;
}

/**
 * Test hook: executes a wasm trap inside the runtime, as a runtime bug would, so the worker reports `fatal`.
 * The page sends it only when opened with `?debug`.
 */
export interface DebugTrapNotice {
  readonly kind: 'debug-trap';
}

export type WorkerRequest =
  | InitRequest
  | RestoreRequest
  | RunRequest
  | CheckRequest
  | CompleteRequest
  | ResetRequest
  | WriteFileRequest
  | ListFilesRequest
  | ReadFileRequest;
export type WorkerNotice = InterruptNotice | InputAnswerNotice | TurtleEventNotice | ResizeNotice | DebugTrapNotice;
export type ToWorker = WorkerRequest | WorkerNotice;

// ---------------------------------------------------------------------------------------------------------------
// Worker → page: replies (carry the request's id)

export interface ReadyReply {
  readonly kind: 'ready';
  readonly id: number;
  readonly protocolVersion: number;
  /** The runtime's `version`. */
  readonly runtimeVersion: string;
  /** `sys.version`. */
  readonly pythonVersion: string;
  /** `sys.platform` (`emscripten`), for the console's banner. */
  readonly platform: string;
  readonly capabilities: Capabilities;
}

export interface RestoredReply {
  readonly kind: 'restored';
  readonly id: number;
  /** The distributions installed once the archive was put back, as `name version`, sorted. */
  readonly packages: readonly string[];
  /** How many of the request's files were written. */
  readonly files: number;
  /** The paths of the request's files that could not be written (a folder in the way, a bad path). */
  readonly failed: readonly string[];
}

export interface RunResultReply {
  readonly kind: 'result';
  readonly id: number;
  readonly durationMs: number;
}

export interface CheckReply {
  readonly kind: 'checked';
  readonly id: number;
  readonly status: SourceStatus;
}

export interface CompleteReply {
  readonly kind: 'completions';
  readonly id: number;
  readonly matches: readonly string[];
  /** Where the replaced text starts in the request's `line`; `matches` replace `line.slice(start, cursor)`. */
  readonly start: number;
}

export interface ResetReply {
  readonly kind: 'reset-done';
  readonly id: number;
}

export interface FileWrittenReply {
  readonly kind: 'file-written';
  readonly id: number;
  /** The absolute path Python sees the file at. */
  readonly path: string;
  readonly bytes: number;
}

/** The most files `files-listed` has for the page to show; when there are more, it holds one more, which says so. */
export const MAX_LISTED_FILES = 500;

export interface FileEntry {
  /** The file's path relative to the working directory, with `/` (`results.csv`, `output/results.csv`). */
  readonly name: string;
  readonly bytes: number;
}

export interface FilesListedReply {
  readonly kind: 'files-listed';
  readonly id: number;
  /** The working directory's absolute path. */
  readonly folder: string;
  /**
   * The first `MAX_LISTED_FILES` files read breadth first (the shallowest), with the files at the top first, then
   * folder by folder (a folder's files before its subfolders'), by name; then, when more were left out, one more.
   */
  readonly files: readonly FileEntry[];
}

export interface FileReadReply {
  readonly kind: 'file-read';
  readonly id: number;
  readonly name: string;
  readonly data: ArrayBuffer;
}

/** The failure reply to any request. `id` is `null` when the request was too malformed to carry one. */
export interface ErrorReply {
  readonly kind: 'error';
  readonly id: number | null;
  readonly error: ErrorData;
}

export type WorkerReply =
  | ReadyReply
  | RestoredReply
  | RunResultReply
  | CheckReply
  | CompleteReply
  | ResetReply
  | FileWrittenReply
  | FilesListedReply
  | FileReadReply
  | ErrorReply;

/** Which reply answers which request; `Channel.request` returns this type. */
export interface ReplyFor {
  init: ReadyReply;
  restore: RestoredReply;
  run: RunResultReply;
  check: CheckReply;
  complete: CompleteReply;
  reset: ResetReply;
  'write-file': FileWrittenReply;
  'list-files': FilesListedReply;
  'read-file': FileReadReply;
}

export const REPLY_KIND: { readonly [K in WorkerRequest['kind']]: ReplyFor[K]['kind'] } = {
  init: 'ready',
  restore: 'restored',
  run: 'result',
  check: 'checked',
  complete: 'completions',
  reset: 'reset-done',
  'write-file': 'file-written',
  'list-files': 'files-listed',
  'read-file': 'file-read',
};

// ---------------------------------------------------------------------------------------------------------------
// Worker → page: events (no id)

/** Load progress during `init`; `total` is 0 when unknown. Throttled by the worker. */
export interface ProgressEvent {
  readonly kind: 'progress';
  readonly phase: string;
  readonly loaded: number;
  readonly total: number;
}

/** A batch of output. Sent at most every few tens of milliseconds or per 64 KiB, never per character. */
export interface StreamEvent {
  readonly kind: 'stream';
  readonly stream: StreamName;
  readonly text: string;
  /** Characters dropped right after `text` because one write overflowed the worker's buffer; usually 0. */
  readonly dropped: number;
}

/**
 * Python is waiting for a line from stdin. Any prompt was already sent as `stdout`. The page answers through
 * the stdin mailbox when it sent one in `init` (the worker is blocked and cannot read messages), otherwise with
 * an `input-answer` message.
 */
export interface InputRequestEvent {
  readonly kind: 'input-request';
  /** `false`: a password (`getpass`): the page reads the line without showing what is typed. Absent: shown. */
  readonly echo?: boolean;
}

/** The runtime cannot go on (failed to load, or trapped). The worker answers every later request with `crashed`. */
export interface FatalEvent {
  readonly kind: 'fatal';
  readonly reason: string;
  readonly detail: string;
}

/** Drawing commands of the `turtle` module, batched (see graphics.ts); the page's canvas panel draws them. */
export interface GraphicsEvent {
  readonly kind: 'graphics';
  readonly commands: readonly GraphicsCommand[];
}

/**
 * A run changed the packages installed in site-packages (`micropip.install`, `uninstall`): a zip archive of
 * site-packages, or `null` when none is left. The page keeps the last one and sends it in the `restore` of the next
 * worker, so that a restarted Python (exit, crash, Stop without cross-origin isolation) has them again, and the
 * console page keeps it for the next visit too.
 */
export interface SitePackagesEvent {
  readonly kind: 'site-packages';
  readonly data: ArrayBuffer | null;
  /** The distributions installed, as `name version`, sorted. */
  readonly packages: readonly string[];
}

/**
 * The prompts the console shows from now on: `str(sys.ps1)` and `str(sys.ps2)`, taken after each run as CPython's
 * REPL takes them before each prompt (the defaults `>>> ` and `... ` when missing or when str() fails). Sent before
 * the run's reply when they differ from the last ones sent (a new worker starts from the defaults).
 */
export interface PromptsEvent {
  readonly kind: 'prompts';
  readonly ps1: string;
  readonly ps2: string;
}

/**
 * The working folder changed since the last report (or the `restore`): sent after the reply to a `run`, `write-file`
 * or `restore` that changed it, once `restore` asked for them (`watchFiles`). The page applies it to what it keeps.
 */
export interface WorkingFilesEvent {
  readonly kind: 'working-files';
  /** Files new or changed since the last report, whole. */
  readonly changed: readonly KeptFile[];
  /** Paths reported before that are gone, or now skipped. */
  readonly removed: readonly string[];
  /** Every file there now that is not reported: over the size caps (see PROTOCOL.md). Sorted by path. */
  readonly skipped: readonly SkippedFile[];
}

export type WorkerEvent =
  | ProgressEvent
  | StreamEvent
  | InputRequestEvent
  | FatalEvent
  | GraphicsEvent
  | SitePackagesEvent
  | WorkingFilesEvent
  | PromptsEvent;
export type FromWorker = WorkerReply | WorkerEvent;
