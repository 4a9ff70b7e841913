// The object loadPyodide() resolves to: the seed's API names and semantics.
import { PythonError } from "./errors";
import { isPyProxy, type PyProxy } from "./pyproxy";
import type { Runtime } from "./runtime";

export interface RunOptions {
  globals?: PyProxy;
}

export interface DebugCounters {
  /** PyProxies created and not yet destroyed. */
  pyproxies: number;
  /** JS values held by C++ (the handle table). */
  handles: number;
  /** JsProxy objects alive in Python. */
  jsproxies: number;
  /** getBuffer() views not yet released. */
  buffers: number;
  /** Awaits of a JsProxy whose thenable has not settled yet (each holds a Python future). */
  pendingAwaits: number;
}

export class PyodideAPI {
  readonly version: string;
  readonly globals: PyProxy;
  readonly pyodide_py: PyProxy;
  readonly PythonError = PythonError;
  /** Whether this interpreter was copied in from the build's snapshot (js/snapshot.ts) rather than started. */
  readonly _fromSnapshot: boolean;
  // Python callables the API uses, looked up once (each lookup makes a proxy).
  private readonly _evalCode: (code: string, globals: PyProxy) => unknown;
  private readonly _evalCodeAsync: (code: string, globals: PyProxy) => Promise<unknown>;
  private readonly _forgetModule: (name: string) => void;
  private readonly _enableInterrupts: (on: boolean) => void;
  private readonly _debugCounters: () => PyProxy;
  private readonly _checkSignals: () => void;

  constructor(
    private readonly _runtime: Runtime,
    version: string,
    fromSnapshot = false,
  ) {
    this.version = version;
    this._fromSnapshot = fromSnapshot;
    const attr = <T>(module: string, name: string): T => this._attr<T>(module, name);
    this._evalCode = attr("_pyrite.runner", "eval_code");
    this._evalCodeAsync = attr("_pyrite.runner", "eval_code_async");
    this._forgetModule = attr("_pyrite.jsfinder", "forget");
    this._enableInterrupts = attr("_pyrt", "enable_interrupts");
    this._debugCounters = attr("_pyrt", "debug_counters");
    this._checkSignals = attr("_pyrt", "check_signals");
    // Imported here rather than by _pyrite at start-up, which a snapshot captures: its JS values are the page's.
    this._import("js").destroy();
    this.pyodide_py = this._import("pyodide");
    this.globals = legacyAttributeAccess(withBuiltins(attr("__main__", "__dict__"), attr("builtins", "__dict__")));
  }

  /** `module`'s attribute `name` (the module's own proxy is released). */
  private _attr<T>(module: string, name: string): T {
    const m = this._import(module);
    try {
      return m[name] as T;
    } finally {
      m.destroy();
    }
  }

  private _import(name: string): PyProxy {
    const r = this._runtime;
    return r.guard(() => {
      const n = r.pyStr(name);
      if (!n) r.throwPythonError();
      const m = r.core._pyrt_import(n);
      r.core._pyrt_decref(n);
      if (!m) r.throwPythonError();
      return r.proxies.create(m, r.core._pyrt_type_flags(m));
    });
  }

  /**
   * Runs code (its common indentation removed); returns the value of a trailing expression (converted implicitly).
   * The namespace is `globals` given as the second argument (the seed's form) or as `{ globals }`.
   */
  runPython(code: string, options: RunOptions | PyProxy = {}): unknown {
    if (typeof code !== "string") throw new TypeError("runPython: code must be a string");
    return this._evalCode(code, this._namespace(options, "runPython"));
  }

  /**
   * Like runPython, with top-level await; resolves with the trailing expression's value. The seed's own form,
   * `runPythonAsync(code, messageCallback, errorCallback)`, passes the callbacks to loadPackagesFromImports first
   * and runs in `globals`.
   */
  async runPythonAsync(
    code: string,
    options: RunOptions | PyProxy | ((message: string) => void) = {},
    errorCallback?: (message: string) => void,
  ): Promise<unknown> {
    if (typeof code !== "string") throw new TypeError("runPythonAsync: code must be a string");
    if (typeof options === "function" || (options === undefined && typeof errorCallback === "function")) {
      await this.loadPackagesFromImports(code, options as ((message: string) => void) | undefined, errorCallback);
      return await this._evalCodeAsync(code, this.globals);
    }
    return await this._evalCodeAsync(code, this._namespace(options, "runPythonAsync"));
  }

  private _namespace(options: RunOptions | PyProxy | undefined, caller: string): PyProxy {
    if (options === undefined || options === null) return this.globals;
    if (isPyProxy(options)) return options as PyProxy;
    if (typeof options !== "object") {
      throw new TypeError(`${caller}: the second argument must be a dict (a PyProxy) or { globals }`);
    }
    return (options as RunOptions).globals ?? this.globals;
  }

