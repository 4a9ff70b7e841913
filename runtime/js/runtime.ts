// The JS half of the bridge: one Runtime per loaded interpreter. It is passed
// to the Emscripten module as `Module.pyrt`, so the C++ side's JS imports
// (src/js_imports.cpp) call its methods; it also wraps every call into wasm.
import { FatalRuntimeError, PythonError } from "./errors";
import { HandleTable, Reserved } from "./handles";
import type { CoreModule, JsId, PyPtr } from "./module";
import { JsFlags } from "./flags";
import type { LocalTimeZone } from "./timezone";
import { PyProxyFactory, isPyProxy, pyProxyPtr, destroyProxy, elementTypeOf, type TypedArrayLike } from "./pyproxy";

/** A call from the host's event loop into Python (a PyProxy callback), with what to do after it. */
interface HostCall {
  callback: () => void;
  what: string;
  done?: (() => void) | undefined;
}

export interface RuntimeOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /**
   * A line for input() (null/undefined: end of file). It may return a promise when the engine has JSPI:
   * input() then suspends Python until it settles, while the host's event loop keeps running.
   */
  stdin?: () => string | null | undefined | PromiseLike<string | null | undefined>;
  /**
   * Blocks for up to `ms` milliseconds; false if it could not wait (time.sleep then spins on the clock). time.sleep()
   * uses it where it can neither suspend (JSPI) nor wait with Atomics.wait (SharedArrayBuffer). It may return early:
   * time.sleep waits again for the rest, checking for Ctrl+C in between.
   */
  blockingWait?: (ms: number) => boolean;
}

const MISSING = Symbol("missing");
const ARG_STACK_BYTES = 64 * 1024;
/** Where an argument array's doubles start: after its `count` pointers, 8-aligned. */
const argNumbersOffset = (count: number) => (count * 4 + 7) & ~7;
const argBytes = (count: number) => argNumbersOffset(count) + count * 8;
/** An export's result that is a plain number, left in the number slot (see src/pyproxy.cpp). */
const NUMBER_IN_SLOT = -2;
const CHUNK = 8192;

const utf8Decoder = new TextDecoder();
/** The JS module of the runtime's services to its own Python package (js/index.ts). */
export const HOST_MODULE = "_pyrite_host";

const plainRead = (o: Record<string | symbol, unknown>, key: string | symbol): unknown => o[key];

/** `instanceof`, false where it throws (a JS Proxy's getPrototypeOf trap). */
function isInstance(o: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return o instanceof type;
  } catch {
    return false;
  }
}

/** A property read that treats a throwing getter as a missing property. */
function readOrUndefined(o: Record<string | symbol, unknown>, key: string | symbol): unknown {
  try {
    return o[key];
  } catch {
    return undefined;
  }
}

export class Runtime {
  core!: CoreModule;
  readonly h = new HandleTable();
  /** JS objects importable from Python by name (`js`, registerJsModule, the runtime's own `_pyrite_host`). */
  readonly jsModules = new Map<string, unknown>();
  readonly MISSING = MISSING;
  readonly proxies: PyProxyFactory;
  fatal: FatalRuntimeError | null = null;
  /** The local time zone, for C's tzset() (js/tzset_library.js); set by loadPyodide before Python starts. */
  timeZone: LocalTimeZone | null = null;
  private readonly _names = new Map<string, PyPtr>();
  private readonly _identities = new WeakMap<object, number>();
  private _nextIdentity = 1;
  private _scratch = 0;
  private _scratchSize = 0;
  private _sleepCell: Int32Array | null = null;
  /** Told when time.sleep() begins and ends a wait (js/clock_library.js leaves those waits out of process time). */
  sleepWatcher: { begins(): void; ends(): void } | null = null;
  /** The interrupt buffer (setInterruptBuffer): Ctrl+C stores SIGINT in [0]. */
  interruptBuffer: Int32Array | undefined;
  /** How deep `probeStack` recurses to find an eighth of the stack free (measured once). */
  private _stackProbeDepth: number | null = null;
  private readonly _soon: Array<() => void> = [];
  private _soonPort: MessagePort | null = null;
  private readonly _consoleLines: Record<number, string> = {};
  private readonly _timers = new Map<number, { timer: ReturnType<typeof setTimeout>; callback: unknown }>();
  private _nextTimer = 1;
  private _numberSlotAddress = 0;
  private _argStack = 0;
  private _argTop = 0;
  private _tick: (() => void) | null = null;
  /** Awaits of a JsProxy still waiting for their thenable (debugCounters). */
  pendingAwaits = 0;
  private _tickQueued = false;
  private _microTicks = 0;
  private _lastHostTask = 0;
  /** Active JS imports (counted by src/boundary.h): JS code that may call back into Python is on the stack. */
  jsDepth = 0;
  /**
   * What a suspended synchronous call waits for (see src/suspend.cpp): input(), time.sleep(), or "loop" for a
   * blocking asyncio run_until_complete, which takes the host's calls meanwhile; null when none is suspended.
   */
  waiting: "input" | "sleep" | "loop" | null = null;
  /** WebAssembly.promising(pyrt_call_suspendable), when the engine has JSPI. */
  private _enterSuspendable: ((callable: PyPtr) => Promise<JsId>) | null = null;
  /** An entry that suspended and has not finished: other host callbacks wait for it. */
  private _suspendedEntry: Promise<void> | null = null;
  private readonly _afterEntry: HostCall[] = [];
  /** Host calls handed to Python suspended in a "loop" wait, which runs them itself (nextHostCall). */
  private readonly _handedOver: HostCall[] = [];
  /** The last call nextHostCall handed over, released at the next one. */
  private _takenCall: HostCall | null = null;
  /** Ends the current "loop" wait early: a host call has arrived. */
  private _wakeLoopWait: (() => void) | null = null;
  private _waitOutcome: { value: unknown } | { error: unknown } | null = null;
  private readonly _fatalListeners = new Set<(error: FatalRuntimeError) => void>();

