// PyProxy: the JS view of a Python object. A JS Proxy whose target carries
// the owned PyObject* and whose prototype holds exactly the methods the
// object supports (chosen by PyFlags, computed once in C++).
import { UseAfterDestroyError } from "./errors";
import { NUMBER_ARG, PyFlags } from "./flags";
import type { PyPtr } from "./module";
import type { Runtime } from "./runtime";

const STATE = Symbol("pyproxy.state");
const bind = Function.prototype.bind;

interface ProxyState {
  ptr: PyPtr;
  runtime: Runtime;
  flags: number;
  /** Why the proxy can no longer be used, once destroyed. */
  destroyed: string | null;
}

type Target = { [STATE]: ProxyState };

export interface ToJsOptions {
  depth?: number;
  create_pyproxies?: boolean;
  dict_converter?: (entries: [unknown, unknown][]) => unknown;
}

/** What every PyProxy has; the rest depends on the Python object. */
export interface PyProxy {
  readonly type: string;
  toString(): string;
  destroy(message?: string): void;
  copy(): PyProxy;
  /** toJs(depth) as in the seed, or toJs({ depth, create_pyproxies, dict_converter }). */
  toJs(options?: number | ToJsOptions): unknown;
  [key: string]: unknown;
}

const registry =
  typeof FinalizationRegistry !== "undefined"
    ? // The held value is the proxy's state, which does not refer to the proxy: destroy() marks it.
      new FinalizationRegistry<ProxyState>((state) => {
        // Backstop only: a proxy that was garbage collected without destroy().
        if (state.destroyed === null && !state.runtime.fatal) {
          state.destroyed = "garbage collected";
          state.runtime.core._pyrt_decref(state.ptr);
          state.runtime.proxies.live--;
        }
      })
    : null;

function stateOf(proxy: unknown): ProxyState {
  const state = (proxy as Target)[STATE];
  if (state.destroyed !== null) throw new UseAfterDestroyError(state.destroyed);
  if (state.runtime.fatal) throw state.runtime.fatal;
  return state;
}

export function isPyProxy(v: unknown): boolean {
  if ((typeof v !== "object" && typeof v !== "function") || v === null) return false;
  try {
    return (v as Partial<Target>)[STATE] !== undefined;
  } catch {
    return false; // a JS Proxy whose get trap throws (or a revoked one) is no PyProxy
  }
}

/** The PyObject* of a live proxy (borrowed); throws for a destroyed one. */
export function pyProxyPtr(v: unknown): PyPtr {
  return stateOf(v).ptr;
}

export function destroyProxy(v: unknown, message?: string): void {
  const state = (v as Target)[STATE];
  if (state.destroyed !== null) return;
  state.destroyed = message ?? "This PyProxy was destroyed; it can no longer be used.";
  state.runtime.proxies.live--;
  if (!state.runtime.fatal) state.runtime.core._pyrt_decref(state.ptr);
}

/** Base methods, present on every proxy. */
class PyProxyBase {
  get type(): string {
    const s = stateOf(this);
    return s.runtime.guard(() => s.runtime.takeResult(s.runtime.core._pyrt_type_name(s.ptr))) as string;
  }
  /** repr(obj), as in the seed (String(proxy) and template literals use it too). */
  toString(this: unknown): string {
    const s = stateOf(this);
    return s.runtime.guard(() => s.runtime.takeResult(s.runtime.core._pyrt_repr(s.ptr))) as string;
  }
  destroy(this: unknown, message?: string): void {
    stateOf(this);
    destroyProxy(this, message);
  }
  copy(this: unknown): unknown {
    const s = stateOf(this);
    s.runtime.core._pyrt_incref(s.ptr);
    return s.runtime.proxies.create(s.ptr, s.flags);
  }
  toJs(this: unknown, options: number | ToJsOptions = {}): unknown {
    const s = stateOf(this);
    const r = s.runtime;
    // The seed's toJs(depth) takes the depth positionally.
    const { depth = -1, create_pyproxies: create = true, dict_converter: converter } =
      typeof options === "number" ? { depth: options } : options;
    return r.guard(() => {
      const conv = converter === undefined ? 1 : r.h.add(converter);
      try {
        return r.takeResult(r.core._pyrt_to_js(s.ptr, depth, create === false ? 0 : 1, conv));
      } finally {
        r.h.decref(conv);
      }
    });
  }
  get [Symbol.toStringTag](): string {
    return "PyProxy";
  }
  /** What Node's console.log and util.inspect show: the repr, not the runtime the proxy holds. */
  [Symbol.for("nodejs.util.inspect.custom")](this: unknown): string {
    const state = (this as Target)[STATE];
    if (state.destroyed !== null) return "PyProxy (destroyed)";
    try {
      return `PyProxy ${(this as PyProxyBase).toString()}`;
    } catch {
      return "PyProxy (its repr failed)";
    }
  }
}

