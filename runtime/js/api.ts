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
}

export class PyodideAPI {
  readonly version: string;
  readonly globals: PyProxy;
  readonly pyodide_py: PyProxy;
  readonly PythonError = PythonError;
  private readonly _runner: PyProxy;
  private readonly _importlib: PyProxy;
  private readonly _pyrt: PyProxy;
  private readonly _jsfinder: PyProxy;

  constructor(private readonly _runtime: Runtime, version: string) {
    this.version = version;
    this._importlib = this._import("importlib");
    this._runner = this._import("_pyrite.runner");
    this._pyrt = this._import("_pyrt");
    this._jsfinder = this._import("_pyrite.jsfinder");
    this.pyodide_py = this._import("pyodide");
    const main = this._import("__main__");
    this.globals = main.__dict__ as PyProxy;
    main.destroy();
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

  /** Runs code; returns the value of a trailing expression (converted implicitly). */
  runPython(code: string, options: RunOptions = {}): unknown {
    return (this._runner.eval_code as (c: string, g: PyProxy) => unknown)(code, options.globals ?? this.globals);
  }

  /** Like runPython, with top-level await; resolves with the trailing expression's value. */
  async runPythonAsync(code: string, options: RunOptions = {}): Promise<unknown> {
    const run = this._runner.eval_code_async as (c: string, g: PyProxy) => Promise<unknown>;
    return await run(code, options.globals ?? this.globals);
  }

  /** A Python module as a PyProxy. */
  pyimport(name: string): PyProxy {
    return (this._importlib.import_module as (n: string) => PyProxy)(name);
  }

  /** Converts a JS value to Python deeply; containers come back as PyProxies. */
  toPy(value: unknown, options: { depth?: number } = {}): unknown {
    const r = this._runtime;
    return r.guard(() => {
      const ptr = r.toPyDeep(value, options.depth ?? -1);
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
    this._runtime.jsModules.set(name, module);
    (this._jsfinder.forget as (n: string) => void)(name);
  }

  unregisterJsModule(name: string): void {
    if (!this._runtime.jsModules.delete(name)) {
      throw new Error(`Cannot unregister '${name}': no JavaScript module with that name is registered`);
    }
    (this._jsfinder.forget as (n: string) => void)(name);
  }

  /** Ctrl+C: when buffer[0] is set to 2 (SIGINT) from another thread, Python raises KeyboardInterrupt. */
  setInterruptBuffer(buffer: Int32Array | undefined): void {
    this._runtime.core.Py_EmscriptenSignalBuffer = buffer;
    (this._pyrt.enable_interrupts as (on: boolean) => void)(buffer !== undefined);
  }

  /** Raises a pending interrupt now (for long JS work called from Python). */
  checkInterrupt(): void {
    this.runPython("pass");
  }

  /** Live objects across the boundary, for leak tests. */
  debugCounters(): DebugCounters {
    const r = this._runtime;
    const counts = (this._pyrt.debug_counters as () => PyProxy)();
    const jsproxies = counts.get("jsproxies") as number;
    counts.destroy();
    return { pyproxies: r.proxies.live, handles: r.h.live, jsproxies, buffers: r.proxies.liveBuffers };
  }

  /** The Emscripten file system. */
  get FS(): unknown {
    return this._runtime.core.FS;
  }
}