  constructor(readonly options: RuntimeOptions) {
    this.proxies = new PyProxyFactory(this);
  }

  /** Registers a JS module for Python's imports; the runtime's own (`_pyrite_host`) cannot be replaced. */
  registerJsModule(name: string, module: unknown): void {
    if (name === HOST_MODULE) throw new Error(`the module name '${name}' is reserved`);
    this.jsModules.set(name, module);
  }

  /** Whether `name` was registered (and now is not); the runtime's own modules stay. */
  unregisterJsModule(name: string): boolean {
    return name !== HOST_MODULE && this.jsModules.delete(name);
  }

  // --- calling into wasm ---------------------------------------------------

  /** Throws the pending Python error (as a PythonError or the original JS error). */
  throwPythonError(): never {
    throw this.h.take(this.core._pyrt_fetch_error());
  }

  /** Reads a handle returned by an export, throwing on the error sentinel. */
  takeResult(id: JsId): unknown {
    if (id === NUMBER_IN_SLOT) return this.core.HEAPF64[this._numberSlot >> 3];
    if (id === Reserved.Error) this.throwPythonError();
    return this.h.take(id);
  }

  checkStatus(status: number): number {
    if (status < 0) this.throwPythonError();
    return status;
  }

  /** Runs `fn` (which calls into wasm); anything but a Python-level error is fatal. */
  guard<T>(fn: () => T): T {
    if (this.fatal) throw this.fatal;
    try {
      return fn();
    } catch (e) {
      throw this.guardError(e);
    }
  }

  /** What a caught error becomes at an API boundary: a trap turns the runtime fatal. */
  guardError(e: unknown): unknown {
    return e instanceof PythonError || !isTrap(e) ? e : this.fail(e);
  }

  /** Marks the runtime as failed: every later call throws FatalRuntimeError. */
  fail(cause: unknown): FatalRuntimeError {
    if (!this.fatal) {
      const detail = describeFailure(cause);
      this.fatal = new FatalRuntimeError(
        `the runtime has fatally failed and can no longer be used (${detail}); load a new one`,
        exitStatusOf(cause),
      );
      this.write(2, `Pyrite fatal error: ${detail}\n`);
      try {
        this.core._pyrt_dump_traceback(); // the Python stack, to stderr
      } catch {
        // The stack could not be read: the message above stands alone.
      }
      const fatal = this.fatal;
      const listeners = [...this._fatalListeners];
      this._fatalListeners.clear();
      for (const listener of listeners) listener(fatal);
    }
    return this.fatal;
  }

  /** Calls `listener` if the runtime turns fatal (once); returns a function that cancels this. */
  whenFatal(listener: (error: FatalRuntimeError) => void): () => void {
    this._fatalListeners.add(listener);
    return () => this._fatalListeners.delete(listener);
  }

  /** Scratch memory for argument arrays (grows, never shrinks). */
  scratch(bytes: number): number {
    if (bytes > this._scratchSize) {
      if (this._scratch) this.core._free(this._scratch);
      this._scratchSize = Math.max(bytes, 256);
      this._scratch = this.core._malloc(this._scratchSize);
    }
    return this._scratch;
  }

  private get _numberSlot(): number {
    return (this._numberSlotAddress ||= this.core._pyrt_number_slot());
  }

  // --- JS -> Python ----------------------------------------------------------

  /** Implicit conversion; returns a new reference, or 0 with a Python error set. */
  toPy(v: unknown): PyPtr {
    const c = this.core;
    switch (typeof v) {
      case "string":
        return this.pyStr(v);
      case "number":
        return Number.isSafeInteger(v) ? c._pyrt_long_from_double(v) : c._pyrt_float(v);
      case "boolean":
        return c._pyrt_bool(v ? 1 : 0);
      case "undefined":
        return c._pyrt_none();
      case "bigint":
        return c._pyrt_long_from_str(this.pyStr(v.toString(16)), 16);
      case "object":
      case "function": // a PyProxy of a callable is a function
        if (v === null) return c._pyrt_none();
        if (isPyProxy(v)) {
          const ptr = pyProxyPtr(v);
          c._pyrt_incref(ptr);
          return ptr;
        }
    }
    return c._pyrt_jsproxy_new(this.h.add(v));
  }

  /**
   * Deep conversion (JsProxy.to_py / toPy): containers copied, shared parts kept shared; returns a new reference,
   * or 0 with a Python error set.
   */
  toPyDeep(value: unknown, depth: number): PyPtr {
    return new DeepToPy(this).convert(value, depth);
  }