  /**
   * Deprecated in the seed, where `pyimport(name)` read a global (`globals.get(name)`); later versions import a
   * module. Both work here: a name bound in the globals gives that value (with the seed's warning), any other name
   * is imported (a dotted name gives the submodule itself, as importlib.import_module does).
   */
  pyimport(name: string): unknown {
    if (typeof name !== "string") throw new TypeError("pyimport: the name must be a string");
    if ((this.globals.has as (key: string) => boolean)(name)) {
      console.warn(`pyodide.pyimport("${name}") for a global is deprecated: use pyodide.globals.get("${name}")`);
      return (this.globals.get as (key: string) => unknown)(name);
    }
    // PyImport_Import, without importing importlib (and warnings) at start-up.
    return this._import(name);
  }

  /** Converts a JS value to Python deeply; containers come back as PyProxies. */
  toPy(value: unknown, options: number | { depth?: number } = {}): unknown {
    const r = this._runtime;
    // The seed's toPy(obj, depth) takes the depth positionally; the options object stays.
    const depth = typeof options === "number" ? options : (options.depth ?? -1);
    return r.guard(() => {
      const ptr = r.toPyDeep(value, depth);
      if (!ptr) r.throwPythonError();
      const id = r.core._pyrt_to_js(ptr, 0, 1, 1);
      r.core._pyrt_decref(ptr);
      return r.takeResult(id);
    });
  }

  isPyProxy(value: unknown): value is PyProxy {
    return isPyProxy(value);
  }

  /** Makes `module` importable from Python as `name` (attributes and submodules). */
  registerJsModule(name: string, module: object): void {
    if (typeof name !== "string" || !name || name.includes(".")) {
      throw new TypeError(`registerJsModule: invalid module name ${JSON.stringify(name)}`);
    }
    if (typeof module !== "object" && typeof module !== "function") {
      throw new TypeError("registerJsModule: the module must be an object");
    }
    this._runtime.registerJsModule(name, module);
    this._forgetModule(name);
  }

  unregisterJsModule(name: string): void {
    if (!this._runtime.unregisterJsModule(name)) {
      throw new Error(`Cannot unregister '${name}': no JavaScript module with that name is registered`);
    }
    this._forgetModule(name);
  }

  /**
   * The seed's package loading, kept for code written against it. This runtime has no repository of packages built
   * for it: the whole standard library is in its download, and packages of Python code alone come from PyPI through
   * `micropip` (in Python). So each name is checked to be importable (which may fetch the standard library's second
   * part), and the others are reported through `errorCallback` as the seed reports unknown packages; `import` then
   * raises ModuleNotFoundError for them.
   */
  async loadPackage(
    names: string | string[] | PyProxy,
    messageCallback: (message: string) => void = console.log,
    errorCallback: (message: string) => void = console.warn,
  ): Promise<void> {
    const list: unknown = isPyProxy(names) ? (names as PyProxy).toJs() : typeof names === "string" ? [names] : names;
    if (!Array.isArray(list)) throw new TypeError("loadPackage: expected a package name or a list of names");
    for (const name of list as unknown[]) {
      if (typeof name !== "string") throw new TypeError(`loadPackage: a package name must be a string, not ${typeof name}`);
    }
    // Looked up on first use: start-up does not import pyodide._packages.
    const isImportable = this._attr<PyProxy & ((name: string) => boolean)>("pyodide._packages", "is_importable");
    try {
      for (const name of list as string[]) {
        if (!isImportable(name)) {
          errorCallback(
            `Skipping unknown package '${name}': only the standard library is here; install packages of Python ` +
              `code from PyPI with micropip`,
          );
        }
      }
    } finally {
      isImportable.destroy();
    }
    messageCallback("No new packages to load");
  }

  /**
   * The seed loads the packages that `code` imports from its repository. There is none here (see loadPackage),
   * so there is nothing to load: this resolves once `code` is checked to be a string. (micropip installs from PyPI
   * only when asked: the imports of a program do not say which PyPI project to trust.)
   */
  async loadPackagesFromImports(
    code: string,
    _messageCallback?: (message: string) => void,
    _errorCallback?: (message: string) => void,
  ): Promise<void> {
    if (typeof code !== "string") throw new TypeError("loadPackagesFromImports: code must be a string");
  }

  /** Packages loaded by loadPackage, by name: always empty here (see loadPackage). */
  readonly loadedPackages: Record<string, string> = {};

  /** Ctrl+C: when buffer[0] is set to 2 (SIGINT) from another thread, Python raises KeyboardInterrupt. */
  setInterruptBuffer(buffer: Int32Array | undefined): void {
    this._runtime.interruptBuffer = buffer;
    this._watchSignalReads();
    this._enableInterrupts(buffer !== undefined);
  }

  /**
   * For a host whose timers cannot fire while Python runs (a worker's output batching): `hook` is called now and
   * then while Python code runs, about every 300 of the interpreter's checks for Ctrl+C (which needs an interrupt
   * buffer set). It must not call into Python. Null removes it.
   */
  _setRunningHook(hook: (() => void) | null): void {
    this._runningHook = hook;
    this._watchSignalReads();
  }

