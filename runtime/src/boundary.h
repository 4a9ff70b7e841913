// The firewall between the three languages. Nothing unwinds across a boundary:
//  * JS -> C++: every JS function the runtime imports is declared with PYRT_JS
//    (below); its body runs inside a catch-all that turns a JS throw into a
//    pending Python JsException and returns the error sentinel for its kind.
//  * C++ -> JS: every export is `extern "C"`, compiled without C++ exceptions,
//    and reports failure as a sentinel (null / 0 / -1) with the Python error
//    indicator set; the JS half turns that into a PythonError (js/errors.ts).
//  * Python -> C++: type slots follow the C API contract (NULL/-1 + error set).
// A wasm trap cannot be caught by C++; the JS half reports it as fatal.
#pragma once
#include <emscripten.h>

#include <cstdint>

#define PYRT_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE

// A JS import whose failure value is `fail` (0 for handles, -1 for status).
// `jsDepth` counts active imports: JS code that may call back into Python is
// on the stack, so the wasm stack cannot be suspended (src/suspend.cpp).
// `pyrt` is the JS half's hook object (see js/prejs.js).
#define PYRT_JS(ret, name, params, fail, ...)                                                      \
  EM_JS(ret, name, params, {                                                                       \
    pyrt.jsDepth++;                                                                                \
    try {                                                                                          \
      __VA_ARGS__                                                                                  \
    } catch (e) {                                                                                  \
      pyrt.setJsError(e);                                                                          \
      return fail;                                                                                 \
    } finally {                                                                                    \
      pyrt.jsDepth--;                                                                              \
    }                                                                                              \
  })

// JS imports that cannot throw and never call back into wasm (pure table
// operations) skip the try and the count.
#define PYRT_JS_NOTHROW(ret, name, params, ...) EM_JS(ret, name, params, __VA_ARGS__)

// JS imports that cannot throw but may run Python code (releasing a PyProxy
// can run a __del__): counted like PYRT_JS.
#define PYRT_JS_NOTHROW_REENTRANT(ret, name, params, ...)                                          \
  EM_JS(ret, name, params, {                                                                       \
    pyrt.jsDepth++;                                                                                \
    try {                                                                                          \
      __VA_ARGS__                                                                                  \
    } finally {                                                                                    \
      pyrt.jsDepth--;                                                                              \
    }                                                                                              \
  })