/**
 * Calls into wasm with `values` lent to C++ as handles (released after),
 * inside the runtime's guard.
 */
function withHandles<T>(proxy: unknown, values: unknown[], fn: (s: ProxyState, ids: number[]) => T): T {
  const s = stateOf(proxy);
  const r = s.runtime;
  return r.guard(() => {
    const ids = values.map((v) => r.h.add(v));
    try {
      return fn(s, ids);
    } finally {
      for (const id of ids) r.h.decref(id);
    }
  });
}

const mixins: Array<[PyFlags, object]> = [
  [
    PyFlags.HasGet,
    {
      get(this: unknown, key: unknown): unknown {
        return withHandles(this, [key], (s, [k]) => {
          const id = s.runtime.core._pyrt_getitem(s.ptr, k);
          return id === -1 ? undefined : s.runtime.takeResult(id);
        });
      },
    },
  ],
  [
    PyFlags.HasSet,
    {
      set(this: unknown, key: unknown, value: unknown): void {
        withHandles(this, [key, value], (s, [k, v]) =>
          s.runtime.checkStatus(s.runtime.core._pyrt_setitem(s.ptr, k, v)),
        );
      },
      delete(this: unknown, key: unknown): void {
        withHandles(this, [key], (s, [k]) => s.runtime.checkStatus(s.runtime.core._pyrt_delitem(s.ptr, k)));
      },
    },
  ],
  [
    PyFlags.HasContains,
    {
      has(this: unknown, key: unknown): boolean {
        return withHandles(
          this,
          [key],
          (s, [k]) => s.runtime.checkStatus(s.runtime.core._pyrt_contains(s.ptr, k)) === 1,
        );
      },
    },
  ],
  [
    PyFlags.HasLength,
    {
      get length(): number {
        const s = stateOf(this);
        return s.runtime.guard(() => s.runtime.checkStatus(s.runtime.core._pyrt_length(s.ptr)));
      },
    },
  ],
  [
    PyFlags.Iterable,
    {
      [Symbol.iterator](this: unknown): Iterator<unknown> {
        const s = stateOf(this);
        const r = s.runtime;
        const it = r.guard(() => r.takeResult(r.core._pyrt_iter(s.ptr))) as PyProxy;
        return iterate(it, r, true);
      },
    },
  ],
  [
    PyFlags.Iterator,
    {
      next(this: unknown, value?: unknown): IteratorResult<unknown> {
        const s = stateOf(this);
        return step(s, value);
      },
      [Symbol.iterator](this: unknown): unknown {
        return this;
      },
    },
  ],
  [
    PyFlags.Awaitable,
    {
      then(this: unknown, ok?: (v: unknown) => unknown, err?: (e: unknown) => unknown): Promise<unknown> {
        return settle(this).then(ok, err);
      },
      catch(this: unknown, err?: (e: unknown) => unknown): Promise<unknown> {
        return settle(this).catch(err);
      },
      finally(this: unknown, f?: () => void): Promise<unknown> {
        return settle(this).finally(f);
      },
    },
  ],
  [
    PyFlags.Callable,
    {
      call(this: unknown, thisArg: unknown, ...args: unknown[]): unknown {
        return callPython(stateOf(this), args, undefined);
      },
      apply(this: unknown, thisArg: unknown, args: unknown[] = []): unknown {
        return callPython(stateOf(this), args, undefined);
      },
      callKwargs(this: unknown, ...args: unknown[]): unknown {
        const kwargs = args.pop();
        if (typeof kwargs !== "object" || kwargs === null) {
          throw new TypeError("callKwargs: the last argument must be an object of keyword arguments");
        }
        return callPython(stateOf(this), args, kwargs as Record<string, unknown>);
      },
    },
  ],
  [PyFlags.Buffer, { getBuffer: getBufferMethod }],
];

