// loadPyodide(): fetches the core (wasm + its ES module) and the stdlib bundle
// in parallel, starts Python, and returns the API. Works on a page's main
// thread, in a module Web Worker, and in Node.
import { PyodideAPI } from "./api";
import type { CoreFactory, CoreModule, CoreModuleOptions } from "./module";
import { HOST_MODULE, Runtime, type RuntimeOptions } from "./runtime";
import { makeSnapshot, restoreSnapshot } from "./snapshot";
import { localTimeZone } from "./timezone";

export { PythonError, FatalRuntimeError, UseAfterDestroyError } from "./errors";
export type { PyProxy, PyBuffer } from "./pyproxy";
export type { PyodideAPI, DebugCounters, RunOptions } from "./api";

export const version = "0.1.0";

export interface LoadProgress {
  phase: "download" | "compile" | "start" | "ready";
  loaded: number;
  total: number;
}

export interface LoadOptions extends RuntimeOptions {
  /** URL (or, in Node, a folder path) holding pyrite_core.mjs/.wasm and the python_stdlib zips. */
  indexURL?: string;
  /** Download the whole stdlib at start, instead of its less used part on first import. */
  fullStdLib?: boolean;
  /**
   * Use JS Promise Integration where the engine has it (default true): input() and time.sleep() then
   * suspend Python instead of blocking the thread, and stdin may return a promise.
   */
  jspi?: boolean;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Start from the snapshot of an initialised interpreter next to the wasm (pyrite_snapshot.bin, made at build
   * time: js/snapshot.ts) when there is one that fits this build (default true); false starts Python from scratch.
   */
  snapshot?: boolean;
  /** Build time (tools/make_snapshot.mjs): start from scratch and hand over the snapshot of the result. */
  _makeSnapshot?: (snapshot: Uint8Array) => void;
}

const isNode =
  typeof process !== "undefined" &&
  typeof (process as { versions?: { node?: string } }).versions?.node === "string" &&
  typeof (globalThis as { window?: unknown }).window === "undefined";

