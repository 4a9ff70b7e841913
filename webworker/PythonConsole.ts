/**
 * The worker's handle on the Python side of the console (python/pyrite_console.py). Requests and replies cross
 * the JS/Python boundary as JSON strings inside Python source, so this needs nothing from the runtime beyond
 * `runPython`/`runPythonAsync` returning a string.
 */
import helperSource from './python/pyrite_console.py?raw';
import type { FileEntry, PythonErrorData, RunMode, SkippedFile, SourceStatus } from './protocol';
import type { RuntimeApi } from './runtime/api';

const MODULE = '_pyrite_console';

/** `str(sys.ps1)` and `str(sys.ps2)` after a run (the defaults when missing or failing), for the next prompts. */
export interface Prompts {
  readonly ps1: string;
  readonly ps2: string;
}

export type RunOutcome = (
  { readonly ok: true; readonly durationMs: number } | { readonly ok: false; readonly error: PythonErrorData }
) & { readonly prompts: Prompts };

export type WriteFileOutcome =
  | { readonly ok: true; readonly path: string; readonly bytes: number }
  | { readonly ok: false; readonly error: PythonErrorData };

export type ListFilesOutcome =
  | { readonly ok: true; readonly folder: string; readonly files: readonly FileEntry[] }
  | { readonly ok: false; readonly error: PythonErrorData };

export type ReadFileOutcome =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: PythonErrorData };

export type RestoreSitePackagesOutcome =
  { readonly ok: true; readonly packages: readonly string[] } | { readonly ok: false; readonly error: PythonErrorData };

export interface SitePackagesChange {
  readonly changed: boolean;
  /** `name version` of each distribution installed. */
  readonly packages: readonly string[];
}

/**
 * What changed in the working folder since the last report; with `changed`, Python has handed the bytes of each of
 * `files`, in order, to the worker's `_pyrite_worker.put_kept_file()`.
 */
export type WorkingFilesChange =
  | { readonly changed: false }
  | {
      readonly changed: true;
      readonly files: readonly { readonly path: string; readonly mtimeMs: number }[];
      readonly removed: readonly string[];
      readonly skipped: readonly SkippedFile[];
    };

export interface RestoreFilesOutcome {
  readonly files: number;
  readonly failed: readonly string[];
}

export interface Completions {
  readonly matches: readonly string[];
  readonly start: number;
}

