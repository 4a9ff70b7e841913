// Waiting for JS promises from synchronous Python (JSPI stack switching).
//
// Host callbacks (loop ticks, timers) enter wasm through pyrt_call_suspendable,
// which the JS half wraps with WebAssembly.promising. Inside such an entry,
// input() and time.sleep() call a WebAssembly.Suspending import: the wasm stack
// is set aside until the promise settles and the worker's event loop keeps
// running (messages, timers, output). Suspending is only legal when no JS frame
// lies between that entry and the import, so every wait asks first:
//  * `entered_suspendable` says the current wasm activation began at a
//    suspendable entry (cleared while it is suspended, so that a synchronous
//    call into Python made meanwhile, e.g. runPython from JS, never suspends);
//  * pyrt_js_can_suspend() says no JS import is active (JSPI is available and
//    no JS code, which could have called back into Python, is on the stack).
// Otherwise the wait takes its synchronous path (Atomics.wait or the embedder's
// synchronous stdin).
//
// A blocking asyncio run_until_complete waits here too (wait_host_calls): the
// host's calls for Python that arrive meanwhile (loop ticks, timers) are handed
// to the waiting Python, which runs them on its own stack, as a blocking loop
// does; without JSPI it cannot block, and returns the task instead.
#include "runtime.h"

using namespace pyrt;

extern "C" pyrt::JsId pyrt_fetch_error();
extern "C" void _Py_CheckEmscriptenSignals(void);

namespace {
bool entered_suspendable = false;

// Clears `entered_suspendable` for the duration of a suspension.
class SuspensionScope {
public:
  SuspensionScope() { entered_suspendable = false; }
  ~SuspensionScope() { entered_suspendable = true; }
  SuspensionScope(const SuspensionScope&) = delete;
  SuspensionScope& operator=(const SuspensionScope&) = delete;
};
} // namespace

namespace pyrt {

bool can_suspend() { return entered_suspendable && pyrt_js_can_suspend(); }

// The suspending imports only wait; what the wait produced (or the JS error it
// ended with) is taken after resuming by a normal import, so that errors are
// raised on this stack and not while it is set aside.
int read_line_waiting(char* buffer, int capacity) {
  if (!can_suspend())
    return pyrt_js_read_line(buffer, capacity);
  {
    SuspensionScope scope;
    pyrt_js_read_line_suspending();
  }
  return pyrt_js_read_line_resumed(buffer, capacity);
}

int sleep_waiting(double seconds) {
  if (!can_suspend())
    return pyrt_js_sleep(seconds);
  {
    SuspensionScope scope;
    pyrt_js_sleep_suspending(seconds);
  }
  return pyrt_js_wait_resumed();
}

PyObject* wait_host_calls(double seconds) {
  // Ctrl+C is seen before waiting: afterwards, the calls handed over must not be dropped.
  _Py_CheckEmscriptenSignals();
  if (PyErr_CheckSignals() < 0)
    return nullptr;
  if (!can_suspend()) {
    PyErr_SetString(PyExc_RuntimeError,
                    "Python cannot be suspended here to wait for the event loop");
    return nullptr;
  }
  {
    SuspensionScope scope;
    pyrt_js_wait_host_call_suspending(seconds);
  }
  if (pyrt_js_wait_resumed() < 0)
    return nullptr;
  PyRef calls = PyRef::steal(PyList_New(0));
  if (!calls)
    return nullptr;
  // Each callable is referenced by the list before the next call releases its PyProxy.
  while (PyObject* call = pyrt_js_next_host_call()) {
    if (PyList_Append(calls.get(), call) < 0) {
      while (pyrt_js_next_host_call()) {
      }
      return nullptr;
    }
  }
  return calls.release();
}

} // namespace pyrt

// From cmake/patches/cpython-ceval-stack-check.patch: asked when activations
// of the interpreter loop nest deep, so that a full stack is a RecursionError
// and not a trap. JS measures the stack it runs on by recursing. Python run
// from the event loop with JSPI runs on a stack of its own (984 KB in V8),
// which JS code does not run on and so cannot measure: there, activations are
// counted instead, at ~1.1 KB each for a function under lru_cache (measured:
// the stack filled between 800 and 1,000), leaving room for heavier ones.
extern "C" int _Py_EvalStackHasRoom(int activations) {
  constexpr int kActivationsOnSuspendableStack = 400;
  if (entered_suspendable && activations >= kActivationsOnSuspendableStack)
    return 0;
  return pyrt_js_stack_has_room();
}

// From cmake/patches/cpython-ceval-stack-check.patch (its second part): asked every 64th
// level of recursion inside C (repr, ==, json, pickle of nested data) past 128.
// On the suspendable stack, which JS cannot measure, levels are counted: they
// take 50-250 bytes each (measured: list == filled the stack at ~5,000), so
// 1,500 leave room for the interpreter activations allowed above.
extern "C" int _Py_CStackHasRoom(int levels) {
  constexpr int kCLevelsOnSuspendableStack = 1500;
  if (entered_suspendable && levels >= kCLevelsOnSuspendableStack)
    return 0;
  return pyrt_js_stack_has_room();
}

// Calls `callable()` for the host's event loop; the result is dropped. Returns
// the undefined handle, or the error (a PythonError) as a JS value: the error
// is taken before the entry returns, because the promise that carries the
// result settles a microtask later, when other entries may have run. The JS
// half runs one suspendable entry at a time.
PYRT_EXPORT JsId pyrt_call_suspendable(PyObject* callable) {
  bool outer = entered_suspendable;
  entered_suspendable = true;
  PyRef result = PyRef::steal(PyObject_CallNoArgs(callable));
  entered_suspendable = outer;
  return result ? kJsUndefined : pyrt_fetch_error();
}
