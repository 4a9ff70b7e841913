// Every JS operation C++ needs, implemented in js_imports.cpp with PYRT_JS.
// Handle-returning functions return kJsError (0) after a JS throw, with the
// Python error indicator set to a JsException; status functions return -1.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "js_ref.h"

namespace pyrt {

// Bits of js_type_flags(): what a JS value supports, computed once per proxy.
enum JsFlags : int {
  kJsCallable = 1 << 0,
  kJsArrayLike = 1 << 1, // Array or TypedArray: integer items, length
  kJsMapLike = 1 << 2,   // has get/has/set like Map
  kJsIterable = 1 << 3,
  kJsIterator = 1 << 4,
  kJsThenable = 1 << 5,
  kJsHasLength = 1 << 6, // length or size
  kJsBuffer = 1 << 7,    // ArrayBuffer, TypedArray or DataView
  kJsIsError = 1 << 8,
  kJsArray = 1 << 9,
  kJsSetLike = 1 << 10,
};

extern "C" {
// Values from Python data.
JsId pyrt_js_number(double v);
JsId pyrt_js_bigint_hex(const char* hex); // "-0x1f" style
JsId pyrt_js_string(int kind, const void* data, int length);
JsId pyrt_js_string_utf8(const char* data, int length);
JsId pyrt_js_new_pyproxy(PyObject* owned, int flags);
JsId pyrt_js_new_array();
int pyrt_js_array_push(JsId array, JsId value);
JsId pyrt_js_new_map();
int pyrt_js_map_set(JsId map, JsId key, JsId value);
JsId pyrt_js_new_set();
int pyrt_js_set_add(JsId set, JsId value);
JsId pyrt_js_new_object();
int pyrt_js_object_set(JsId object, JsId key, JsId value);

// Conversions to Python; return a new reference or null with an error set.
PyObject* pyrt_js_to_py(JsId value);                 // implicit: primitives or JsProxy
PyObject* pyrt_js_to_py_deep(JsId value, int depth); // JsProxy.to_py

// Operations on a JS value.
int pyrt_js_type_flags(JsId value);
// object[name] as a Python object (new reference); a function comes bound to
// `object` so that calling it keeps `this`. Sets *missing (and returns null
// without an error) when there is no such property.
PyObject* pyrt_js_get_attr_py(JsId object, const char* name, int name_len, int* missing);
int pyrt_js_set_attr(JsId object, const char* name, int name_len, JsId value);
int pyrt_js_del_attr(JsId object, const char* name, int name_len);
JsId pyrt_js_get_item(JsId object, JsId key, int* missing);
int pyrt_js_set_item(JsId object, JsId key, JsId value);
int pyrt_js_del_item(JsId object, JsId key);
int pyrt_js_has(JsId object, JsId key);
JsId pyrt_js_call(JsId callee, JsId self, const JsId* args, int nargs);
// The same, with the result converted to Python in the same crossing.
// args[i] == kJsNumberInSlot means the argument is the number numbers[i].
PyObject* pyrt_js_call_py(JsId callee,
                          JsId self,
                          const JsId* args,
                          const double* numbers,
                          int nargs);
JsId pyrt_js_construct(JsId callee, const JsId* args, const double* numbers, int nargs);
int pyrt_js_length(JsId object);
JsId pyrt_js_iter(JsId object);
JsId pyrt_js_iter_next(JsId iterator, int* done);
JsId pyrt_js_typeof(JsId value);
JsId pyrt_js_to_string(JsId value);
JsId pyrt_js_repr(JsId value);
int pyrt_js_truthy(JsId value);
int pyrt_js_strict_equal(JsId a, JsId b);
JsId pyrt_js_object_keys(JsId object);
JsId pyrt_js_object_values(JsId object);
JsId pyrt_js_object_entries(JsId object);
JsId pyrt_js_dir(JsId object);
JsId pyrt_js_registered_module(const char* name, int name_len, int* missing);
// thenable.then(ok, err) (or .finally(ok) when `finally_`); PyProxy handlers
// are released once the promise settles. Returns the new promise.
JsId pyrt_js_then(JsId thenable, JsId on_ok, JsId on_err, int finally_);
// The await of a JsProxy: hands `future` (one reference) to JS, which passes it
// to pyrt_settle_future when `thenable` settles, or at once if its then() throws.
void pyrt_js_await(JsId thenable, PyObject* future);
JsId pyrt_js_identity(JsId value);
int pyrt_js_is_pyproxy(JsId value);
JsId pyrt_js_once_callable(
  JsId pyproxy); // a JS function calling it once  // a number unique to the JS object
// Destroys the PyProxies made for the arguments of a finished JS call.
void pyrt_js_release_temporaries(const JsId* ids, int n);
// Buffers: byte length and format of a buffer-like value, and copies.
int pyrt_js_buffer_info(JsId value, int* itemsize, char* format);
int pyrt_js_buffer_read(JsId value, void* dest, int nbytes);
int pyrt_js_buffer_write(JsId value, const void* src, int nbytes);

// Runtime services.
// Runs a PyProxy callback after delay_ms (released after); returns a timer id.
int pyrt_js_schedule(int delay_ms, JsId callback);
void pyrt_js_cancel(int timer);
int pyrt_js_set_tick(JsId tick); // the event loop's run-ready function, kept
void pyrt_js_request_tick();
int pyrt_js_write(int fd, const char* data, int length);
int pyrt_js_read_line(char* buffer, int capacity); // -1 error, -2 EOF
int pyrt_js_sleep(double seconds);
// Whether the engine's stack has room for more recursion through C: 1 or 0.
int pyrt_js_stack_has_room();
// JSPI (see suspend.cpp): whether a wait may suspend here, and the waits that
// do; the JS half wraps the last two in WebAssembly.Suspending.
int pyrt_js_can_suspend();
int pyrt_js_read_line_suspending();
int pyrt_js_sleep_suspending(double seconds);
// Waits until the host has a callback for Python (a loop tick, a timer) or
// `seconds` have passed; used by a blocking run_until_complete.
int pyrt_js_wait_host_call_suspending(double seconds);
// After that wait: the next callback handed over (borrowed; 0 when none left).
// Each call first releases what the previous one handed over.
PyObject* pyrt_js_next_host_call();
// After resuming: the line read (as pyrt_js_read_line) / 0, or -1 with the
// JS error the wait ended with.
int pyrt_js_read_line_resumed(char* buffer, int capacity);
int pyrt_js_wait_resumed();
double pyrt_js_now();
}

// A JS string handle as a Python str (new reference).
PyObject* js_string_to_py(JsId value);

} // namespace pyrt