  /**
   * A copy of a Python buffer's items (`nbytes` at `data`, packed in C order) as a TypedArray of their type
   * (src/py_to_js.cpp): nested Arrays of TypedArrays (one per row) for more than one dimension, the item itself for
   * none; MISSING when no TypedArray holds such items.
   */
  bufferToJs(data: number, nbytes: number, format: string, itemsize: number, ndim: number, shapePtr: number): unknown {
    const element = elementTypeOf(format, itemsize);
    if (element === null) return MISSING;
    const bytes = this.core.HEAPU8.slice(data, data + nbytes);
    if (element.bigEndian) {
      for (let i = 0; i < nbytes; i += itemsize) bytes.subarray(i, i + itemsize).reverse();
    }
    const items = new element.type(bytes.buffer, 0, nbytes / itemsize);
    if (ndim === 0) return items[0];
    const shape = Array.from(this.core.HEAP32.subarray(shapePtr >> 2, (shapePtr >> 2) + ndim));
    return ndim === 1 ? items : nestRows(items, shape, 0, 0);
  }

  /** A memoryview over a copy of a JS buffer, with the element format. */
  bufferToPy(v: ArrayBuffer | ArrayBufferView): PyPtr {
    const bytes = bytesOf(v);
    const format = bufferFormat(v);
    const c = this.core;
    const ptr = c._malloc(bytes.length + 8);
    try {
      c.HEAPU8.set(bytes, ptr);
      c.stringToUTF8(format[0], ptr + bytes.length, 4);
      return c._pyrt_memoryview_copy(ptr, bytes.length, ptr + bytes.length);
    } finally {
      c._free(ptr);
    }
  }

  /** A new Python str with the JS string's exact code units (lone surrogates kept). */
  pyStr(s: string): PyPtr {
    const c = this.core;
    const n = s.length;
    let max = 0;
    let surrogates = false;
    for (let i = 0; i < n; i++) {
      const u = s.charCodeAt(i);
      if (u > max) max = u;
      if (u >= 0xd800 && u <= 0xdfff) surrogates = true;
    }
    if (!surrogates) {
      const o = c._pyrt_str_new(n, max);
      if (!o) return o;
      const data = c._pyrt_str_data(o);
      if (max < 0x100) {
        const heap = c.HEAPU8;
        for (let i = 0; i < n; i++) heap[data + i] = s.charCodeAt(i);
      } else {
        const heap = c.HEAPU16;
        const base = data >> 1;
        for (let i = 0; i < n; i++) heap[base + i] = s.charCodeAt(i);
      }
      return o;
    }
    const points: number[] = [];
    let maxPoint = 0;
    for (const ch of s) {
      const p = ch.codePointAt(0)!;
      points.push(p);
      if (p > maxPoint) maxPoint = p;
    }
    const o = c._pyrt_str_new(points.length, maxPoint);
    if (!o) return o;
    const data = c._pyrt_str_data(o);
    if (maxPoint < 0x10000) c.HEAPU16.set(points, data >> 1);
    else c.HEAPU32.set(points, data >> 2);
    return o;
  }

  /** An interned Python str for an attribute name (kept for good), or a fresh one. */
  pyName(name: string): { ptr: PyPtr; temporary: boolean } {
    const cached = this._names.get(name);
    if (cached) return { ptr: cached, temporary: false };
    const ptr = this.pyStr(name);
    if (!ptr) this.throwPythonError();
    if (name.length <= 64 && this._names.size < 4096) {
      this._names.set(name, ptr);
      return { ptr, temporary: false };
    }
    return { ptr, temporary: true };
  }

  /**
   * Whether the stack JS runs on has room for deeper recursion through C (the interpreter loop asks when its
   * activations nest deep, every 16 of them): an eighth of the stack free, room for 16 more at several KB each,
   * measured by recursing that deep in JS.
   */
  stackHasRoom(): number {
    this._stackProbeDepth ??= measureStackDepth() >> 3;
    try {
      probeStack(this._stackProbeDepth);
      return 1;
    } catch (e) {
      if (e instanceof RangeError) return 0;
      throw e;
    }
  }

  /** `length` bytes of UTF-8 in wasm memory; a NUL among them is a character like any other. */
  readUtf8(data: number, length: number): string {
    return utf8Decoder.decode(this.core.HEAPU8.subarray(data, data + length));
  }

  /** Decodes a Python str's data (PEP 393 kind 1, 2 or 4). */
  readString(kind: number, data: number, length: number): string {
    const c = this.core;
    if (kind === 1 && length < 32) {
      let s = "";
      for (let i = 0; i < length; i++) s += String.fromCharCode(c.HEAPU8[data + i]);
      return s;
    }
    const view =
      kind === 1
        ? c.HEAPU8.subarray(data, data + length)
        : kind === 2
          ? c.HEAPU16.subarray(data >> 1, (data >> 1) + length)
          : c.HEAPU32.subarray(data >> 2, (data >> 2) + length);
    const decode = kind === 4 ? String.fromCodePoint : String.fromCharCode;
    let s = "";
    for (let i = 0; i < length; i += CHUNK) {
      s += decode(...(view.subarray(i, i + CHUNK) as unknown as number[]));
    }
    return s;
  }

  // --- hooks the C++ side calls ------------------------------------------------

  setJsError(e: unknown): void {
    // After a fatal error nothing may run in the instance: unwind it all.
    if (this.fatal) throw this.fatal;
    const address = e instanceof PythonError ? e.__error_address : 0;
    const id = this.h.add(e);
    this.core._pyrt_set_js_error(id, address); // borrows the handle
    this.h.decref(id);
  }

  /** A function read from the JS object with handle `self`, as a bound JsProxy. */
  boundMethod(fn: unknown, self: number): PyPtr {
    return this.core._pyrt_jsproxy_method(this.h.add(fn), self);
  }

