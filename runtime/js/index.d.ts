import { PyodideAPI } from "./api";
import { type RuntimeOptions } from "./runtime";
export { PythonError, FatalRuntimeError, UseAfterDestroyError } from "./errors";
export type { PyProxy, PyBuffer } from "./pyproxy";
export type { PyodideAPI, DebugCounters, RunOptions } from "./api";
export declare const version = "0.1.0";
export interface LoadProgress {
    phase: "download" | "compile" | "start" | "ready";
    loaded: number;
    total: number;
}
export interface LoadOptions extends RuntimeOptions {
    /** URL (or, in Node, a folder path) holding pyrite_core.mjs/.wasm and python_stdlib.zip. */
    indexURL?: string;
    onProgress?: (progress: LoadProgress) => void;
}
export declare function loadPyodide(options?: LoadOptions): Promise<PyodideAPI>;