  private _runningHook: (() => void) | null = null;
  private _signalReads = 0;
  private _watchingSignalReads = false;

  /**
   * What CPython's check sees as the buffer. CPython reads `[0]` and then writes 0 there, two steps: a Ctrl+C stored
   * between them was wiped out unseen (a press now and then did nothing, more often while the running hook ran
   * between them). Here reading `[0]` takes the signal and clears the cell in one atomic step, and the write is
   * ignored.
   */
  private readonly _signalTaker = Object.defineProperty({}, 0, {
    get: (): number => {
      const buffer = this._runtime.interruptBuffer;
      return buffer ? Atomics.exchange(buffer, 0, 0) : 0;
    },
    set: (): void => {},
  });

  /** CPython reads the buffer (Module.Py_EmscriptenSignalBuffer) at its periodic checks: an accessor sees them. */
  private _watchSignalReads(): void {
    if (this._watchingSignalReads) return;
    this._watchingSignalReads = true;
    Object.defineProperty(this._runtime.core, "Py_EmscriptenSignalBuffer", {
      configurable: true,
      get: (): object | undefined => {
        if (this._runningHook !== null && ++this._signalReads >= 1_000) {
          this._signalReads = 0;
          try {
            this._runningHook();
          } catch (e) {
            console.error("pyrite: the running hook failed:", e);
          }
        }
        return this._runtime.interruptBuffer && this._signalTaker;
      },
      set: (buffer: Int32Array | undefined): void => {
        this._runtime.interruptBuffer = buffer;
      },
    });
  }

  /**
   * Whether input() and time.sleep(), in code run from the event loop (runPythonAsync, tasks, timers), suspend
   * Python with JS Promise Integration instead of blocking the thread; stdin may then return a promise.
   */
  get canSuspend(): boolean {
    return this._runtime.suspendable;
  }

  /**
   * What suspended Python is waiting for right now: `"input"`, `"sleep"`, or `"loop"` (a blocking
   * `asyncio.run` / `run_until_complete`, while other tasks run); null when it is not suspended.
   */
  get waitingFor(): "input" | "sleep" | "loop" | null {
    return this._runtime.waiting;
  }

  /** Raises a pending interrupt (the interrupt buffer is set) now, as a KeyboardInterrupt PythonError. */
  checkInterrupt(): void {
    this._checkSignals();
  }

  /** Live objects across the boundary, for leak tests. */
  debugCounters(): DebugCounters {
    const r = this._runtime;
    const counts = this._debugCounters();
    const jsproxies = (counts.get as (key: string) => number)("jsproxies");
    counts.destroy();
    return {
      pyproxies: r.proxies.live,
      handles: r.h.live,
      jsproxies,
      buffers: r.proxies.liveBuffers,
      pendingAwaits: r.pendingAwaits,
    };
  }

  /** Test hooks: fault injection. */
  readonly _debug = {
    /** Executes a wasm trap inside the runtime, as a runtime bug would. */
    trap: (): void => this._runtime.guard(() => this._runtime.core._pyrt_debug_trap()),
  };

  /** The Emscripten file system. */
  get FS(): unknown {
    return this._runtime.core.FS;
  }
}

/**
 * `pyodide.globals.get("dict")` gives the builtin, as in the seed (which copied the builtins into `__main__`), so
 * the common `pyodide.globals.get("dict")()` makes a fresh namespace. The builtins are looked up after the
 * globals instead of copied in, which keeps `dir()` and `globals()` in the console as CPython's.
 */
function withBuiltins(dict: PyProxy, builtins: PyProxy): PyProxy {
  const get = dict.get as (key: unknown) => unknown;
  const has = dict.has as (key: unknown) => boolean;
  const builtinGet = builtins.get as (key: unknown) => unknown;
  const builtinHas = builtins.has as (key: unknown) => boolean;
  const lookup = (key: unknown): unknown => (has.call(dict, key) ? get.call(dict, key) : builtinGet.call(builtins, key));
  const contains = (key: unknown): boolean => has.call(dict, key) || builtinHas.call(builtins, key);
  return new Proxy(dict, {
    get(target, key, receiver) {
      if (key === "get") return lookup;
      if (key === "has") return contains;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/**
 * The seed keeps `pyodide.globals.x` working (deprecated for
 * `pyodide.globals.get("x")`): names that are not PyProxy members read and
 * write the dict's items.
 */
function legacyAttributeAccess(dict: PyProxy): PyProxy {
  const get = dict.get as (key: string) => unknown;
  const set = dict.set as (key: string, value: unknown) => void;
  return new Proxy(dict, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key in target) return Reflect.get(target, key, receiver) as unknown;
      return get.call(target, key);
    },
    set(target, key, value) {
      if (typeof key === "symbol" || key in target) return Reflect.set(target, key, value);
      set.call(target, key, value);
      return true;
    },
  });
}