  /** Decodes a short attribute name (UTF-8 in wasm memory). */
  asciiName(ptr: number, length: number): string {
    const heap = this.core.HEAPU8;
    let s = "";
    for (let i = 0; i < length; i++) {
      const c = heap[ptr + i];
      if (c >= 0x80) return this.core.UTF8ToString(ptr, length);
      s += String.fromCharCode(c);
    }
    return s;
  }

  /**
   * Argument arrays for calls into Python, used like a stack (calls nest when
   * Python calls JS that calls Python), so that a call does not allocate: `count`
   * pointers, then `count` doubles (argNumbers) for arguments that are numbers.
   */
  pushArgs(count: number): number {
    const bytes = argBytes(count);
    if (this._argTop + bytes > ARG_STACK_BYTES) return this.core._malloc(bytes);
    if (!this._argStack) this._argStack = this.core._malloc(ARG_STACK_BYTES);
    const at = this._argStack + this._argTop;
    this._argTop += bytes;
    return at;
  }

  /** The doubles of an argument array from pushArgs(count). */
  argNumbers(argv: number, count: number): number {
    return argv + argNumbersOffset(count);
  }

  popArgs(ptr: number, count: number): void {
    if (this._argStack && ptr >= this._argStack && ptr < this._argStack + ARG_STACK_BYTES) {
      this._argTop -= argBytes(count);
    } else {
      this.core._free(ptr);
    }
  }

  newPythonError(type: string, message: string, address: number): PythonError {
    return new PythonError(type, message, address);
  }

  isPyProxy(v: unknown): boolean {
    return isPyProxy(v);
  }

  newPyProxy(ptr: PyPtr, flags: number): unknown {
    return this.proxies.create(ptr, flags);
  }

  typeFlags(v: unknown): number {
    const t = typeof v;
    if (t !== "object" && t !== "function") return 0;
    if (v === null) return 0;
    try {
      return this._typeFlags(v as Record<string | symbol, unknown>, t, plainRead);
    } catch {
      // A getter that throws (Map.prototype.size, a JS Proxy's trap) means that capability is missing; the value
      // still gets a proxy, with the rest of what it can do.
      return this._typeFlags(v as Record<string | symbol, unknown>, t, readOrUndefined);
    }
  }

  private _typeFlags(
    o: Record<string | symbol, unknown>,
    t: string,
    read: (o: Record<string | symbol, unknown>, key: string | symbol) => unknown,
  ): number {
    let f = t === "function" ? JsFlags.Callable : 0;
    if (Array.isArray(o)) f |= JsFlags.ArrayLike | JsFlags.Array;
    else if (ArrayBuffer.isView(o) && !isInstance(o, DataView)) f |= JsFlags.ArrayLike;
    if (isInstance(o, Set)) f |= JsFlags.SetLike;
    else if (typeof read(o, "get") === "function" && typeof read(o, "has") === "function") f |= JsFlags.MapLike;
    if (typeof read(o, Symbol.iterator) === "function") f |= JsFlags.Iterable;
    if (typeof read(o, "next") === "function") f |= JsFlags.Iterator;
    if (typeof read(o, "then") === "function") f |= JsFlags.Thenable;
    if (t === "object" && (typeof read(o, "length") === "number" || typeof read(o, "size") === "number")) {
      f |= JsFlags.HasLength;
    }
    if (isInstance(o, ArrayBuffer) || ArrayBuffer.isView(o)) f |= JsFlags.Buffer;
    if (isInstance(o, Error)) f |= JsFlags.Error;
    return f;
  }

  getItem(o: unknown, key: unknown): unknown {
    if (Array.isArray(o) || (ArrayBuffer.isView(o) && !(o instanceof DataView))) {
      const a = o as unknown as ArrayLike<unknown>;
      if (typeof key !== "number") return MISSING;
      const i = key < 0 ? key + a.length : key;
      return i >= 0 && i < a.length ? a[i] : MISSING;
    }
    const m = o as Map<unknown, unknown>;
    return m.has(key) ? m.get(key) : MISSING;
  }

  setItem(o: unknown, key: unknown, value: unknown): void {
    if (Array.isArray(o) || ArrayBuffer.isView(o)) {
      const a = o as unknown as unknown[];
      if (typeof key !== "number") throw new TypeError("array index must be a number");
      const i = key < 0 ? key + a.length : key;
      if (i < 0 || i >= a.length) throw new RangeError("array assignment index out of range");
      a[i] = value;
      return;
    }
    (o as Map<unknown, unknown>).set(key, value);
  }

  deleteItem(o: unknown, key: unknown): boolean {
    if (Array.isArray(o)) {
      if (typeof key !== "number") return false;
      const i = key < 0 ? key + o.length : key;
      if (i < 0 || i >= o.length) return false;
      o.splice(i, 1);
      return true;
    }
    return (o as Map<unknown, unknown>).delete(key);
  }

  hasItem(o: unknown, key: unknown): boolean {
    if (Array.isArray(o)) return o.includes(key);
    if (ArrayBuffer.isView(o)) return Array.prototype.includes.call(o, key);
    return (o as Set<unknown>).has(key);
  }

