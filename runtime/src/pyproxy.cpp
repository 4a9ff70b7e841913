// Entry points the JS half (js/pyproxy.ts, js/convert.ts) calls to operate on
// Python objects. Each returns a JS handle (or status) and never throws: on a
// Python error it returns kJsError / -1 with the error set, and the JS half
// calls pyrt_fetch_error to throw it as a PythonError.
#include <cmath>

#include "runtime.h"

using namespace pyrt;

namespace {
constexpr JsId kMissing = -1; // no such attribute / key (error cleared)

JsId missing_if(PyObject* exc_type) {
  if (PyErr_ExceptionMatches(exc_type)) {
    PyErr_Clear();
    return kMissing;
  }
  return kJsError;
}

// Results that are plain numbers skip the handle table: the value goes in this
// slot and the id says so (saves a crossing into JS on the hottest paths).
double number_slot = 0;

JsId to_js_stealing(PyObject* o) {
  PyRef owned = PyRef::steal(o);
  if (!owned)
    return kJsError;
  if (js_number_value(o, &number_slot))
    return kJsNumberInSlot;
  return py_to_js(owned.get());
}

// A function of _pyrite.webloop, looked up on first use and kept in `slot`
// (importing it on every call went through __import__). Null with an error set on failure.
PyObject* webloop_function(PyRef& slot, const char* name) {
  if (!slot) {
    PyRef module = PyRef::steal(PyImport_ImportModule("_pyrite.webloop"));
    if (module)
      slot = PyRef::steal(PyObject_GetAttrString(module.get(), name));
  }
  return slot.get();
}
} // namespace

PYRT_EXPORT double* pyrt_number_slot() { return &number_slot; }

// --- references ---------------------------------------------------------------
PYRT_EXPORT void pyrt_incref(PyObject* o) { PyRef::borrow(o).release(); }
PYRT_EXPORT void pyrt_decref(PyObject* o) { PyRef::steal(o); }

// --- building Python objects (all return new references; steal their inputs) ---
PYRT_EXPORT PyObject* pyrt_none() { return none(); }
PYRT_EXPORT PyObject* pyrt_bool(int b) { return boolean(b); }
PYRT_EXPORT PyObject* pyrt_long_from_double(double v) { return PyLong_FromDouble(v); }
PYRT_EXPORT PyObject* pyrt_float(double v) { return PyFloat_FromDouble(v); }
PYRT_EXPORT PyObject* pyrt_long_from_str(PyObject* text, int base) {
  PyRef owned = PyRef::steal(text);
  return owned ? PyLong_FromUnicodeObject(owned.get(), base) : nullptr;
}
PYRT_EXPORT PyObject* pyrt_str_new(int length, int maxchar) {
  return PyUnicode_New(length, maxchar);
}
PYRT_EXPORT void* pyrt_str_data(PyObject* s) { return PyUnicode_DATA(s); }
PYRT_EXPORT PyObject* pyrt_jsproxy_new(JsId id) { return jsproxy_new(id); }
// A JS function taken from `self` (borrowed): calling it keeps `this`.
PYRT_EXPORT PyObject* pyrt_jsproxy_method(JsId id, JsId self) { return jsproxy_new(id, self); }
PYRT_EXPORT PyObject* pyrt_list_new() { return PyList_New(0); }
PYRT_EXPORT int pyrt_list_append(PyObject* list, PyObject* item) {
  PyRef owned = PyRef::steal(item);
  return owned ? PyList_Append(list, owned.get()) : -1;
}
PYRT_EXPORT PyObject* pyrt_dict_new() { return PyDict_New(); }
PYRT_EXPORT int pyrt_dict_set(PyObject* dict, PyObject* key, PyObject* value) {
  PyRef k = PyRef::steal(key), v = PyRef::steal(value);
  return k && v ? PyDict_SetItem(dict, k.get(), v.get()) : -1;
}
PYRT_EXPORT PyObject* pyrt_set_new() { return PySet_New(nullptr); }
PYRT_EXPORT int pyrt_set_add(PyObject* set, PyObject* item) {
  PyRef owned = PyRef::steal(item);
  return owned ? PySet_Add(set, owned.get()) : -1;
}
// A memoryview over a copy of `nbytes` bytes, cast to `format` (struct syntax).
PYRT_EXPORT PyObject* pyrt_memoryview_copy(const void* data, int nbytes, const char* format) {
  PyRef bytes = PyRef::steal(PyByteArray_FromStringAndSize(static_cast<const char*>(data), nbytes));
  if (!bytes)
    return nullptr;
  PyRef view = PyRef::steal(PyMemoryView_FromObject(bytes.get()));
  if (!view || format[0] == 'B')
    return view.release();
  return PyObject_CallMethod(view.get(), "cast", "s", format);
}

