// The Emscripten module (pyrite_core.mjs) as the JS half sees it: typed once,
// here. Pointers are numbers; `Ptr<"PyObject">` marks an owned-or-borrowed
// PyObject* as the C++ export's comment says.
export type Ptr<Kind extends string> = number & { readonly __kind?: Kind };
export type PyPtr = Ptr<"PyObject">;
/** A JS handle id (see handles.ts); 0 means "error", -1 "missing". */
export type JsId = number;

export interface EmscriptenFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  readFile(path: string, opts?: { encoding?: "binary" | "utf8" }): Uint8Array;
  chdir(path: string): void;
  /** Open files by descriptor (null where closed). */
  streams: Array<object | null>;
}

export interface CoreExports {
  _malloc(size: number): number;
  _free(ptr: number): void;
  _pyrt_init(): number;
  _pyrt_after_restore(): number;
  _pyrt_import(name: PyPtr): PyPtr;
  _pyrt_fetch_error(): JsId;
  _pyrt_set_js_error(error: JsId, address: number): void;
  _pyrt_incref(o: PyPtr): void;
  _pyrt_decref(o: PyPtr): void;
  _pyrt_none(): PyPtr;
  _pyrt_bool(b: number): PyPtr;
  _pyrt_long_from_double(v: number): PyPtr;
  _pyrt_float(v: number): PyPtr;
  _pyrt_long_from_str(text: PyPtr, base: number): PyPtr;
  _pyrt_str_new(length: number, maxchar: number): PyPtr;
  _pyrt_str_data(s: PyPtr): number;
  _pyrt_jsproxy_new(id: JsId): PyPtr;
  _pyrt_jsproxy_method(id: JsId, self: JsId): PyPtr;
  _pyrt_list_new(): PyPtr;
  _pyrt_list_append(list: PyPtr, item: PyPtr): number;
  _pyrt_dict_new(): PyPtr;
  _pyrt_dict_set(dict: PyPtr, key: PyPtr, value: PyPtr): number;
  _pyrt_set_new(): PyPtr;
  _pyrt_set_add(set: PyPtr, item: PyPtr): number;
  _pyrt_memoryview_copy(data: number, nbytes: number, format: number): PyPtr;
  _pyrt_recursion_room(): number;
  _pyrt_raise_too_deep(stackFull: number): PyPtr;
  _pyrt_getattr(o: PyPtr, name: PyPtr): JsId;
  _pyrt_setattr(o: PyPtr, name: PyPtr, value: JsId): number;
  _pyrt_delattr(o: PyPtr, name: PyPtr): number;
  _pyrt_hasattr(o: PyPtr, name: PyPtr): number;
  _pyrt_getitem(o: PyPtr, key: JsId): JsId;
  _pyrt_setitem(o: PyPtr, key: JsId, value: JsId): number;
  _pyrt_delitem(o: PyPtr, key: JsId): number;
  _pyrt_contains(o: PyPtr, key: JsId): number;
  _pyrt_length(o: PyPtr): number;
  _pyrt_call(o: PyPtr, args: number, nargs: number, kwargs: PyPtr, numbers: number): JsId;
  _pyrt_iter(o: PyPtr): JsId;
  _pyrt_next(o: PyPtr, sendValue: JsId, done: number): JsId;
  _pyrt_repr(o: PyPtr): JsId;
  _pyrt_type_name(o: PyPtr): JsId;
  _pyrt_dir(o: PyPtr): JsId;
  _pyrt_to_js(o: PyPtr, depth: number, createProxies: number, dictConverter: JsId): JsId;
  _pyrt_type_flags(o: PyPtr): number;
  _pyrt_settle(o: PyPtr, resolve: JsId, reject: JsId): number;
  _pyrt_settle_future(future: PyPtr, value: JsId, rejected: number, errorAddress: number): number;
  _pyrt_buffer_get(o: PyPtr, info: number): number;
  _pyrt_buffer_release(view: number): void;
  _pyrt_debug_trap(): void;
  _pyrt_number_slot(): number;
  _pyrt_dump_traceback(): void;
}

export interface CoreModule extends CoreExports {
  HEAPU8: Uint8Array;
  /** Overrides of the process environment C sees (a value of undefined removes the variable). */
  ENV: Record<string, string | undefined>;
  HEAPU16: Uint16Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  HEAPF64: Float64Array;
  FS: EmscriptenFS;
  UTF8ToString(ptr: number, maxBytes?: number): string;
  stringToUTF8(s: string, ptr: number, maxBytes: number): void;
  lengthBytesUTF8(s: string): number;
  /** Where CPython's periodic check reads Ctrl+C from `[0]` (an accessor in api.ts). */
  Py_EmscriptenSignalBuffer?: { 0: number };
  _Py_EMSCRIPTEN_SIGNAL_HANDLING?: number;
}

export interface CoreModuleOptions {
  pyrt: object;
  wasmBinary?: ArrayBuffer | Uint8Array;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
  ) => object;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  onAbort?: (what: unknown) => void;
  locateFile?: (path: string) => string;
  /** Run before the C runtime's constructors (which copy the environment into wasm memory). */
  preRun?: Array<(module: CoreModule) => void>;
}

export type CoreFactory = (options: CoreModuleOptions) => Promise<CoreModule>;