  repr(v: unknown): string {
    try {
      return String(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }

  truthy(v: unknown): boolean {
    return !!v;
  }

  dir(v: unknown): string[] {
    const names = new Set<string>();
    for (let o = Object(v); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) names.add(k);
    }
    return [...names];
  }

  identity(v: unknown): number {
    if ((typeof v !== "object" && typeof v !== "function") || v === null) return 0;
    let id = this._identities.get(v);
    if (id === undefined) {
      id = this._nextIdentity++;
      this._identities.set(v, id);
    }
    return id;
  }

  /**
   * The await of a JsProxy: settles `future` (a Python reference handed over) when `thenable` settles. A then()
   * that throws rejects the await, as it would in JS. Plain closures, not PyProxies: this runs on every await.
   */
  awaitThenable(thenable: unknown, future: PyPtr): void {
    let pending = true;
    this.pendingAwaits++;
    const settle = (value: unknown, rejected: number) => {
      if (!pending) return;
      pending = false;
      this.pendingAwaits--;
      if (this.fatal) return;
      try {
        this.guard(() => this.checkStatus(this.core._pyrt_settle_future(
              future,
              this.h.add(value),
              rejected,
              rejected && value instanceof PythonError ? value.__error_address : 0,
            )));
      } catch (e) {
        this.write(2, `Error settling an awaited JS promise: ${this.guardError(e)}\n`);
      }
    };
    try {
      (thenable as PromiseLike<unknown>).then(
        (value) => settle(value, 0),
        (error) => settle(error, 1),
      );
    } catch (e) {
      settle(e, 1);
    }
  }

  then(thenable: PromiseLike<unknown>, ok: unknown, err: unknown, finally_: number): unknown {
    const release = () => {
      if (isPyProxy(ok)) destroyProxy(ok);
      if (isPyProxy(err)) destroyProxy(err);
    };
    const wrap = (f: unknown) => (value: unknown) => {
      try {
        return (f as (v: unknown) => unknown)(value);
      } finally {
        release();
      }
    };
    const p = thenable as Promise<unknown>;
    if (finally_) {
      const onFinally = ok as () => unknown;
      return p.finally(
        typeof ok === "function"
          ? () => {
              try {
                return onFinally();
              } finally {
                release();
              }
            }
          : release,
      );
    }
    return p.then(
      typeof ok === "function" ? wrap(ok) : (v) => (release(), v),
      typeof err === "function"
        ? wrap(err)
        : (e) => {
            release();
            throw e;
          },
    );
  }

  onceCallable(proxy: (...args: unknown[]) => unknown): ((...args: unknown[]) => unknown) & { destroy(): void } {
    let released: "called" | "destroyed" | null = null;
    const once = (...args: unknown[]) => {
      if (released === "called") throw new Error("create_once_callable: this function can only be called once");
      if (released === "destroyed") {
        throw new Error("create_once_callable: this function was destroyed; it can no longer be called");
      }
      released = "called";
      try {
        return proxy(...args);
      } finally {
        destroyProxy(proxy);
      }
    };
    // As in the seed: a callback that will never be called (a listener removed first) is released without a call.
    return Object.assign(once, {
      destroy: () => {
        if (released) return;
        released = "destroyed";
        destroyProxy(proxy);
      },
    });
  }

  releaseTemporaries(ids: number, n: number): void {
    const heap = this.core.HEAP32;
    for (let i = 0; i < n; i++) {
      this.proxies.releaseBorrowed(this.h.v[heap[(ids >> 2) + i]]);
    }
  }

  bufferInfo(v: unknown, itemsizePtr: number, formatPtr: number): number {
    if (!(v instanceof ArrayBuffer || ArrayBuffer.isView(v))) {
      throw new TypeError("not an ArrayBuffer or TypedArray");
    }
    const format = bufferFormat(v);
    this.core.HEAP32[itemsizePtr >> 2] = format[1];
    this.core.stringToUTF8(format[0], formatPtr, 4);
    return v.byteLength;
  }

  bytesOf(v: unknown): Uint8Array {
    return bytesOf(v as ArrayBuffer | ArrayBufferView);
  }

  // --- entries from the host's event loop ----------------------------------

  /** With JSPI, host callbacks enter through `enter`, so input() and time.sleep() can suspend. */
  enableSuspending(enter: (callable: PyPtr) => Promise<JsId>): void {
    this._enterSuspendable = enter;
  }

  get suspendable(): boolean {
    return this._enterSuspendable !== null;
  }

  /**
   * Calls a Python callback (a PyProxy) for the host's event loop; `done` runs when it has finished.
   * Errors go to stderr, prefixed with `what`. While an entry is suspended, later ones wait for it:
   * two suspended wasm stacks would resume in the wrong order.
   */
  private _hostCall(callback: () => void, what: string, done?: () => void): void {
    if (this._suspendedEntry) {
      // A blocking run_until_complete runs the loop itself, on the suspended stack: it takes the call.
      if (this.waiting === "loop") {
        this._handedOver.push({ callback, what, done });
        this._wakeLoopWait?.();
      } else {
        this._afterEntry.push({ callback, what, done });
      }
      return;
    }
    const report = (e: unknown) => this.write(2, `${what}: ${this.guardError(e)}\n`);
    const enter = this._enterSuspendable;
    if (this.fatal) {
      done?.();
    } else if (!enter) {
      try {
        this.guard(callback);
      } catch (e) {
        report(e);
      }
      done?.();
    } else {
      const entry = enter(pyProxyPtr(callback)).then((id) => {
        if (id !== Reserved.Undefined) report(this.h.take(id));
      }, report);
      if (this.waiting === null) {
        // Finished without suspending (a loop tick has no `done`: one promise fewer per tick).
        if (done) void entry.finally(done);
        return;
      }
      this._suspendedEntry = entry.finally(() => {
        this._suspendedEntry = null;
        done?.();
        for (const next of this._afterEntry.splice(0)) this._hostCall(next.callback, next.what, next.done);
      });
    }
  }

  /** Whether a wait may suspend the wasm stack now (src/suspend.cpp asks). */
  canSuspend(): number {
    return this._enterSuspendable !== null && this.jsDepth === 0 ? 1 : 0;
  }

  readLineSuspending(): Promise<number> {
    return this._suspend("input", async () => this.options.stdin?.());
  }

  sleepSuspending(seconds: number): Promise<number> {
    // Timers set from timer callbacks are clamped to 4 ms, which would make each time.sleep(0.001) of a loop
    // take 4 ms: shorter waits end in the next host task instead, and the C++ loop waits again until its time is up.
    const ms = seconds * 1000;
    const watcher = this.sleepWatcher;
    watcher?.begins();
    try {
      const waited = this._suspend(
        "sleep",
        () => new Promise<void>((resolve) => (ms < 4 ? this.soon(resolve) : setTimeout(resolve, ms))),
      );
      return watcher ? waited.finally(() => watcher.ends()) : waited;
    } catch (e) {
      watcher?.ends();
      throw e;
    }
  }

  /**
   * A blocking run_until_complete's wait: until the host has a call for Python (a loop tick, a timer, or one that
   * waited for an earlier suspension of this entry to end) or `seconds` have passed; Python then takes the calls
   * with nextHostCall.
   */
  waitHostCallSuspending(seconds: number): Promise<number> {
    return this._suspend(
      "loop",
      () =>
        new Promise<void>((resolve) => {
          this._handedOver.push(...this._afterEntry.splice(0));
          if (this._handedOver.length > 0) {
            resolve();
            return;
          }
          const timer = setTimeout(() => this._wakeLoopWait?.(), seconds * 1000);
          this._wakeLoopWait = () => {
            this._wakeLoopWait = null;
            clearTimeout(timer);
            resolve();
          };
        }),
    );
  }

  /** The next call handed over to Python after a "loop" wait (a borrowed pointer), or 0; releases the last one. */
  nextHostCall(): PyPtr {
    this._takenCall?.done?.();
    this._takenCall = this._handedOver.shift() ?? null;
    return this._takenCall ? pyProxyPtr(this._takenCall.callback) : (0 as PyPtr);
  }

  /** The promise a WebAssembly.Suspending import returns: never rejects; the outcome waits for takeWaitOutcome. */
  private _suspend(kind: "input" | "sleep" | "loop", wait: () => Promise<unknown>): Promise<number> {
    this.waiting = kind;
    return wait().then(
      (value) => {
        this._waitOutcome = { value };
      },
      (error: unknown) => {
        this._waitOutcome = { error };
      },
    ).then(() => {
      this.waiting = null;
      return 0;
    });
  }

  /** What the last suspended wait produced; throws the error it ended with. */
  takeWaitOutcome(): unknown {
    const outcome = this._waitOutcome;
    this._waitOutcome = null;
    if (!outcome) throw new Error("resumed without a wait outcome");
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }

  /** Runs a Python callback (a PyProxy, released after) later; returns an id for cancel(). */
  schedule(delayMs: number, callback: () => void): number {
    const id = this._nextTimer++;
    const run = () => {
      this._timers.delete(id);
      this._hostCall(callback, "Error in a scheduled Python callback", () => destroyProxy(callback));
    };
    if (delayMs > 0) {
      this._timers.set(id, { timer: setTimeout(run, delayMs), callback });
    } else {
      this.soon(run);
    }
    return id;
  }

  /** The event loop's "run ready callbacks" function (a PyProxy kept for good). */
  setTick(tick: () => void): void {
    if (this._tick) destroyProxy(this._tick);
    this._tick = tick;
  }

  /**
   * Asks for one run of the loop's ready callbacks. It runs in a microtask,
   * so that awaiting settled promises costs no host task; after 4 ms of
   * back-to-back microtask ticks it yields to the host (a MessageChannel /
   * setImmediate task), so a busy asyncio loop never freezes the page.
   */
  requestTick(): void {
    if (this._tickQueued) return;
    this._tickQueued = true;
    const run = () => {
      this._tickQueued = false;
      if (this.fatal || !this._tick) return;
      this._hostCall(this._tick, "Error in the event loop");
    };
    const now = performance.now();
    if (this._microTicks === 0) this._lastHostTask = now;
    if (now - this._lastHostTask < 4) {
      this._microTicks++;
      queueMicrotask(run);
    } else {
      this._microTicks = 0;
      this.soon(run);
    }
  }

  /** Cancels a pending schedule() timer and releases its callback. */
  cancel(id: number): void {
    const pending = this._timers.get(id);
    if (!pending) return;
    this._timers.delete(id);
    clearTimeout(pending.timer);
    destroyProxy(pending.callback);
  }

  /** Runs `fn` in a new host task without setTimeout's clamp. */
  soon(fn: () => void): void {
    const task = fn;
    fn = () => {
      this._microTicks = 0;
      task();
    };
    const g = globalThis as { setImmediate?: (f: () => void) => void };
    if (g.setImmediate) {
      g.setImmediate(fn);
      return;
    }
    this._soon.push(fn);
    if (this._soon.length > 1) return;
    if (!this._soonPort) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const batch = this._soon.splice(0);
        for (const f of batch) f();
      };
      this._soonPort = channel.port2;
    }
    this._soonPort.postMessage(0);
  }

  write(fd: number, text: string): void {
    const sink = fd === 1 ? this.options.stdout : this.options.stderr;
    if (sink) {
      sink(text);
      return;
    }
    // No sink given: the console, a line at a time.
    const pending = (this._consoleLines[fd] ?? "") + text;
    const lines = pending.split("\n");
    this._consoleLines[fd] = lines.pop()!;
    for (const line of lines) (fd === 1 ? console.log : console.error)(line);
  }

  readLine(buffer: number, capacity: number): number {
    const line = this.options.stdin?.();
    if (isThenable(line)) {
      // An asynchronous stdin needs a suspendable stack: JSPI, and no JS code between the host loop and input().
      this.write(
        2,
        this._enterSuspendable
          ? "input() cannot wait here (Python was called from JavaScript); reading end of file\n"
          : "input() cannot wait for an asynchronous stdin in this browser (no JSPI); reading end of file\n",
      );
      return -2;
    }
    return this.storeLine(line, buffer, capacity);
  }

  /** Copies a line from stdin into wasm memory: its byte length, or -2 for end of file. */
  storeLine(line: unknown, buffer: number, capacity: number): number {
    if (line === null || line === undefined) return -2;
    if (typeof line !== "string") throw new TypeError(`stdin returned ${typeof line}, expected a string or null`);
    const c = this.core;
    const bytes = new TextEncoder().encode(line);
    const n = Math.min(bytes.length, capacity);
    c.HEAPU8.set(bytes.subarray(0, n), buffer);
    return n;
  }

  sleep(seconds: number): number {
    const watcher = this.sleepWatcher;
    watcher?.begins();
    try {
      return this._sleepBlocking(seconds);
    } finally {
      watcher?.ends();
    }
  }

  private _sleepBlocking(seconds: number): number {
    const ms = seconds * 1000;
    if (typeof SharedArrayBuffer !== "undefined") {
      // Waiting on the interrupt buffer (when set) wakes at once on Ctrl+C if
      // the page calls Atomics.notify after writing the signal.
      const signals = this.interruptBuffer;
      const cell =
        signals && signals.buffer instanceof SharedArrayBuffer
          ? signals
          : (this._sleepCell ??= new Int32Array(new SharedArrayBuffer(4)));
      try {
        if (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0, ms);
        return 0;
      } catch {
        // Atomics.wait is not allowed on a page's main thread: spin instead.
      }
    }
    if (this.options.blockingWait?.(ms)) return 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      /* busy wait: nothing else can block here */
    }
    return 0;
  }
}

