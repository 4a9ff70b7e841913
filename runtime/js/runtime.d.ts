import { FatalRuntimeError, PythonError } from "./errors";
import { HandleTable } from "./handles";
import type { CoreModule, JsId, PyPtr } from "./module";
import { PyProxyFactory } from "./pyproxy";
export interface RuntimeOptions {
    stdout?: (text: string) => void;
    stderr?: (text: string) => void;
    stdin?: () => string | null | undefined;
}
export declare class Runtime {
    readonly options: RuntimeOptions;
    core: CoreModule;
    readonly h: HandleTable;
    readonly jsModules: Map<string, unknown>;
    readonly MISSING: symbol;
    readonly proxies: PyProxyFactory;
    fatal: FatalRuntimeError | null;
    private readonly _names;
    private readonly _identities;
    private _nextIdentity;
    private _scratch;
    private _scratchSize;
    private _sleepCell;
    private readonly _soon;
    private _soonPort;
    constructor(options: RuntimeOptions);
    /** Throws the pending Python error (as a PythonError or the original JS error). */
    throwPythonError(): never;
    /** Reads a handle returned by an export, throwing on the error sentinel. */
    takeResult(id: JsId): unknown;
    checkStatus(status: number): number;
    /** Runs `fn` (which calls into wasm); anything but a Python-level error is fatal. */
    guard<T>(fn: () => T): T;
    /** Marks the runtime as failed: every later call throws FatalRuntimeError. */
    fail(cause: unknown): FatalRuntimeError;
    /** Scratch memory for argument arrays (grows, never shrinks). */
    scratch(bytes: number): number;
    /** Implicit conversion; returns a new reference, or 0 with a Python error set. */
    toPy(v: unknown): PyPtr;
    /** Deep conversion (JsProxy.to_py / toPy): containers copied, shared parts kept shared. */
    toPyDeep(value: unknown, depth: number): PyPtr;
    /** A memoryview over a copy of a JS buffer, with the element format. */
    bufferToPy(v: ArrayBuffer | ArrayBufferView): PyPtr;
    /** A new Python str with the JS string's exact code units (lone surrogates kept). */
    pyStr(s: string): PyPtr;
    /** An interned Python str for an attribute name (kept for good), or a fresh one. */
    pyName(name: string): {
        ptr: PyPtr;
        temporary: boolean;
    };
    /** Decodes a Python str's data (PEP 393 kind 1, 2 or 4). */
    readString(kind: number, data: number, length: number): string;
    setJsError(e: unknown): void;
    newPythonError(type: string, message: string, address: number): PythonError;
    newPyProxy(ptr: PyPtr, flags: number): unknown;
    typeFlags(v: unknown): number;
    getItem(o: unknown, key: unknown): unknown;
    setItem(o: unknown, key: unknown, value: unknown): void;
    deleteItem(o: unknown, key: unknown): boolean;
    hasItem(o: unknown, key: unknown): boolean;
    repr(v: unknown): string;
    truthy(v: unknown): boolean;
    dir(v: unknown): string[];
    identity(v: unknown): number;
    then(thenable: PromiseLike<unknown>, ok: unknown, err: unknown, finally_: number): unknown;
    onceCallable(proxy: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown;
    releaseTemporaries(ids: number, n: number): void;
    bufferInfo(v: unknown, itemsizePtr: number, formatPtr: number): number;
    bytesOf(v: unknown): Uint8Array;
    schedule(delayMs: number, callback: () => void): void;
    /** Runs `fn` in a new host task without setTimeout's clamp. */
    soon(fn: () => void): void;
    write(fd: number, text: string): void;
    readLine(buffer: number, capacity: number): number;
    sleep(seconds: number): number;
}