// For JS's deep conversion (js/runtime.ts DeepToPy), whose nested containers count toward
// Python's recursion limit as the C++ one's do (src/py_to_js.cpp): how many levels it leaves, and
// the error for one too many (returns null for the caller to return).
PYRT_EXPORT int pyrt_recursion_room() { return PyThreadState_Get()->recursion_remaining; }
PYRT_EXPORT PyObject* pyrt_raise_too_deep(int stack_full) {
  PyErr_Format(PyExc_RecursionError,
               "maximum recursion depth exceeded while converting a JavaScript object to Python%s",
               stack_full ? " (the stack is full)" : "");
  return nullptr;
}

// --- the PyProxy protocol -------------------------------------------------------
PYRT_EXPORT JsId pyrt_getattr(PyObject* o, PyObject* name) {
  PyObject* r = PyObject_GetAttr(o, name);
  return r ? to_js_stealing(r) : missing_if(PyExc_AttributeError);
}
PYRT_EXPORT int pyrt_setattr(PyObject* o, PyObject* name, JsId value) {
  PyRef v = PyRef::steal(pyrt_js_to_py(value));
  return v ? PyObject_SetAttr(o, name, v.get()) : -1;
}
PYRT_EXPORT int pyrt_delattr(PyObject* o, PyObject* name) { return PyObject_DelAttr(o, name); }
PYRT_EXPORT int pyrt_hasattr(PyObject* o, PyObject* name) { return PyObject_HasAttr(o, name); }
PYRT_EXPORT JsId pyrt_getitem(PyObject* o, JsId key) {
  PyRef k = PyRef::steal(pyrt_js_to_py(key));
  if (!k)
    return kJsError;
  PyObject* r = PyObject_GetItem(o, k.get());
  if (r)
    return to_js_stealing(r);
  return missing_if(PyExc_LookupError);
}
PYRT_EXPORT int pyrt_setitem(PyObject* o, JsId key, JsId value) {
  PyRef k = PyRef::steal(pyrt_js_to_py(key));
  PyRef v = PyRef::steal(k ? pyrt_js_to_py(value) : nullptr);
  return v ? PyObject_SetItem(o, k.get(), v.get()) : -1;
}
PYRT_EXPORT int pyrt_delitem(PyObject* o, JsId key) {
  PyRef k = PyRef::steal(pyrt_js_to_py(key));
  return k ? PyObject_DelItem(o, k.get()) : -1;
}
PYRT_EXPORT int pyrt_contains(PyObject* o, JsId key) {
  PyRef k = PyRef::steal(pyrt_js_to_py(key));
  return k ? PySequence_Contains(o, k.get()) : -1;
}
PYRT_EXPORT int pyrt_length(PyObject* o) {
  Py_ssize_t n = PyObject_Length(o);
  return n < 0 ? -1 : static_cast<int>(n);
}
// An argument slot holding this (never an object's address) means the
// argument is numbers[i], a JS number, made an int or a float here the way
// toPy does (js/flags.ts: NUMBER_ARG).
constexpr uintptr_t kNumberArg = 1;

static PyObject* number_to_py(double v) {
  constexpr double kMaxSafe = 9007199254740991.0; // Number.isSafeInteger
  if (std::trunc(v) == v && std::fabs(v) <= kMaxSafe)
    return PyLong_FromDouble(v);
  return PyFloat_FromDouble(v);
}

// Replaces the number slots of args with new objects; on failure, releases
// every argument and returns false.
static bool make_number_args(PyObject** args, int nargs, const double* numbers) {
  for (int i = 0; i < nargs; i++) {
    if (reinterpret_cast<uintptr_t>(args[i]) != kNumberArg)
      continue;
    args[i] = number_to_py(numbers[i]);
    if (args[i] != nullptr)
      continue;
    for (int j = 0; j < nargs; j++) {
      if (reinterpret_cast<uintptr_t>(args[j]) != kNumberArg)
        PyRef::steal(args[j]);
    }
    return false;
  }
  return true;
}