/** The JS containers a deep conversion copies into Python. */
type Container =
  | { kind: "list"; value: readonly unknown[] }
  | { kind: "map"; value: ReadonlyMap<unknown, unknown> }
  | { kind: "set"; value: ReadonlySet<unknown> }
  | { kind: "object"; value: object };

function containerOf(v: object): Container | null {
  if (Array.isArray(v)) return { kind: "list", value: v as unknown[] };
  if (v instanceof Map) return { kind: "map", value: v };
  if (v instanceof Set) return { kind: "set", value: v };
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? { kind: "object", value: v } : null;
}

/**
 * Nested containers past which a deep conversion asks, every STACK_CHECK_EVERY levels, whether the stack has room
 * (as the C++ conversion and the interpreter loop do).
 */
const STACK_CHECK_DEPTH = 64;
const STACK_CHECK_EVERY = 16;

/**
 * One deep JS -> Python conversion. It recurses once per nested container, and a stack that overflows in the
 * middle of a call into wasm leaves the runtime broken: so each level counts toward Python's recursion limit (a
 * RecursionError, as the C++ conversion the other way raises, at sys.getrecursionlimit() less the Python frames
 * already below), and deep levels probe the stack, which a raised limit may not fit in.
 */
class DeepToPy {
  private readonly _memo = new Map<object, PyPtr>();
  private _level = 0;
  /** Levels Python's recursion limit leaves; asked at the first container. */
  private _room = -1;

