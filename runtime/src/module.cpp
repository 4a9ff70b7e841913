// The builtin module `_pyrt`: the C++ services the Python package (runtime/
// python) builds the public `pyodide` module from.
#include "runtime.h"

using namespace pyrt;

extern "C" int Py_EMSCRIPTEN_SIGNAL_HANDLING;
extern "C" void _Py_CheckEmscriptenSignals(void);
// From cmake/patches/cpython-ceval-reentry.patch: the interpreter loop
// re-enters itself every _Py_EvalReentryInterval ticks, so that V8's newest
// code runs.
extern "C" int _Py_EvalReentryInterval;
extern "C" unsigned long _Py_EvalReentries;
extern "C" void _Py_EvalSetReentryInterval(int interval);
extern "C" pyrt::JsId pyrt_fetch_error();

namespace {

PyObject* wrap_js(JsId id) {
  if (id == kJsError)
    return nullptr;
  JsRef value = JsRef::steal(id);
  return pyrt_js_to_py(value.get());
}

// Like wrap_js, but a PyProxy stays a JS value (a JsProxy holding it) instead
// of turning back into its Python object: for create_proxy and to_js, whose
// results must own their proxy.
PyObject* wrap_js_keeping_proxy(JsId id) {
  if (id == kJsError)
    return nullptr;
  if (pyrt_js_is_pyproxy(id))
    return jsproxy_new(id);
  return wrap_js(id);
}

PyObject* to_js(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* names[] = { "obj", "depth", "create_pyproxies", "dict_converter", nullptr };
  PyObject* obj;
  PyObject* converter = Py_None;
  ToJsOptions options;
  int create = 1;
  if (!PyArg_ParseTupleAndKeywords(args,
                                   kwargs,
                                   "O|$ipO:to_js",
                                   const_cast<char**>(names),
                                   &obj,
                                   &options.depth,
                                   &create,
                                   &converter)) {
    return nullptr;
  }
  options.create_pyproxies = create;
  JsRef conv;
  if (converter != Py_None) {
    if (!is_jsproxy(converter)) {
      PyErr_SetString(PyExc_TypeError, "dict_converter must be a JS function");
      return nullptr;
    }
    conv = JsRef::borrow(jsproxy_id(converter));
    options.dict_converter = conv.get();
  }
  return wrap_js_keeping_proxy(py_to_js_deep(obj, options));
}

PyObject* create_proxy(PyObject*, PyObject* obj) { return wrap_js_keeping_proxy(new_pyproxy(obj)); }

PyObject* create_once_callable(PyObject*, PyObject* obj) {
  return wrap_js(pyrt_js_once_callable(JsRef::steal(new_pyproxy(obj)).get()));
}

PyObject* js_error_from_exception(PyObject*, PyObject* exc) {
  if (!PyExceptionInstance_Check(exc)) {
    PyErr_SetString(PyExc_TypeError, "expected an exception");
    return nullptr;
  }
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc);
  return wrap_js(pyrt_fetch_error());
}

PyObject* registered_js_module(PyObject*, PyObject* name) {
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(name, &len);
  if (s == nullptr)
    return nullptr;
  int missing = 0;
  JsId id = pyrt_js_registered_module(s, static_cast<int>(len), &missing);
  if (missing)
    return none();
  return id == kJsError ? nullptr : jsproxy_new(id);
}

PyObject* schedule(PyObject*, PyObject* args) {
  int delay_ms;
  PyObject* callback;
  if (!PyArg_ParseTuple(args, "iO:schedule", &delay_ms, &callback))
    return nullptr;
  JsRef proxy = JsRef::steal(new_pyproxy(callback));
  if (!proxy)
    return nullptr;
  int timer = pyrt_js_schedule(delay_ms, proxy.get());
  return timer < 0 ? nullptr : PyLong_FromLong(timer);
}

PyObject* set_tick(PyObject*, PyObject* tick) {
  JsRef proxy = JsRef::steal(new_pyproxy(tick));
  if (!proxy || pyrt_js_set_tick(proxy.get()) < 0)
    return nullptr;
  return none();
}

PyObject* request_tick(PyObject*, PyObject*) {
  pyrt_js_request_tick();
  return none();
}

PyObject* cancel(PyObject*, PyObject* timer) {
  long id = PyLong_AsLong(timer);
  if (id == -1 && PyErr_Occurred())
    return nullptr;
  pyrt_js_cancel(static_cast<int>(id));
  return none();
}

PyObject* write(PyObject*, PyObject* args) {
  int fd;
  const char* text;
  Py_ssize_t len;
  if (!PyArg_ParseTuple(args, "is#:write", &fd, &text, &len))
    return nullptr;
  if (pyrt_js_write(fd, text, static_cast<int>(len)) < 0)
    return nullptr;
  return none();
}

