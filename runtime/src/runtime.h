// Shared declarations of the C++ runtime (one header so the files stay split by
// concern without a web of small headers).
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "boundary.h"
#include "js_imports.h"
#include "js_ref.h"
#include "py_ref.h"

namespace pyrt {

// An interned str for `text`, made on first use and kept: for method names on
// paths that run on every await (PyObject_CallMethod would decode the C string
// each time). Null with an error set if it could not be made.
#define PYRT_NAME(text)                                                                            \
  ([]() -> PyObject* {                                                                             \
    static PyRef name;                                                                             \
    if (!name)                                                                                     \
      name = PyRef::steal(PyUnicode_InternFromString(text));                                       \
    return name.get();                                                                             \
  }())

// --- errors.cpp -----------------------------------------------------------
extern PyObject* JsException;     // pyodide.JsException
extern PyObject* ConversionError; // pyodide.ConversionError
bool init_errors(PyObject* module);
// Raises JsException for a JS value thrown by JS code (or restores the Python
// exception that a PythonError came from, keeping its identity).
void set_js_error(JsId error);
// Takes the pending exception as a normalised instance (a new reference).
PyObject* fetch_exception();
// The exception set_js_error would raise, as a new reference (null on failure);
// with `address` (a PythonError's), the exception it came from if still known.
PyObject* exception_from_js_value(JsId error, PyObject* address = nullptr);

// --- py_to_js.cpp ---------------------------------------------------------
// Implicit conversion: immutable primitives by value, JsProxy unwrapped, the
// rest as a PyProxy. Returns a new handle or kJsError with an error set.
JsId py_to_js(PyObject* o);
// A number JS holds exactly (a float, or an int within +-2^53; not a bool):
// stores its value for the paths that skip the handle table.
bool js_number_value(PyObject* o, double* out);
// The id that says "the number is in the slot beside it" (results, arguments).
constexpr JsId kJsNumberInSlot = -2;
struct ToJsOptions {
  int depth = -1;
  bool create_pyproxies = true;
  JsId dict_converter = kJsError; // a JS function given the entries, or none
};
JsId py_to_js_deep(PyObject* o, const ToJsOptions& options);
// New PyProxy for `o` (the proxy owns a new reference).
JsId new_pyproxy(PyObject* o);
int pyproxy_flags(PyObject* o);

// --- jsproxy_*.cpp --------------------------------------------------------
extern PyTypeObject* JsProxyType;
bool init_jsproxy(PyObject* module);
// Wraps a JS value; steals `id`. `self_id` is the `this` for a method (borrowed).
PyObject* jsproxy_new(JsId id, JsId self_id = kJsUndefined);
inline bool is_jsproxy(PyObject* o) { return PyObject_TypeCheck(o, JsProxyType); }
JsId jsproxy_id(PyObject* o); // borrowed
// Converts each Python argument (and kwargs as one trailing object), calls,
// releases temporary PyProxies, converts the result implicitly.
PyObject* jsproxy_call_with(JsId function,
                            JsId self,
                            PyObject* const* args,
                            Py_ssize_t nargs,
                            PyObject* kwnames,
                            bool construct);
extern long live_jsproxies;

// --- suspend.cpp ----------------------------------------------------------
// Waits that suspend the wasm stack (JSPI) when entered from the host loop, and
// otherwise block synchronously; same results as the pyrt_js_ functions.
int read_line_waiting(char* buffer, int capacity);
int sleep_waiting(double seconds);
// _pyrt.wait_host_calls(seconds): suspends until the host has calls for Python
// (or `seconds` pass) and returns them as a list; RuntimeError where it cannot
// suspend (ask can_suspend first).
PyObject* wait_host_calls(double seconds);
// Whether a wait here would suspend (JSPI) rather than block or fail.
bool can_suspend();

// --- compile.cpp ----------------------------------------------------------
// _pyrt.compile_split(source, filename, flags, split_tail): runPython's compile
// step from one parse, without Python AST objects.
PyObject* compile_split(PyObject*, PyObject* args);

} // namespace pyrt
