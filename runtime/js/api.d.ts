import { PythonError } from "./errors";
import { type PyProxy } from "./pyproxy";
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
export declare class PyodideAPI {
    private readonly _runtime;
    readonly version: string;
    readonly globals: PyProxy;
    readonly pyodide_py: PyProxy;
    readonly PythonError: typeof PythonError;
    private readonly _runner;
    private readonly _importlib;
    private readonly _pyrt;
    private readonly _jsfinder;
    constructor(_runtime: Runtime, version: string);
    private _import;
    /** Runs code; returns the value of a trailing expression (converted implicitly). */
    runPython(code: string, options?: RunOptions): unknown;
    /** Like runPython, with top-level await; resolves with the trailing expression's value. */
    runPythonAsync(code: string, options?: RunOptions): Promise<unknown>;
    /** A Python module as a PyProxy. */
    pyimport(name: string): PyProxy;
    /** Converts a JS value to Python deeply; containers come back as PyProxies. */
    toPy(value: unknown, options?: {
        depth?: number;
    }): unknown;
    isPyProxy(value: unknown): value is PyProxy;
    /** Makes `module` importable from Python as `name` (attributes and submodules). */
    registerJsModule(name: string, module: object): void;
    unregisterJsModule(name: string): void;
    /** Ctrl+C: when buffer[0] is set to 2 (SIGINT) from another thread, Python raises KeyboardInterrupt. */
    setInterruptBuffer(buffer: Int32Array | undefined): void;
    /** Raises a pending interrupt now (for long JS work called from Python). */
    checkInterrupt(): void;
    /** Live objects across the boundary, for leak tests. */
    debugCounters(): DebugCounters;
    /** The Emscripten file system. */
    get FS(): unknown;
}