PyObject* read_line(PyObject*, PyObject*) {
  static char buffer[1 << 16];
  int n = read_line_waiting(buffer, sizeof buffer);
  // A read ended by Ctrl+C raises KeyboardInterrupt from input() itself.
  _Py_CheckEmscriptenSignals();
  if (PyErr_CheckSignals() < 0)
    return nullptr;
  if (n == -1)
    return nullptr;
  if (n == -2)
    return PyUnicode_FromStringAndSize("", 0); // EOF
  return PyUnicode_DecodeUTF8(buffer, n, "replace");
}

// time.sleep that really waits (Atomics.wait where possible) in slices, so
// that Ctrl+C (the interrupt buffer) stops it.
PyObject* sleep(PyObject*, PyObject* arg) {
  double seconds = PyFloat_AsDouble(arg);
  if (seconds == -1 && PyErr_Occurred())
    return nullptr;
  if (seconds < 0) {
    PyErr_SetString(PyExc_ValueError, "sleep length must be non-negative");
    return nullptr;
  }
  double end = pyrt_js_now() + seconds * 1000;
  for (;;) {
    double left = (end - pyrt_js_now()) / 1000;
    if (left <= 0)
      break;
    if (sleep_waiting(left < 0.05 ? left : 0.05) < 0)
      return nullptr;
    _Py_CheckEmscriptenSignals();
    if (PyErr_CheckSignals() < 0)
      return nullptr;
  }
  return none();
}

PyObject* wait_host_calls(PyObject*, PyObject* arg) {
  double seconds = PyFloat_AsDouble(arg);
  if (seconds == -1 && PyErr_Occurred())
    return nullptr;
  return pyrt::wait_host_calls(seconds);
}

PyObject* can_suspend(PyObject*, PyObject*) { return PyBool_FromLong(pyrt::can_suspend()); }

// CPython's "Did you mean" for a NameError or AttributeError (Python/suggestions.c,
// which its own traceback printing calls; the traceback module of 3.11 does not).
extern "C" PyObject* _Py_Offer_Suggestions(PyObject* exception);

PyObject* suggestion(PyObject*, PyObject* exc) {
  if (!PyExceptionInstance_Check(exc)) {
    PyErr_SetString(PyExc_TypeError, "suggestion() takes an exception");
    return nullptr;
  }
  PyObject* found = _Py_Offer_Suggestions(exc);
  if (found)
    return found;
  // No suggestion, or a failure finding one: either way there is none to show.
  PyErr_Clear();
  return none();
}

// What a Python function call would do first: a pending Ctrl+C (the interrupt
// buffer) raises KeyboardInterrupt.
PyObject* check_signals(PyObject*, PyObject*) {
  _Py_CheckEmscriptenSignals();
  if (PyErr_CheckSignals() < 0)
    return nullptr;
  return none();
}

PyObject* debug_counters(PyObject*, PyObject*) {
  return Py_BuildValue("{sl}", "jsproxies", live_jsproxies);
}

PyObject* enable_interrupts(PyObject*, PyObject* arg) {
  Py_EMSCRIPTEN_SIGNAL_HANDLING = PyObject_IsTrue(arg);
  return none();
}

// eval_reentry([interval]) -> (interval before, re-entries so far); for tests
// and measurements. A new interval counts from the call.
PyObject* eval_reentry(PyObject*, PyObject* args) {
  int interval = 0;
  if (!PyArg_ParseTuple(args, "|i:eval_reentry", &interval))
    return nullptr;
  int before = _Py_EvalReentryInterval;
  if (PyTuple_GET_SIZE(args) > 0) {
    if (interval < 1) {
      PyErr_SetString(PyExc_ValueError, "the re-entry interval must be at least 1");
      return nullptr;
    }
    _Py_EvalSetReentryInterval(interval);
  }
  return Py_BuildValue("(ik)", before, _Py_EvalReentries);
}

PyMethodDef methods[] = {
  { "to_js",
    reinterpret_cast<PyCFunction>(to_js),
    METH_VARARGS | METH_KEYWORDS,
    "Converts a Python object to JavaScript deeply." },
  { "create_proxy",
    create_proxy,
    METH_O,
    "A PyProxy of obj that lives until destroy() is called on it." },
  { "create_once_callable",
    create_once_callable,
    METH_O,
    "A JS function calling obj once, then releasing it." },
  { "js_error_from_exception",
    js_error_from_exception,
    METH_O,
    "The JS error (a PythonError) an exception becomes." },
  { "registered_js_module", registered_js_module, METH_O, nullptr },
  { "schedule", schedule, METH_VARARGS, "schedule(delay_ms, callback) -> timer id" },
  { "cancel", cancel, METH_O, "Cancels a schedule() timer." },
  { "set_tick", set_tick, METH_O, "Sets the loop's run-ready function (kept)." },
  { "request_tick", request_tick, METH_NOARGS, "Runs the tick function soon, once." },
  { "write", write, METH_VARARGS, nullptr },
  { "read_line", read_line, METH_NOARGS, nullptr },
  { "sleep", sleep, METH_O, nullptr },
  { "wait_host_calls", wait_host_calls, METH_O, nullptr },
  { "can_suspend", can_suspend, METH_NOARGS, nullptr },
  { "check_signals", check_signals, METH_NOARGS, nullptr },
  { "suggestion", suggestion, METH_O, nullptr },
  { "debug_counters", debug_counters, METH_NOARGS, nullptr },
  { "enable_interrupts", enable_interrupts, METH_O, nullptr },
  { "eval_reentry", eval_reentry, METH_VARARGS, nullptr },
  { "compile_split",
    compile_split,
    METH_VARARGS,
    "compile_split(source, filename, flags, split_tail) -> (body code, trailing expression code or "
    "None)" },
  { nullptr, nullptr, 0, nullptr }
};