export async function loadPyodide(options: LoadOptions = {}): Promise<PyodideAPI> {
  const base = await resolveIndexURL(options.indexURL);
  const progress = new Progress(options.onProgress);
  const runtime = new Runtime(options);
  const factoryPromise = import(/* @vite-ignore */ base + "pyrite_core.mjs") as Promise<{
    default: CoreFactory;
  }>;
  const useSnapshot = options.snapshot !== false && !options._makeSnapshot;
  const downloads = Promise.all([
    compileWasm(base + "pyrite_core.wasm", progress),
    fetchBytes(base + "python_stdlib.zip", progress),
    options.fullStdLib ? fetchBytes(base + STDLIB_EXTRA, progress) : null,
    // Optional: a build without one, or a server without it, starts Python from scratch.
    useSnapshot ? fetchBytes(base + SNAPSHOT, progress).catch(() => null) : null,
  ]);
  // What C's tzset() will report (js/tzset_library.js).
  runtime.timeZone = localTimeZone();
  const [wasmModule, stdlib, stdlibExtra, snapshot] = await downloads;
  if (isNode) await nodeGlobals(base);
  const factory = (await factoryPromise).default;
  const moduleOptions: CoreModuleOptions = {
    pyrt: runtime,
    instantiateWasm(imports, done) {
      const wasm: object = WebAssembly;
      const jspi = options.jspi !== false && hasJspi(wasm) ? wasm : null;
      const env = imports.env!;
      for (const name of jspi ? SUSPENDING_IMPORTS : []) {
        env[name] = new jspi!.Suspending(env[name] as () => unknown) as WebAssembly.ImportValue;
      }
      WebAssembly.instantiate(wasmModule, imports).then((instance) => {
        if (jspi) {
          const exports = instance.exports as unknown as SuspendableExports;
          runtime.enableSuspending(jspi.promising(exports.pyrt_call_suspendable));
        }
        done(instance, wasmModule);
      });
      return {};
    },
    // The same environment everywhere: Emscripten derives LANG from the browser's language and `_` from Node's
    // script, and the C runtime copies them into wasm memory before pyrt_init, where a snapshot (made in Node)
    // must find the same bytes as the page.
    preRun: [
      (module) => {
        module.ENV.LANG = "C.UTF-8";
        module.ENV._ = undefined;
        // `~` is the working folder, the one the console keeps and offers for download (Emscripten's default is
        // /home/web_user), as in Pyodide.
        module.ENV.HOME = "/home/pyodide";
      },
    ],
    print: (text) => runtime.write(1, text + "\n"),
    printErr: (text) => runtime.write(2, text + "\n"),
    onAbort: (what) => runtime.fail(what),
  };
  const core: CoreModule = await factory(moduleOptions);
  runtime.core = core;
  progress.report("start");
  core.FS.mkdirTree("/lib/python3.11/lib-dynload");
  core.FS.writeFile("/lib/python311.zip", stdlib);
  // The rest of the stdlib, fetched on the first import that needs it (runtime/python/_pyrite/lazystdlib.py).
  let extraWritten = false;
  const writeExtra = (bytes: Uint8Array): string => {
    core.FS.writeFile(STDLIB_EXTRA_PATH, bytes);
    extraWritten = true;
    return STDLIB_EXTRA_PATH;
  };
  if (stdlibExtra) writeExtra(stdlibExtra);
  // Services of the JS half that the runtime's Python package imports as `_pyrite_host`.
  runtime.jsModules.set(HOST_MODULE, {
    fetch_stdlib_extra: (): string => {
      if (extraWritten) return STDLIB_EXTRA_PATH;
      if (isNode && !base.startsWith("file:")) {
        throw new Error(`cannot fetch ${base + STDLIB_EXTRA} synchronously in Node; load with fullStdLib: true`);
      }
      return writeExtra(fetchBytesSync(base + STDLIB_EXTRA));
    },
    // The Promise a coroutine returned to JS becomes (python/_pyrite/webloop.py). In the seed it was a PyProxy
    // that code released with destroy() after awaiting it; that call still works, with nothing left to release.
    promise_of: (executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): Promise<unknown> =>
      Object.assign(new Promise(executor), { destroy(): void {} }),
    // A promise Python settles would stay pending forever once the runtime is dead: it is rejected then.
    when_fatal: (reject: (error: unknown) => void): (() => void) => runtime.whenFatal(reject),
    // pyodide.open_url, register_js_module and unregister_js_module (python/pyodide/_packages.py).
    fetch_bytes_sync: (url: string): Uint8Array => fetchBytesSync(url),
    // http.client over the browser's HTTP (python/_pyrite/browserhttp.py); Node has no synchronous HTTP.
    can_request_sync: typeof XMLHttpRequest === "function",
    request_sync: requestSync,
    register_js_module: (name: string, module: unknown): void => runtime.registerJsModule(name, module),
    unregister_js_module: (name: string): boolean => runtime.unregisterJsModule(name),
  });
  core.FS.mkdirTree("/home/pyodide");
  // The working directory Python starts in (os.getcwd() asks the same file system).
  core.FS.chdir("/home/pyodide");
  runtime.jsModules.set("js", globalThis);
  // Everything above happens the same way whether Python then starts or is restored: a snapshot is a copy of
  // memory after pyrt_init, taken against memory just before it.
  const before = options._makeSnapshot ? core.HEAPU8.slice() : null;
  const fromSnapshot = snapshot !== null && restoreSnapshot(core, snapshot, stdlib);
  if (fromSnapshot) {
    if (runtime.guard(() => core._pyrt_after_restore()) !== 0) {
      throw runtime.fail(new Error("Python failed to start from its snapshot (see stderr)"));
    }
  } else if (runtime.guard(() => core._pyrt_init()) !== 0) {
    throw runtime.fail(new Error("Python failed to start (see stderr)"));
  }
  if (before) options._makeSnapshot!(snapshotOf(core, before, stdlib, runtime));
  const api = new PyodideAPI(runtime, version, fromSnapshot);
  // As the seed's loadPyodide: code written for it uses the global `pyodide`, and Python's `import pyodide_js`.
  (globalThis as { pyodide?: PyodideAPI }).pyodide = api;
  runtime.registerJsModule("pyodide_js", api);
  progress.report("ready");
  return api;
}

