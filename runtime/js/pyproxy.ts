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

/** What every PyProxy has; the rest depends on the Python object. */
export interface PyProxy {
  readonly type: string;
  toString(): string;
  destroy(message?: string): void;
  copy(): PyProxy;
  toJs(options?: { depth?: number; create_pyproxies?: boolean; dict_converter?: (entries: [unknown, unknown][]) => unknown }): unknown;
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
  return (
    (typeof v === "object" || typeof v === "function") &&
    v !== null &&
    (v as Partial<Target>)[STATE] !== undefined
  );
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
  toString(this: unknown): string {
    const s = stateOf(this);
    return s.runtime.guard(() => s.runtime.takeResult(s.runtime.core._pyrt_str(s.ptr))) as string;
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
  toJs(
    this: unknown,
    options: { depth?: number; create_pyproxies?: boolean; dict_converter?: unknown } = {},
  ): unknown {
    const s = stateOf(this);
    const r = s.runtime;
    return r.guard(() => {
      const conv = options.dict_converter === undefined ? 1 : r.h.add(options.dict_converter);
      try {
        return r.takeResult(
          r.core._pyrt_to_js(s.ptr, options.depth ?? -1, options.create_pyproxies === false ? 0 : 1, conv),
        );
      } finally {
        r.h.decref(conv);
      }
    });
  }
  get [Symbol.toStringTag](): string {
    return "PyProxy";
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

const typedArrays: Record<string, [new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView, number]> = {
  b: [Int8Array, 1], B: [Uint8Array, 1], h: [Int16Array, 2], H: [Uint16Array, 2],
  i: [Int32Array, 4], I: [Uint32Array, 4], l: [Int32Array, 4], L: [Uint32Array, 4],
  q: [BigInt64Array, 8], Q: [BigUint64Array, 8], f: [Float32Array, 4], d: [Float64Array, 8],
  "?": [Uint8Array, 1], c: [Uint8Array, 1],
};

// getBuffer(type) also accepts the TypedArray short names.
const typeNames: Record<string, string> = {
  i8: "b", u8: "B", u8clamped: "B", i16: "h", u16: "H", i32: "i", u32: "I",
  i64: "q", u64: "Q", f32: "f", f64: "d",
};

function getBufferMethod(this: unknown, type?: string): PyBuffer {
  const s = stateOf(this);
  const r = s.runtime;
  const c = r.core;
  return r.guard(() => {
    const info = r.scratch(64);
    const view = c._pyrt_buffer_get(s.ptr, info);
    if (!view) r.throwPythonError();
    const at = (i: number) => c.HEAP32[(info >> 2) + i];
    const [buf, nbytes, readonly, ndim, itemsize, shapePtr, stridesPtr, formatPtr, cc, fc] =
      Array.from({ length: 10 }, (_, i) => at(i));
    const format = c.UTF8ToString(formatPtr).replace(/^[@=<>!]/, "");
    const read = (p: number) => Array.from({ length: ndim }, (_, i) => c.HEAP32[(p >> 2) + i]);
    const shape = shapePtr ? read(shapePtr) : [nbytes / itemsize];
    const strides = stridesPtr ? read(stridesPtr) : [itemsize];
    const key = type === undefined ? format : (typeNames[type] ?? type);
    const ctor = typedArrays[key];
    if (!ctor && type !== "dataview") {
      c._pyrt_buffer_release(view);
      throw new TypeError(`getBuffer: no TypedArray for buffer format '${key}'`);
    }
    // The lowest address the view touches (negative strides start lower).
    let low = buf;
    let high = buf;
    shape.forEach((n, i) => {
      const span = (n - 1) * strides[i];
      if (span < 0) low += span;
      else high += span;
    });
    high += itemsize;
    const bytes = high - low;
    let data: ArrayBufferView;
    if (type === "dataview") data = new DataView(c.HEAPU8.buffer, low, bytes);
    else {
      const [Ctor, size] = ctor!;
      data = new Ctor(c.HEAPU8.buffer as ArrayBuffer, low, Math.floor(bytes / size));
    }
    let released = false;
    r.proxies.liveBuffers++;
    return {
      offset: (buf - low) / itemsize,
      readonly: readonly !== 0,
      format,
      itemsize,
      ndim,
      nbytes,
      shape,
      strides: strides.map((x) => x / itemsize),
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
  });
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