  constructor(private readonly _r: Runtime) {}

  convert(v: unknown, depth: number): PyPtr {
    const r = this._r;
    if (depth === 0 || typeof v !== "object" || v === null || isPyProxy(v)) return r.toPy(v);
    const c = r.core;
    const seen = this._memo.get(v);
    if (seen !== undefined) {
      c._pyrt_incref(seen);
      return seen;
    }
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return r.bufferToPy(v);
    const container = containerOf(v);
    if (!container) return r.toPy(v);
    const refused = this._enter();
    if (refused !== null) return c._pyrt_raise_too_deep(refused === "stack" ? 1 : 0);
    try {
      const kind = container.kind;
      const result = kind === "list" ? c._pyrt_list_new() : kind === "set" ? c._pyrt_set_new() : c._pyrt_dict_new();
      if (!result) return result;
      this._memo.set(v, result);
      let filled = false;
      try {
        filled = this._fill(result, container, depth - 1);
      } finally {
        if (!filled) c._pyrt_decref(result); // also when a getter or an iterator threw
      }
      return filled ? result : (0 as PyPtr);
    } finally {
      this._level--;
    }
  }

  /** Enters one more level of nesting, or says why not. */
  private _enter(): "limit" | "stack" | null {
    if (this._room < 0) this._room = this._r.core._pyrt_recursion_room();
    const level = this._level + 1;
    if (level > this._room) return "limit";
    if (level > STACK_CHECK_DEPTH && level % STACK_CHECK_EVERY === 0 && !this._r.stackHasRoom()) return "stack";
    this._level = level;
    return null;
  }

