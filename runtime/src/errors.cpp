// Errors crossing the boundary in both directions.
//  JS -> Python: a thrown JS value becomes pyodide.JsException (js_error holds
//  the original value), unless it is a PythonError made from the exception that
//  is still sys.last_value: then that same exception object is re-raised.
//  Python -> JS: pyrt_fetch_error (an export) takes the pending exception, keeps
//  it in sys.last_value, and hands JS either the original JS error (for a
//  JsException) or the parts of a new PythonError.
#include "runtime.h"

namespace pyrt {

PyObject* JsException = nullptr;
PyObject* ConversionError = nullptr;

// PythonError keeps the address of its exception; only the exception that is
// sys.last_value is still known to be alive, so only that one is restored.
static bool restore_last_value(PyObject* address) {
  PyObject* last = PySys_GetObject("last_value"); // borrowed
  if (last == nullptr || last != address)
    return false;
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(last)), last);
  return true;
}

void set_js_error(JsId error) {
  JsRef err = JsRef::borrow(error);
  // `throw null` and `throw undefined` give js_error None, as those values convert everywhere else.
  PyRef proxy = error == kJsNull || error == kJsUndefined
                  ? PyRef::borrow(Py_None)
                  : PyRef::steal(jsproxy_new(JsRef(err).release()));
  if (!proxy)
    return;
  JsRef text = JsRef::steal(pyrt_js_to_string(error));
  PyRef message;
  if (text) {
    message = PyRef::steal(js_string_to_py(text.get()));
  } else {
    PyErr_Clear();
    message = PyRef::steal(PyUnicode_FromString("<unprintable JS error>"));
  }
  if (!message)
    return;
  PyRef exc = PyRef::steal(PyObject_CallOneArg(JsException, message.get()));
  if (!exc)
    return;
  if (PyObject_SetAttrString(exc.get(), "js_error", proxy.get()) < 0)
    return;
  PyErr_SetObject(JsException, exc.get());
}

PyObject* fetch_exception() {
  PyObject *type, *exc, *tb;
  PyErr_Fetch(&type, &exc, &tb);
  if (type == nullptr) {
    PyErr_SetString(PyExc_SystemError, "no exception was set");
    return nullptr;
  }
  PyErr_NormalizeException(&type, &exc, &tb);
  if (tb != nullptr)
    PyException_SetTraceback(exc, tb);
  PyRef owned_type = PyRef::steal(type), trace = PyRef::steal(tb);
  return exc;
}

PyObject* exception_from_js_value(JsId error, PyObject* address) {
  if (address == nullptr || !restore_last_value(address))
    set_js_error(error);
  return fetch_exception();
}

bool init_errors(PyObject* module) {
  PyRef js_exc = PyRef::steal(
    PyErr_NewExceptionWithDoc("pyodide.JsException",
                              "A JavaScript error caught in Python; js_error is the thrown value.",
                              PyExc_Exception,
                              nullptr));
  PyRef conv = PyRef::steal(
    PyErr_NewExceptionWithDoc("pyodide.ConversionError",
                              "A value could not be converted between Python and JavaScript.",
                              PyExc_Exception,
                              nullptr));
  if (!js_exc || !conv)
    return false;
  JsException = js_exc.get();
  ConversionError = conv.get();
  return PyModule_AddObject(module, "JsException", js_exc.release()) == 0 &&
         PyModule_AddObject(module, "ConversionError", conv.release()) == 0;
}

} // namespace pyrt

using namespace pyrt;

// Called by the JS half's catch-all (pyrt.setJsError). `address` is the
// PythonError's exception address, or 0.
PYRT_EXPORT void pyrt_set_js_error(JsId error, PyObject* address) {
  if (address != nullptr && restore_last_value(address))
    return;
  set_js_error(error);
}

// clang-format off
PYRT_JS(JsId, pyrt_js_python_error, (JsId name, JsId message, uintptr_t address),
        0, {
          const v = pyrt.h.v;
          return pyrt.h.add(pyrt.newPythonError(v[name], v[message], address));
        });
// clang-format on

// Takes the pending Python exception for JS. Returns a handle to the JS value
// to throw: the original JS error for a JsException, otherwise a new
// PythonError. Never fails: a failure while formatting is reported in
// the message instead.
PYRT_EXPORT JsId pyrt_fetch_error() {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  if (type == nullptr) {
    return pyrt_js_string_utf8("no Python error was set", 23);
  }
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb != nullptr)
    PyException_SetTraceback(value, tb);
  PyRef t = PyRef::steal(type), v = PyRef::steal(value), trace = PyRef::steal(tb);
  PySys_SetObject("last_type", t.get());
  PySys_SetObject("last_value", v.get());
  PySys_SetObject("last_traceback", trace ? trace.get() : Py_None);

  if (PyErr_GivenExceptionMatches(v.get(), JsException)) {
    PyRef js_error = PyRef::steal(PyObject_GetAttrString(v.get(), "js_error"));
    if (js_error && is_jsproxy(js_error.get())) {
      return JsRef::borrow(jsproxy_id(js_error.get())).release();
    }
    PyErr_Clear();
  }

  const char* type_name = reinterpret_cast<PyTypeObject*>(t.get())->tp_name;
  const char* dot = strrchr(type_name, '.');
  if (dot != nullptr && strncmp(type_name, "builtins.", 9) == 0)
    type_name = dot + 1;
  PyRef text;
  PyRef support = PyRef::steal(PyImport_ImportModule("_pyrite.errors"));
  if (support) {
    text = PyRef::steal(PyObject_CallMethod(support.get(), "format_exception", "O", v.get()));
  }
  if (!text || !PyUnicode_Check(text.get())) {
    PyErr_Clear();
    text = PyRef::steal(PyObject_Str(v.get()));
    if (!text) {
      PyErr_Clear();
      text = PyRef::steal(PyUnicode_FromString("<exception str() failed>"));
    }
  }
  JsRef name = JsRef::steal(pyrt_js_string_utf8(type_name, strlen(type_name)));
  JsRef message = JsRef::steal(py_to_js(text.get()));
  JsId error = kJsError;
  if (name && message) {
    error = pyrt_js_python_error(name.get(), message.get(), reinterpret_cast<uintptr_t>(v.get()));
  }
  if (error == kJsError) {
    PyErr_Clear();
    return pyrt_js_string_utf8("error while reporting a Python error", 36);
  }
  return error;
}