PyModuleDef module_def = { PyModuleDef_HEAD_INIT,
                           "_pyrt",
                           "C++ core of the Python/JavaScript bridge.",
                           -1,
                           methods };

PyObject* init_module() {
  PyRef m = PyRef::steal(PyModule_Create(&module_def));
  if (!m || !init_errors(m.get()) || !init_jsproxy(m.get()))
    return nullptr;
  // For compile_split's callers, without importing _ast (which makes every AST node type).
  if (PyModule_AddIntConstant(m.get(), "PyCF_ALLOW_TOP_LEVEL_AWAIT", PyCF_ALLOW_TOP_LEVEL_AWAIT) <
      0)
    return nullptr;
  return m.release();
}

} // namespace

namespace pyrt {
PyObject* js_string_to_py(JsId value) { return pyrt_js_to_py(value); }
} // namespace pyrt

// Starts Python with the stdlib bundle the JS half has written to
// /lib/python311.zip. Returns 0, or -1 after printing why.
PYRT_EXPORT int pyrt_init() {
  PyImport_AppendInittab("_pyrt", init_module);
  // UTF-8 mode (PEP 540), as the browser's text is: open() without an encoding, file names and the
  // locale's encoding are UTF-8, not the C locale's ASCII.
  PyPreConfig preconfig;
  PyPreConfig_InitIsolatedConfig(&preconfig);
  preconfig.utf8_mode = 1;
  PyStatus pre = Py_PreInitialize(&preconfig);
  if (PyStatus_Exception(pre)) {
    fprintf(
      stderr, "pyrite: Python failed to start: %s\n", pre.err_msg ? pre.err_msg : "unknown error");
    return -1;
  }
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.write_bytecode = 0;
  config.site_import = 0;
  config.install_signal_handlers = 1;
  config.buffered_stdio = 0;
  PyStatus status = PyConfig_SetString(&config, &config.home, L"/");
  if (!PyStatus_Exception(status))
    status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    fprintf(stderr,
            "pyrite: Python failed to start: %s\n",
            status.err_msg ? status.err_msg : "unknown error");
    return -1;
  }
  PyRef boot = PyRef::steal(PyImport_ImportModule("_pyrite"));
  if (!boot) {
    PyErr_Print();
    return -1;
  }
  return 0;
}

// Called instead of pyrt_init when the JS half has copied in a snapshot of the
// memory pyrt_init left (js/snapshot.ts), made at build time in Node: reads
// again what start-up took from the environment it ran in. That is the time
// zone, which the time module reads once, as it is initialised (this build has
// no time.tzset): a fresh instance of the module gives this page's values.
// Returns 0, or -1 after printing why.
PYRT_EXPORT int pyrt_after_restore() {
  static const char* const kZoneAttributes[] = { "timezone", "altzone", "daylight", "tzname" };
  PyRef time = PyRef::steal(PyImport_ImportModule("time"));
  PyRef imp = PyRef::steal(PyImport_ImportModule("_imp"));
  PyRef spec = time ? PyRef::steal(PyObject_GetAttrString(time.get(), "__spec__")) : PyRef();
  PyRef fresh = imp && spec
                  ? PyRef::steal(PyObject_CallMethod(imp.get(), "create_builtin", "O", spec.get()))
                  : PyRef();
  PyRef done = fresh
                 ? PyRef::steal(PyObject_CallMethod(imp.get(), "exec_builtin", "O", fresh.get()))
                 : PyRef();
  bool ok = static_cast<bool>(done);
  for (const char* name : kZoneAttributes) {
    if (!ok)
      break;
    PyRef value = PyRef::steal(PyObject_GetAttrString(fresh.get(), name));
    ok = value && PyObject_SetAttrString(time.get(), name, value.get()) == 0;
  }
  if (!ok) {
    PyErr_Print();
    return -1;
  }
  return 0;
}

PYRT_EXPORT PyObject* pyrt_import(PyObject* name) { return PyImport_Import(name); }