  /** Converts the items into `result`; false with a Python error set. A small method per kind: deep data nests them. */
  private _fill(result: PyPtr, container: Container, depth: number): boolean {
    switch (container.kind) {
      case "list":
        return this._fillList(result, container.value, depth);
      case "set":
        return this._fillSet(result, container.value, depth);
      case "map":
        return this._fillMap(result, container.value, depth);
      case "object":
        return this._fillDict(result, container.value, depth);
    }
  }

  private _fillList(list: PyPtr, items: readonly unknown[], depth: number): boolean {
    const c = this._r.core;
    // By index: a hole of a sparse array is undefined (None), as iterating the array from Python gives it.
    for (let i = 0; i < items.length; i++) {
      if (c._pyrt_list_append(list, this.convert(items[i], depth)) < 0) return false;
    }
    return true;
  }

  private _fillSet(set: PyPtr, items: ReadonlySet<unknown>, depth: number): boolean {
    const c = this._r.core;
    for (const item of items) {
      if (c._pyrt_set_add(set, this.convert(item, depth)) < 0) return false;
    }
    return true;
  }

  private _fillMap(dict: PyPtr, items: ReadonlyMap<unknown, unknown>, depth: number): boolean {
    for (const [key, item] of items) {
      if (!this._setItem(dict, this.convert(key, depth), item, depth)) return false;
    }
    return true;
  }

  private _fillDict(dict: PyPtr, o: object, depth: number): boolean {
    for (const [key, item] of Object.entries(o)) {
      if (!this._setItem(dict, this._r.pyStr(key), item, depth)) return false;
    }
    return true;
  }

  /** dict[key] = the conversion of `item`; takes over `key` (a new reference, or 0 after an error). */
  private _setItem(dict: PyPtr, key: PyPtr, item: unknown, depth: number): boolean {
    const c = this._r.core;
    if (!key) return false;
    let value: PyPtr;
    try {
      value = this.convert(item, depth);
    } catch (e) {
      c._pyrt_decref(key);
      throw e;
    }
    return c._pyrt_dict_set(dict, key, value) === 0;
  }
}

/** The rows of a C-ordered multi-dimensional buffer's items from dimension `dim` on, at item `start`. */
function nestRows(items: TypedArrayLike, shape: number[], dim: number, start: number): unknown {
  const count = shape[dim];
  let step = 1;
  for (let i = dim + 1; i < shape.length; i++) step *= shape[i];
  if (dim === shape.length - 1) return items.slice(start, start + count);
  return Array.from({ length: count }, (_, i) => nestRows(items, shape, dim + 1, start + i * step));
}

/** Calls itself `depth` times; each frame keeps a few values live, so that the recursion needs real stack. */
function probeStack(depth: number): number {
  if (depth <= 0) return 0;
  const a = depth * 3;
  const b = depth ^ 5;
  return probeStack(depth - 1) + a + b;
}

/** How deep `probeStack` can recurse from here before the engine's stack is full. */
function measureStackDepth(): number {
  for (let i = 0; i < 50; i++) probeStack(1000); // let the engine optimise it first: its frames then stay the size
  let low = 1024;
  let high = 1 << 22;
  // Binary search: a RangeError means too deep. About 22 tries of at most a full stack each.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    try {
      probeStack(middle);
      low = middle;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      high = middle - 1;
    }
  }
  return low;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}

/** "Name: message" of an Error or of an error-like object such as Emscripten's ExitStatus. */
function describeFailure(cause: unknown): string {
  // Emscripten's abort() with no reason: C's abort(), which os.abort() and a C library giving up call.
  if (cause === undefined || cause === "") return "abort() was called";
  if (typeof cause !== "object" || cause === null || !("message" in cause)) return String(cause);
  const { name, message } = cause as { name?: unknown; message: unknown };
  return `${typeof name === "string" ? name : "Error"}: ${String(message)}`;
}

/**
 * The status of Emscripten's ExitStatus, which its exit() (what os._exit() calls) throws through the C and Python
 * frames on the stack, leaving them half run; null for anything else. It is a plain object, not an Error.
 */
function exitStatusOf(e: unknown): number | null {
  if (typeof e !== "object" || e === null) return null;
  const { name, status } = e as { name?: unknown; status?: unknown };
  return name === "ExitStatus" && typeof status === "number" ? status : null;
}

function isTrap(e: unknown): boolean {
  if (e instanceof WebAssembly.RuntimeError) return true;
  if (e instanceof RangeError && /call stack/.test(e.message)) return true;
  if (exitStatusOf(e) !== null) return true;
  return typeof e === "string" || e === undefined;
}

function bytesOf(v: ArrayBuffer | ArrayBufferView): Uint8Array {
  return v instanceof ArrayBuffer
    ? new Uint8Array(v)
    : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** The struct-module format character and item size of a JS buffer. */
function bufferFormat(v: ArrayBuffer | ArrayBufferView): [string, number] {
  if (v instanceof Int8Array) return ["b", 1];
  if (v instanceof Uint8Array || v instanceof Uint8ClampedArray) return ["B", 1];
  if (v instanceof Int16Array) return ["h", 2];
  if (v instanceof Uint16Array) return ["H", 2];
  if (v instanceof Int32Array) return ["i", 4];
  if (v instanceof Uint32Array) return ["I", 4];
  if (v instanceof Float32Array) return ["f", 4];
  if (v instanceof Float64Array) return ["d", 8];
  if (v instanceof BigInt64Array) return ["q", 8];
  if (v instanceof BigUint64Array) return ["Q", 8];
  return ["B", 1];
}
