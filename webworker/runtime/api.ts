/**
 * The slice of the runtime's JS API that the worker uses, written from the runtime contract. The worker only
 * depends on these names; `loadRuntime.ts` checks the real module against them at compile time.
 */

export interface LoadProgress {
  readonly phase: string;
  readonly loaded: number;
  readonly total: number;
}

export interface RuntimeLoadOptions {
  indexURL: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Called when Python reads a line; `null` means EOF. A promise needs `canSuspend` (JSPI). */
  stdin?: () => string | null | Promise<string | null>;
  /** A synchronous wait for time.sleep() without JSPI and SharedArrayBuffer; false: it could not (then it spins). */
  blockingWait?: (ms: number) => boolean;
  onProgress?: (progress: LoadProgress) => void;
  /** JS Promise Integration where the engine has it (default true). */
  jspi?: boolean;
}

export interface RuntimeApi {
  readonly version: string;
  runPython(code: string): unknown;
  runPythonAsync(code: string): Promise<unknown>;
  setInterruptBuffer(buffer: Int32Array): void;
  /** Called now and then while Python code runs (the worker's timers cannot fire then). */
  _setRunningHook(hook: (() => void) | null): void;
  /** input() and time.sleep() suspend Python (JSPI) instead of blocking the worker. */
  readonly canSuspend: boolean;
  /** What suspended synchronous Python waits for, if anything. */
  readonly waitingFor: 'input' | 'sleep' | 'loop' | null;
  /** Makes `module` importable from Python as `name`. */
  registerJsModule(name: string, module: object): void;
  /** Test hooks; `trap()` executes a wasm trap, after which the runtime is dead. */
  readonly _debug: { trap(): void };
}

/** What the runtime throws for a Python exception that reaches JavaScript. */
export interface RuntimePythonError {
  readonly name: 'PythonError';
  readonly type: string;
  /** The formatted traceback. */
  readonly message: string;
}

export function isRuntimePythonError(error: unknown): error is RuntimePythonError {
  return error instanceof Error && error.name === 'PythonError' && typeof (error as { type?: unknown }).type === 'string';
}

/**
 * The exit status of the runtime's `FatalRuntimeError` when Python ended the process (`os._exit(n)` runs C's
 * `exit`), rather than failing; null for anything else.
 */
export function runtimeExitStatus(error: unknown): number | null {
  if (!(error instanceof Error) || error.name !== 'FatalRuntimeError') return null;
  const status = (error as { exitStatus?: unknown }).exitStatus;
  return typeof status === 'number' ? status : null;
}