/** The snapshot, checked for what it must not hold: JS values (the page's differ from Node's) or open files. */
function snapshotOf(core: CoreModule, before: Uint8Array, stdlib: Uint8Array, runtime: Runtime): Uint8Array {
  const open = core.FS.streams.filter((s, fd) => s && fd > 2).length;
  if (runtime.h.live !== 0 || open !== 0) {
    throw new Error(`snapshot: start-up left ${runtime.h.live} JS handles and ${open} open files`);
  }
  return makeSnapshot(core, before, stdlib);
}

const SNAPSHOT = "pyrite_snapshot.bin";
const STDLIB_EXTRA = "python_stdlib_extra.zip";
const STDLIB_EXTRA_PATH = "/lib/python311_extra.zip";

/** The C++ side's waits that suspend the wasm stack (src/suspend.cpp). */
const SUSPENDING_IMPORTS = [
  "pyrt_js_read_line_suspending",
  "pyrt_js_sleep_suspending",
  "pyrt_js_wait_host_call_suspending",
];

interface SuspendableExports {
  pyrt_call_suspendable(callable: number): number;
}

/** JS Promise Integration (Chromium 137+, Firefox 153+), which TypeScript's lib does not describe yet. */
interface JspiWebAssembly {
  Suspending: new (fn: (...args: never[]) => unknown) => unknown;
  promising<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => Promise<R>;
}

function hasJspi(wasm: object): wasm is JspiWebAssembly {
  return "Suspending" in wasm && "promising" in wasm;
}

class Progress {
  private readonly _sizes = new Map<string, [number, number]>();
  constructor(private readonly _callback?: (p: LoadProgress) => void) {}
  update(url: string, loaded: number, total: number): void {
    this._sizes.set(url, [loaded, total]);
    this.report("download");
  }
  report(phase: LoadProgress["phase"]): void {
    if (!this._callback) return;
    let loaded = 0;
    let total = 0;
    for (const [l, t] of this._sizes.values()) {
      loaded += l;
      total += t;
    }
    this._callback({ phase, loaded, total });
  }
}