// args: `nargs` new references (stolen) or number slots; kwargs: a dict
// (stolen) or null.
PYRT_EXPORT JsId
pyrt_call(PyObject* callable, PyObject** args, int nargs, PyObject* kwargs, const double* numbers) {
  PyRef kw = PyRef::steal(kwargs);
  if (!make_number_args(args, nargs, numbers))
    return kJsError;
  PyObject* result;
  if (kw) {
    PyRef tuple = PyRef::steal(PyTuple_New(nargs));
    if (!tuple) {
      for (int i = 0; i < nargs; i++)
        PyRef::steal(args[i]);
      return kJsError;
    }
    for (int i = 0; i < nargs; i++)
      PyTuple_SET_ITEM(tuple.get(), i, args[i]);
    result = PyObject_Call(callable, tuple.get(), kw.get());
  } else {
    result = PyObject_Vectorcall(callable, args, nargs, nullptr);
    for (int i = 0; i < nargs; i++)
      PyRef::steal(args[i]);
  }
  if (result == nullptr)
    return kJsError;
  if (PyCoro_CheckExact(result)) {
    // An async function called from JS runs as a task even if nobody awaits.
    PyRef coro = PyRef::steal(result);
    static PyRef promise_from_awaitable;
    if (!webloop_function(promise_from_awaitable, "promise_from_awaitable"))
      return kJsError;
    result = PyObject_CallOneArg(promise_from_awaitable.get(), coro.get());
    if (result == nullptr)
      return kJsError;
  }
  return to_js_stealing(result);
}
PYRT_EXPORT JsId pyrt_iter(PyObject* o) {
  PyObject* it = PyObject_GetIter(o);
  return it ? to_js_stealing(it) : kJsError;
}
// Next item; at the end sets *done and returns the generator's return value.
PYRT_EXPORT JsId pyrt_next(PyObject* it, JsId send_value, int* done) {
  PyObject* result = nullptr;
  if (PyIter_Check(it) &&
      (PyGen_Check(it) || PyCoro_CheckExact(it) || send_value != kJsUndefined)) {
    PyRef v = PyRef::steal(pyrt_js_to_py(send_value));
    if (!v)
      return kJsError;
    PySendResult status = PyIter_Send(it, v.get(), &result);
    if (status == PYGEN_ERROR)
      return kJsError;
    if (status == PYGEN_RETURN)
      *done = 1;
    return to_js_stealing(result);
  }
  result = PyIter_Next(it);
  if (result)
    return to_js_stealing(result);
  if (PyErr_Occurred())
    return kJsError;
  *done = 1;
  return kJsUndefined;
}
PYRT_EXPORT JsId pyrt_repr(PyObject* o) { return to_js_stealing(PyObject_Repr(o)); }
PYRT_EXPORT JsId pyrt_type_name(PyObject* o) {
  PyRef module =
    PyRef::steal(PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(o)), "__module__"));
  PyRef name = PyRef::steal(PyType_GetQualName(Py_TYPE(o)));
  if (!module || !name)
    return kJsError;
  if (PyUnicode_Check(module.get()) &&
      PyUnicode_CompareWithASCIIString(module.get(), "builtins") != 0) {
    return to_js_stealing(PyUnicode_FromFormat("%U.%U", module.get(), name.get()));
  }
  return py_to_js(name.get());
}
PYRT_EXPORT JsId pyrt_dir(PyObject* o) {
  PyRef names = PyRef::steal(PyObject_Dir(o));
  if (!names)
    return kJsError;
  ToJsOptions options;
  return py_to_js_deep(names.get(), options);
}
PYRT_EXPORT JsId pyrt_to_js(PyObject* o, int depth, int create_pyproxies, JsId dict_converter) {
  ToJsOptions options;
  options.depth = depth;
  options.create_pyproxies = create_pyproxies;
  options.dict_converter = dict_converter == kJsUndefined ? kJsError : dict_converter;
  return py_to_js_deep(o, options);
}
PYRT_EXPORT int pyrt_type_flags(PyObject* o) { return pyproxy_flags(o); }

