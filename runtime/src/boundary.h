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
// `pyrt` is the JS half's hook object (see js/prejs.js).
#define PYRT_JS(ret, name, params, fail, ...)                                                      \
  EM_JS(ret, name, params, {                                                                       \
    try {                                                                                          \
      __VA_ARGS__                                                                                  \
    } catch (e) {                                                                                  \
      pyrt.setJsError(e);                                                                          \
      return fail;                                                                                 \
    }                                                                                              \
  })

// JS imports that cannot throw (pure table operations) skip the try.
#define PYRT_JS_NOTHROW(ret, name, params, ...) EM_JS(ret, name, params, __VA_ARGS__)