function step(s: ProxyState, value: unknown): IteratorResult<unknown> {
  const r = s.runtime;
  return r.guard(() => {
    const doneCell = r.scratch(8);
    r.core.HEAP32[(doneCell + 4) >> 2] = 0;
    const v = r.h.add(value);
    let id: number;
    try {
      id = r.core._pyrt_next(s.ptr, v, doneCell + 4);
    } finally {
      r.h.decref(v);
    }
    const result = r.takeResult(id);
    return { done: r.core.HEAP32[(doneCell + 4) >> 2] === 1, value: result };
  });
}

function* iterate(it: PyProxy, r: Runtime, owned: boolean): Generator<unknown> {
  try {
    for (;;) {
      const { done, value } = step(stateOf(it), undefined);
      if (done) return;
      yield value;
    }
  } finally {
    if (owned && (it as unknown as Target)[STATE].destroyed === null) destroyProxy(it);
  }
}

function settle(proxy: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    withHandles(proxy, [resolve, reject], (s, [ok, err]) =>
      s.runtime.checkStatus(s.runtime.core._pyrt_settle(s.ptr, ok, err)),
    );
  });
}

function callPython(s: ProxyState, args: unknown[], kwargs: Record<string, unknown> | undefined): unknown {
  // The hottest entry point: guarded inline rather than through a closure.
  const r = s.runtime;
  if (r.fatal) throw r.fatal;
  const c = r.core;
  const n = args.length;
  const argv = r.pushArgs(n);
  const numbers = r.argNumbers(argv, n);
  let converted = 0;
  let kw = 0;
  try {
    for (; converted < n; converted++) {
      const a = args[converted];
      if (typeof a === "number") {
        // C makes the int or float: one crossing into wasm fewer per number.
        c.HEAPF64[(numbers >> 3) + converted] = a;
        c.HEAP32[(argv >> 2) + converted] = NUMBER_ARG;
        continue;
      }
      const p = r.toPy(a);
      if (!p) r.throwPythonError();
      c.HEAP32[(argv >> 2) + converted] = p;
    }
    if (kwargs) {
      kw = r.toPyDeep(kwargs, 1);
      if (!kw) r.throwPythonError();
    }
    const id = c._pyrt_call(s.ptr, argv, n, kw, numbers);
    converted = 0; // the call consumed the arguments
    kw = 0;
    return r.takeResult(id);
  } catch (e) {
    throw r.guardError(e);
  } finally {
    if (!r.fatal) {
      for (let i = 0; i < converted; i++) {
        const p = c.HEAP32[(argv >> 2) + i];
        if (p !== NUMBER_ARG) c._pyrt_decref(p);
      }
      if (kw) c._pyrt_decref(kw);
    }
    r.popArgs(argv, n);
  }
}

export interface PyBuffer {
  offset: number;
  readonly: boolean;
  format: string;
  itemsize: number;
  ndim: number;
  nbytes: number;
  shape: number[];
  strides: number[];
  data: ArrayBufferView;
  c_contiguous: boolean;
  f_contiguous: boolean;
  release(): void;
}

/** What getBuffer and the conversion of buffers use of a TypedArray. */
export interface TypedArrayLike extends ArrayBufferView {
  readonly length: number;
  readonly [index: number]: number | bigint;
  slice(start?: number, end?: number): TypedArrayLike;
}

/** A TypedArray constructor. */
export interface ElementType {
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
  new (length: number): TypedArrayLike;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArrayLike;
}

const SIGNED = "bhilqn";
const UNSIGNED = "BHILQN";
const signedBySize: Record<number, ElementType> = { 1: Int8Array, 2: Int16Array, 4: Int32Array, 8: BigInt64Array };
const unsignedBySize: Record<number, ElementType> = {
  1: Uint8Array,
  2: Uint16Array,
  4: Uint32Array,
  8: BigUint64Array,
};