// Settles a JS promise with an awaitable: runs it as a task on the web loop and
// calls resolve(result) or reject(PythonError).
PYRT_EXPORT int pyrt_settle(PyObject* awaitable, JsId resolve, JsId reject) {
  static PyRef settle_promise;
  if (!webloop_function(settle_promise, "settle_promise"))
    return -1;
  PyRef ok = PyRef::steal(jsproxy_new(JsRef::borrow(resolve).release()));
  PyRef err = PyRef::steal(ok ? jsproxy_new(JsRef::borrow(reject).release()) : nullptr);
  if (!err)
    return -1;
  PyObject* args[] = { awaitable, ok.get(), err.get() };
  PyRef r = PyRef::steal(PyObject_Vectorcall(settle_promise.get(), args, 3, nullptr));
  return r ? 0 : -1;
}

// The thenable a JsProxy await is waiting on settled (js/runtime.ts awaitThenable):
// takes over the future's reference and the value's handle, and sets the
// future's result or exception unless it was cancelled meanwhile.
// A rejection with a PythonError (`address` its exception's) made from an
// exception still known gives that exception back, as a synchronous call does.
PYRT_EXPORT int pyrt_settle_future(PyObject* owned_future,
                                   JsId owned_value,
                                   int rejected,
                                   PyObject* address) {
  PyRef future = PyRef::steal(owned_future);
  JsRef value = JsRef::steal(owned_value);
  PyObject* done_name = PYRT_NAME("done");
  PyObject* set_name = rejected ? PYRT_NAME("set_exception") : PYRT_NAME("set_result");
  if (!done_name || !set_name)
    return -1;
  PyRef done = PyRef::steal(PyObject_CallMethodNoArgs(future.get(), done_name));
  if (!done)
    return -1;
  int is_done = PyObject_IsTrue(done.get());
  if (is_done != 0)
    return is_done < 0 ? -1 : 0;
  PyRef outcome = PyRef::steal(rejected ? exception_from_js_value(value.get(), address)
                                        : pyrt_js_to_py(value.get()));
  if (!outcome) {
    // The value could not be converted: the await raises that error rather
    // than waiting forever.
    outcome = PyRef::steal(fetch_exception());
    set_name = PYRT_NAME("set_exception");
    if (!outcome || !set_name)
      return -1;
  }
  PyRef r = PyRef::steal(PyObject_CallMethodOneArg(future.get(), set_name, outcome.get()));
  return r ? 0 : -1;
}

// --- buffers ----------------------------------------------------------------------
// Fills `info` (9 ints) for PyProxy.getBuffer: data pointer, byte length,
// readonly, ndim, itemsize, shape ptr, strides ptr, format ptr, c-contiguous,
// f-contiguous. Returns a handle-owning capsule pointer (the Py_buffer) to be
// passed to pyrt_buffer_release, or null on error.
PYRT_EXPORT Py_buffer* pyrt_buffer_get(PyObject* o, int* info) {
  auto* view = static_cast<Py_buffer*>(PyMem_Calloc(1, sizeof(Py_buffer)));
  if (view == nullptr)
    return reinterpret_cast<Py_buffer*>(PyErr_NoMemory());
  if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO) < 0) {
    PyMem_Free(view);
    return nullptr;
  }
  info[0] = reinterpret_cast<intptr_t>(view->buf);
  info[1] = static_cast<int>(view->len);
  info[2] = view->readonly;
  info[3] = view->ndim;
  info[4] = static_cast<int>(view->itemsize);
  info[5] = reinterpret_cast<intptr_t>(view->shape);
  info[6] = reinterpret_cast<intptr_t>(view->strides);
  info[7] = reinterpret_cast<intptr_t>(view->format ? view->format : "B");
  info[8] = PyBuffer_IsContiguous(view, 'C');
  info[9] = PyBuffer_IsContiguous(view, 'F');
  return view;
}
PYRT_EXPORT void pyrt_buffer_release(Py_buffer* view) {
  PyBuffer_Release(view);
  PyMem_Free(view);
}

extern "C" void _Py_DumpTraceback(int fd, PyThreadState* tstate);

// After a fatal error: the Python stack, written to stderr without allocating
// (safe on a broken heap).
PYRT_EXPORT void pyrt_dump_traceback() { _Py_DumpTraceback(2, PyGILState_GetThisThreadState()); }

// Fault injection for tests: a wasm trap, as a runtime bug would cause.
PYRT_EXPORT void pyrt_debug_trap() { __builtin_trap(); }