async function resolveIndexURL(indexURL: string | undefined): Promise<string> {
  let base = indexURL ?? new URL(/* @vite-ignore */ ".", import.meta.url).href;
  if (!base.endsWith("/")) base += "/";
  if (isNode && !/^[a-z]+:\/\//i.test(base) && !base.startsWith("file:")) {
    const { pathToFileURL } = await import(/* @vite-ignore */ "node:url" as string);
    const { resolve } = await import(/* @vite-ignore */ "node:path" as string);
    base = pathToFileURL(resolve(base)).href + "/";
  } else if (!isNode) {
    // Relative to the page (or the worker's script), as fetch resolves it; import() would resolve it against
    // this module's own URL, so both are given the absolute form.
    const page = (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? globalThis.location?.href;
    if (page) base = new URL(base, page).href;
  }
  return base;
}

/**
 * Compiles the core. In browsers this streams straight from the HTTP response,
 * which lets V8 compile while downloading and cache the optimised code for the
 * next load (a response rebuilt for progress counting would not be cached);
 * the wasm's bytes are counted when it is done.
 */
async function compileWasm(url: string, progress: Progress): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === "function" && !url.startsWith("file:")) {
    const response = fetch(url);
    const size = Number((await response).headers.get("Content-Length")) || 0;
    progress.update(url, 0, size);
    try {
      const module = await WebAssembly.compileStreaming(response);
      progress.update(url, size, size);
      return module;
    } catch (e) {
      // A server sending the wrong MIME type: fall back to compiling bytes.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  const bytes = await fetchBytes(url, progress);
  progress.report("compile");
  return WebAssembly.compile(bytes as BufferSource);
}

async function fetchBytes(url: string, progress: Progress): Promise<Uint8Array> {
  if (isNode && url.startsWith("file:")) {
    const { readFile } = await import(/* @vite-ignore */ "node:fs/promises" as string);
    const data: Uint8Array = await readFile(new URL(url));
    progress.update(url, data.length, data.length);
    return data;
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`loadPyodide: could not fetch ${url} (HTTP ${response.status})`);
  const total = Number(response.headers.get("Content-Length")) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    progress.update(url, loaded, Math.max(total, loaded));
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Fetches while Python waits inside an import: a file read in Node, a synchronous XMLHttpRequest in browsers
 * (binary through `arraybuffer` in workers; a page's main thread may not set responseType on a synchronous
 * request, so there the bytes come through a `x-user-defined` string).
 */
function fetchBytesSync(url: string): Uint8Array {
  if (isNode) {
    if (!url.startsWith("file:")) throw new Error(`cannot fetch ${url} synchronously in Node (only file: URLs)`);
    const g = globalThis as { process?: { getBuiltinModule?: (name: string) => unknown }; require?: unknown };
    const fs = (g.process?.getBuiltinModule?.("node:fs") ?? (g.require as (name: string) => unknown)("node:fs")) as {
      readFileSync(path: URL): Uint8Array;
    };
    return fs.readFileSync(new URL(url));
  }
  const response = requestSync("GET", url, "", null, 0);
  if (response.status !== 200) throw new Error(`could not fetch ${url} (HTTP ${response.status})`);
  return response.body;
}

/** What `requestSync` answers: the status line, the headers as the browser gives them, and the decoded body. */
interface SyncResponse {
  status: number;
  statusText: string;
  headers: string;
  body: Uint8Array;
  url: string;
}

/**
 * One HTTP request made synchronously with XMLHttpRequest (allowed in workers; deprecated but working on a page's
 * main thread, where it cannot have a timeout or a binary response type). `headers` is "Name: value" lines. The
 * browser follows redirects and decodes the body; a network error (or a refused cross-origin request) throws.
 */
function requestSync(method: string, url: string, headers: string, body: Uint8Array | null, timeoutMs: number): SyncResponse {
  const request = new XMLHttpRequest();
  request.open(method, url, false);
  const inWorker = typeof (globalThis as { window?: unknown }).window === "undefined";
  if (inWorker) {
    request.responseType = "arraybuffer";
    if (timeoutMs > 0) request.timeout = timeoutMs;
  } else {
    request.overrideMimeType("text/plain; charset=x-user-defined");
  }
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) request.setRequestHeader(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  request.send(body as XMLHttpRequestBodyInit | null);
  let bytes: Uint8Array;
  if (inWorker) {
    bytes = new Uint8Array((request.response as ArrayBuffer | null) ?? new ArrayBuffer(0));
  } else {
    const text = request.responseText;
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  }
  return {
    status: request.status,
    statusText: request.statusText,
    headers: request.getAllResponseHeaders(),
    body: bytes,
    url: request.responseURL,
  };
}

/** Emscripten 3.1.6's ES module output expects CommonJS globals under Node. */
async function nodeGlobals(base: string): Promise<void> {
  const g = globalThis as { require?: unknown; __dirname?: string };
  if (!g.require) {
    const { createRequire } = await import(/* @vite-ignore */ "node:module" as string);
    g.require = createRequire(base);
  }
  if (!g.__dirname) {
    const { fileURLToPath } = await import(/* @vite-ignore */ "node:url" as string);
    g.__dirname = fileURLToPath(base);
  }
}