/**
 * The TypedArray for a buffer's struct-module format and item size, or null if none holds its items ('e', 'P',
 * structs). Sizes come from the item size, as the byte-order prefix decides them ('l' is 4 bytes in wasm32 and with
 * '<'); `bigEndian` says the bytes need swapping (a prefix of '>' or '!' on items wider than a byte).
 */
export function elementTypeOf(format: string, itemsize: number): { type: ElementType; bigEndian: boolean } | null {
  const prefix = /^[@=<>!]/.test(format) ? format[0] : "@";
  const code = prefix === format[0] ? format.slice(1) : format;
  if (code.length !== 1) return null;
  let type: ElementType | undefined;
  if (SIGNED.includes(code)) type = signedBySize[itemsize];
  else if (UNSIGNED.includes(code) || code === "?" || code === "c") type = unsignedBySize[itemsize];
  else if (code === "f" && itemsize === 4) type = Float32Array;
  else if (code === "d" && itemsize === 8) type = Float64Array;
  if (type === undefined || type.BYTES_PER_ELEMENT !== itemsize) return null;
  return { type, bigEndian: (prefix === ">" || prefix === "!") && itemsize > 1 };
}

/** getBuffer's `type` argument: Pyodide's names, and (as an extension) a struct-module format character. */
const bufferTypes: Record<string, ElementType | "dataview"> = {
  i8: Int8Array, u8: Uint8Array, u8clamped: Uint8ClampedArray, i16: Int16Array, u16: Uint16Array,
  i32: Int32Array, u32: Uint32Array, i64: BigInt64Array, u64: BigUint64Array, f32: Float32Array,
  f64: Float64Array, dataview: "dataview",
  b: Int8Array, B: Uint8Array, h: Int16Array, H: Uint16Array, i: Int32Array, I: Uint32Array, l: Int32Array,
  L: Uint32Array, q: BigInt64Array, Q: BigUint64Array, f: Float32Array, d: Float64Array, "?": Uint8Array,
  c: Uint8Array,
};

/** The view's element type: the one asked for, or the one that holds the buffer's items. */
function viewType(type: string | undefined, format: string, itemsize: number): ElementType | "dataview" {
  if (type !== undefined) {
    const asked = Object.hasOwn(bufferTypes, type) ? bufferTypes[type] : undefined;
    if (asked === undefined) {
      const names = Object.keys(bufferTypes).slice(0, 12).join(", ");
      throw new TypeError(`getBuffer: unknown type ${JSON.stringify(type)}; expected one of ${names}`);
    }
    return asked;
  }
  const element = elementTypeOf(format, itemsize);
  if (element === null) {
    throw new TypeError(
      `getBuffer: no TypedArray holds items of format '${format}' (${itemsize} bytes); ask for a type, e.g. "dataview"`,
    );
  }
  if (element.bigEndian) {
    throw new TypeError(`getBuffer: the items of format '${format}' are big-endian; ask for "dataview" to read them`);
  }
  return element.type;
}

function getBufferMethod(this: unknown, type?: string): PyBuffer {
  const s = stateOf(this);
  const r = s.runtime;
  const c = r.core;
  return r.guard(() => {
    const info = r.scratch(64);
    const view = c._pyrt_buffer_get(s.ptr, info);
    if (!view) r.throwPythonError();
    // Until the PyBuffer is handed out, any error releases the Python buffer (a held export keeps the
    // object from resizing: "cannot resize an array that is exporting buffers").
    try {
      const buffer = describeBuffer(r, view, info, type);
      r.proxies.liveBuffers++;
      return buffer;
    } catch (e) {
      c._pyrt_buffer_release(view);
      throw e;
    }
  });
}