/** A JSON string is also a valid Python string literal (same escapes), which keeps quoting in one place. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

function expectString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} returned ${typeof value}, expected a JSON string`);
  return value;
}

export class PythonConsole {
  private constructor(private readonly _api: RuntimeApi) {}

  /** Installs the helper module (once per runtime) without leaving names in `__main__`. */
  static install(api: RuntimeApi): PythonConsole {
    const installer = [
      'import sys, types',
      `m = types.ModuleType(${pythonString(MODULE)})`,
      "m.__file__ = '<pyrite-console>'",
      `sys.modules[${pythonString(MODULE)}] = m`,
      "exec(compile(src, '<pyrite-console>', 'exec'), m.__dict__)",
    ].join('\n');
    api.runPython(`exec(${pythonString(installer)}, {"src": ${pythonString(helperSource)}})`);
    return new PythonConsole(api);
  }

  /**
   * Imports asyncio, which start-up leaves out (it is a fifth of it) and every `run` needs, and what the console's
   * requests use (json, ast, codeop, rlcompleter, ...: `warm_up` in python/pyrite_console.py); called when the
   * worker is idle after `ready`, so that neither the prompt nor the first input waits for them.
   */
  prepareRun(): void {
    // __import__ rather than `import`: nothing is bound in the user's namespace.
    this._api.runPython(`__import__('asyncio')\n__import__(${pythonString(MODULE)}).warm_up()`);
  }

  /**
   * `sys.version` and `sys.platform`, read directly rather than through a JSON request: this comes before `ready`,
   * and JSON requests import json on first use.
   */
  pythonVersion(): { readonly version: string; readonly platform: string } {
    return {
      version: expectString(this._api.runPython("__import__('sys').version"), 'sys.version'),
      platform: expectString(this._api.runPython("__import__('sys').platform"), 'sys.platform'),
    };
  }

  /**
   * Sets COLUMNS/LINES, which `shutil.get_terminal_size()` and the console's `os.get_terminal_size()` read. The
   * sizes go in as integers, not a JSON request: this comes right after `ready`, before the console's imports.
   */
  setTerminalSize(columns: number, rows: number): void {
    const [cols, lines] = [Math.trunc(columns), Math.trunc(rows)];
    if (!Number.isSafeInteger(cols) || !Number.isSafeInteger(lines)) {
      throw new RangeError(`terminal size ${columns}x${rows} is out of range`);
    }
    this._api.runPython(`__import__(${pythonString(MODULE)}).set_terminal_size(${cols}, ${lines})`);
  }

  check(source: string): SourceStatus {
    return this._call<{ status: SourceStatus }>('check', { source }).status;
  }

  complete(line: string, cursor: number): Completions {
    return this._call<Completions>('complete', { line, cursor });
  }

  reset(): void {
    this._call('reset', {});
  }

  /**
   * Writes the file being uploaded (Python takes its bytes from the worker's `_pyrite_worker.take_upload()`) into
   * the working directory as `name`'s last component.
   */
  writeFile(name: string): WriteFileOutcome {
    return this._call<WriteFileOutcome>('write_file', { name });
  }

  /** The regular files in the working directory. */
  listFiles(): ListFilesOutcome {
    return this._call<ListFilesOutcome>('list_files', {});
  }

  /** Hands a working-directory file's bytes to the worker's `_pyrite_worker.put_download()`. */
  readFile(name: string): ReadFileOutcome {
    return this._call<ReadFileOutcome>('read_file', { name });
  }

  /**
   * Whether the last run changed the packages installed; if so, Python has handed a zip of site-packages (or null)
   * to the worker's `_pyrite_worker.put_site_packages()`.
   */
  sitePackagesChange(): SitePackagesChange {
    return this._call<SitePackagesChange>('site_packages_change', {});
  }

  /** Puts back installed packages: a zip of site-packages, taken from the worker's `_pyrite_worker.take_upload()`. */
  restoreSitePackages(): RestoreSitePackagesOutcome {
    return this._call<RestoreSitePackagesOutcome>('restore_site_packages', {});
  }

  /**
   * After a run or an upload, when the page watches the folder (the worker decides): what changed in the working folder (a listing of
   * sizes and times tells; only changed files are read).
   */
  workingFilesChange(): WorkingFilesChange {
    return this._call<WorkingFilesChange>('working_files_change', {});
  }

  /**
   * Writes the files the page kept into the working folder (Python takes the bytes of the i-th from the worker's
   * `_pyrite_worker.take_kept_file(i)`).
   */
  restoreFiles(files: readonly { readonly path: string; readonly mtimeMs: number }[]): RestoreFilesOutcome {
    return this._call<RestoreFilesOutcome>('restore_files', { files });
  }

  /** Cancels an input suspended in `await` (synchronous code is interrupted through the interrupt buffer). */
  interrupt(): void {
    this._call('interrupt', {});
  }

  /** `filename` names the code in tracebacks (default: the console's `<input-N>`). */
  async run(code: string, mode: RunMode, filename?: string): Promise<RunOutcome> {
    const payload = JSON.stringify({ code, mode, filename: filename ?? null });
    const source = `await __import__(${pythonString(MODULE)}).run(${pythonString(payload)})`;
    const reply = expectString(await this._api.runPythonAsync(source), 'run');
    return JSON.parse(reply) as RunOutcome;
  }

  private _call<T>(name: string, payload: object): T {
    const source = `__import__(${pythonString(MODULE)}).${name}(${pythonString(JSON.stringify(payload))})`;
    return JSON.parse(expectString(this._api.runPython(source), name)) as T;
  }
}