/** The PyBuffer for a Python buffer just exported (pyrt_buffer_get's `view` and `info`). */
function describeBuffer(r: Runtime, view: number, info: number, type: string | undefined): PyBuffer {
  const c = r.core;
  const at = (i: number) => c.HEAP32[(info >> 2) + i];
  const [buf, nbytes, readonly, ndim, itemsize, shapePtr, stridesPtr, formatPtr, cc, fc] = Array.from(
    { length: 10 },
    (_, i) => at(i),
  );
  const format = c.UTF8ToString(formatPtr);
  const read = (p: number) => Array.from({ length: ndim }, (_, i) => c.HEAP32[(p >> 2) + i]);
  const shape = shapePtr ? read(shapePtr) : ndim === 0 ? [] : [nbytes / itemsize];
  const byteStrides = stridesPtr ? read(stridesPtr) : ndim === 0 ? [] : [itemsize];
  const element = viewType(type, format, itemsize);
  const size = element === "dataview" ? 1 : element.BYTES_PER_ELEMENT;
  const what = element === "dataview" ? "a DataView" : `${/^[IU]/.test(element.name) ? "an" : "a"} ${element.name}`;
  // A TypedArray can only start at a multiple of its element size, and offset/strides count its elements.
  if (itemsize % size !== 0 || byteStrides.some((stride) => stride % size !== 0)) {
    throw new TypeError(
      `getBuffer: items of ${itemsize} bytes${byteStrides.length ? ` with strides ${byteStrides.join(", ")}` : ""} ` +
        `cannot be viewed as ${what} (${size}-byte elements); cast it in Python first (memoryview.cast) or ask ` +
        `for "dataview"`,
    );
  }
  const empty = shape.some((n) => n === 0);
  // The lowest and highest addresses the buffer touches (negative strides start lower).
  let low = buf;
  let high = buf + itemsize;
  if (!empty) {
    shape.forEach((n, i) => {
      const span = (n - 1) * byteStrides[i];
      if (span < 0) low += span;
      else high += span;
    });
  }
  if (!empty && low % size !== 0) {
    throw new TypeError(
      `getBuffer: the data at address ${low} is not aligned for ${what} (${size}-byte elements), so no view can ` +
        `share it; ask for "u8" or "dataview", or copy it with toJs()`,
    );
  }
  const heap = c.HEAPU8.buffer;
  let data: ArrayBufferView;
  if (element === "dataview") data = empty ? new DataView(new ArrayBuffer(0)) : new DataView(heap, low, high - low);
  else data = empty ? new element(0) : new element(heap, low, (high - low) / size);
  let released = false;
  return {
    offset: empty ? 0 : (buf - low) / size,
    readonly: readonly !== 0,
    format,
    itemsize,
    ndim,
    nbytes,
    shape,
    strides: byteStrides.map((stride) => stride / size),
    data,
    c_contiguous: cc !== 0,
    f_contiguous: fc !== 0,
    release() {
      if (released) return;
      released = true;
      r.proxies.liveBuffers--;
      if (!r.fatal) c._pyrt_buffer_release(view);
    },
  };
}

/**
 * A callable's target is a bound function, whose own `name` and `length` would hide the Python
 * attribute of that name and the `length` getter of a sized object: those two are looked up on the
 * prototype only.
 */
function shadowedByFunction(target: Target, key: string): boolean {
  return typeof target === "function" && (key === "name" || key === "length");
}

const handler: ProxyHandler<Target> = {
  get(target, key, receiver) {
    if (typeof key === "symbol") return Reflect.get(target, key, receiver);
    if (key in target) {
      if (!shadowedByFunction(target, key)) return Reflect.get(target, key, receiver);
      const proto = Object.getPrototypeOf(target) as object;
      if (key in proto) return Reflect.get(proto, key, receiver);
    }
    const s = stateOf(target);
    const r = s.runtime;
    return r.guard(() => {
      const name = r.pyName(key);
      try {
        const id = r.core._pyrt_getattr(s.ptr, name.ptr);
        return id === -1 ? undefined : r.takeResult(id);
      } finally {
        if (name.temporary) r.core._pyrt_decref(name.ptr);
      }
    });
  },
  set(target, key, value) {
    if (typeof key === "symbol") return Reflect.set(target, key, value);
    const s = stateOf(target);
    const r = s.runtime;
    r.guard(() => {
      const name = r.pyName(key);
      const v = r.h.add(value);
      try {
        r.checkStatus(r.core._pyrt_setattr(s.ptr, name.ptr, v));
      } finally {
        r.h.decref(v);
        if (name.temporary) r.core._pyrt_decref(name.ptr);
      }
    });
    return true;
  },
  has(target, key) {
    if (typeof key === "symbol") return key in target;
    if (key in target && (!shadowedByFunction(target, key) || key in (Object.getPrototypeOf(target) as object))) {
      return true;
    }
    const s = stateOf(target);
    const r = s.runtime;
    return r.guard(() => {
      const name = r.pyName(key);
      try {
        return r.core._pyrt_hasattr(s.ptr, name.ptr) === 1;
      } finally {
        if (name.temporary) r.core._pyrt_decref(name.ptr);
      }
    });
  },
  deleteProperty(target, key) {
    if (typeof key === "symbol") return Reflect.deleteProperty(target, key);
    const s = stateOf(target);
    const r = s.runtime;
    r.guard(() => {
      const name = r.pyName(key);
      try {
        r.checkStatus(r.core._pyrt_delattr(s.ptr, name.ptr));
      } finally {
        if (name.temporary) r.core._pyrt_decref(name.ptr);
      }
    });
    return true;
  },
  ownKeys(target) {
    const s = stateOf(target);
    const r = s.runtime;
    const names = r.guard(() => r.takeResult(r.core._pyrt_dir(s.ptr))) as string[];
    const own = Reflect.ownKeys(target).filter((k) => {
      const d = Reflect.getOwnPropertyDescriptor(target, k);
      return d && !d.configurable;
    });
    return [...new Set([...names, ...own])];
  },
  getOwnPropertyDescriptor(target, key) {
    const d = Reflect.getOwnPropertyDescriptor(target, key);
    if (typeof key === "symbol" || (d && !shadowedByFunction(target, key))) return d;
    if (!handler.has!(target, key)) return undefined;
    return { value: handler.get!(target, key, target), writable: true, enumerable: true, configurable: true };
  },
  apply(target, _thisArg, args) {
    return callPython(stateOf(target), args, undefined);
  },
};

export class PyProxyFactory {
  live = 0;
  liveBuffers = 0;
  private readonly _prototypes = new Map<number, object>();
  /** Per flag set of a callable: an arrow function whose prototype is already set (see create). */
  private readonly _callableTemplates = new Map<number, () => void>();

  constructor(private readonly _runtime: Runtime) {}

  private _prototype(flags: number): object {
    let proto = this._prototypes.get(flags);
    if (!proto) {
      proto = Object.create(PyProxyBase.prototype) as object;
      for (const [bit, methods] of mixins) {
        if (flags & bit) Object.defineProperties(proto, Object.getOwnPropertyDescriptors(methods));
      }
      this._prototypes.set(flags, proto);
    }
    return proto;
  }

  private _callableTemplate(flags: number): () => void {
    let template = this._callableTemplates.get(flags);
    if (!template) {
      template = () => {};
      Object.setPrototypeOf(template, this._prototype(flags));
      this._callableTemplates.set(flags, template);
    }
    return template;
  }

  /** Wraps `ptr`, taking over one reference to it. */
  create(ptr: PyPtr, flags: number): PyProxy {
    const state: ProxyState = { ptr, runtime: this._runtime, flags, destroyed: null };
    // No setPrototypeOf or defineProperty per proxy: each costs V8 hundreds of ns. A plain object gets
    // its prototype from Object.create; a callable target is a bound copy of a template function,
    // which takes the template's prototype (and, like an arrow function, cannot be constructed).
    const target = (
      flags & PyFlags.Callable ? bind.call(this._callableTemplate(flags), null) : Object.create(this._prototype(flags))
    ) as Target;
    target[STATE] = state;
    this.live++;
    const proxy = new Proxy(target, handler) as unknown as PyProxy;
    registry?.register(proxy, state);
    return proxy;
  }

  /** After a JS call returns: destroys a proxy made only for its arguments. */
  releaseBorrowed(v: unknown): void {
    if (isPyProxy(v)) {
      destroyProxy(
        v,
        "This borrowed PyProxy was destroyed automatically when the JS function it was passed to " +
          "returned. To keep it, call .copy() on it inside that function, or pass " +
          "pyodide.create_proxy(obj) from Python.",
      );
    }
  }
}
