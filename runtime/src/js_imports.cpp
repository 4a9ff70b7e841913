// Bodies of the JS imports declared in js_imports.h. Each body is small and
// delegates anything non-trivial to the JS half (`pyrt`, see js/hooks.ts). The
// handle table is `pyrt.h`: `pyrt.h.v[id]` reads a value, `pyrt.h.add(x)`
// stores one and returns its id (a new count).
// The JS bodies must keep their exact tokens (clang-format would split ===).
// clang-format off
#include "js_imports.h"

#include "js_ref.h"

using pyrt::JsId;

PYRT_JS_NOTHROW(void, pyrt_js_incref, (JsId id), { pyrt.h.incref(id); });
PYRT_JS_NOTHROW(void, pyrt_js_decref, (JsId id), { pyrt.h.decref(id); });

PYRT_JS_NOTHROW(JsId, pyrt_js_number, (double v), { return pyrt.h.add(v); });
PYRT_JS(JsId, pyrt_js_bigint_hex, (const char* hex), 0, {
  const s = UTF8ToString(hex);
  return pyrt.h.add(s[0] === '-' ? -BigInt(s.slice(1)) : BigInt(s));
});
PYRT_JS(JsId, pyrt_js_string, (int kind, const void* data, int length), 0,
        { return pyrt.h.add(pyrt.readString(kind, data, length)); });
PYRT_JS(JsId, pyrt_js_string_utf8, (const char* data, int length), 0,
        { return pyrt.h.add(UTF8ToString(data, length)); });
PYRT_JS(JsId, pyrt_js_new_pyproxy, (PyObject * owned, int flags), 0,
        { return pyrt.h.add(pyrt.newPyProxy(owned, flags)); });
PYRT_JS(JsId, pyrt_js_new_array, (), 0, { return pyrt.h.add([]); });
PYRT_JS(int, pyrt_js_array_push, (JsId array, JsId value), -1, {
  pyrt.h.v[array].push(pyrt.h.v[value]);
  return 0;
});
PYRT_JS(JsId, pyrt_js_new_map, (), 0, { return pyrt.h.add(new Map()); });
PYRT_JS(int, pyrt_js_map_set, (JsId map, JsId key, JsId value), -1, {
  pyrt.h.v[map].set(pyrt.h.v[key], pyrt.h.v[value]);
  return 0;
});
PYRT_JS(JsId, pyrt_js_new_set, (), 0, { return pyrt.h.add(new Set()); });
PYRT_JS(int, pyrt_js_set_add, (JsId set, JsId value), -1, {
  pyrt.h.v[set].add(pyrt.h.v[value]);
  return 0;
});
PYRT_JS(JsId, pyrt_js_new_object, (), 0, { return pyrt.h.add({}); });
PYRT_JS(int, pyrt_js_object_set, (JsId object, JsId key, JsId value), -1, {
  pyrt.h.v[object][pyrt.h.v[key]] = pyrt.h.v[value];
  return 0;
});

PYRT_JS(PyObject*, pyrt_js_to_py, (JsId value), 0,
        { return pyrt.toPy(pyrt.h.v[value]); });
PYRT_JS(PyObject*, pyrt_js_to_py_deep, (JsId value, int depth), 0,
        { return pyrt.toPyDeep(pyrt.h.v[value], depth); });

PYRT_JS(int, pyrt_js_type_flags, (JsId value), 0,
        { return pyrt.typeFlags(pyrt.h.v[value]); });
PYRT_JS(PyObject*, pyrt_js_get_attr_py,
        (JsId object, const char* name, int name_len, int* missing), 0, {
          const o = pyrt.h.v[object];
          const key = name_len < 16 ? pyrt.asciiName(name, name_len) : UTF8ToString(name, name_len);
          const r = o[key];
          if (r === undefined && !(key in Object(o))) {
            HEAP32[missing >> 2] = 1;
            return 0;
          }
          if (typeof r === 'function') return pyrt.boundMethod(r, object);
          return pyrt.toPy(r);
        });
PYRT_JS(int, pyrt_js_set_attr,
        (JsId object, const char* name, int name_len, JsId value), -1, {
          pyrt.h.v[object][UTF8ToString(name, name_len)] = pyrt.h.v[value];
          return 0;
        });
PYRT_JS(int, pyrt_js_del_attr, (JsId object, const char* name, int name_len),
        -1, {
          const o = pyrt.h.v[object];
          const key = UTF8ToString(name, name_len);
          if (!(key in Object(o))) return 1;
          delete o[key];
          return 0;
        });
PYRT_JS(JsId, pyrt_js_get_item, (JsId object, JsId key, int* missing), 0, {
  const r = pyrt.getItem(pyrt.h.v[object], pyrt.h.v[key]);
  if (r === pyrt.MISSING) {
    HEAP32[missing >> 2] = 1;
    return 1;
  }
  return pyrt.h.add(r);
});
PYRT_JS(int, pyrt_js_set_item, (JsId object, JsId key, JsId value), -1, {
  pyrt.setItem(pyrt.h.v[object], pyrt.h.v[key], pyrt.h.v[value]);
  return 0;
});
PYRT_JS(int, pyrt_js_del_item, (JsId object, JsId key), -1,
        { return pyrt.deleteItem(pyrt.h.v[object], pyrt.h.v[key]) ? 0 : 1; });
PYRT_JS(int, pyrt_js_has, (JsId object, JsId key), -1,
        { return pyrt.hasItem(pyrt.h.v[object], pyrt.h.v[key]) ? 1 : 0; });
PYRT_JS(JsId, pyrt_js_call,
        (JsId callee, JsId self, const JsId* args, int nargs), 0, {
          const v = pyrt.h.v;
          const a = new Array(nargs);
          for (let i = 0; i < nargs; i++) a[i] = v[HEAP32[(args >> 2) + i]];
          return pyrt.h.add(Reflect.apply(v[callee], v[self], a));
        });
// An argument id of -2 (kJsNumberInSlot) means the number numbers[i].
PYRT_JS(PyObject*, pyrt_js_call_py,
        (JsId callee, JsId self, const JsId* args, const double* numbers, int nargs),
        0, {
          const v = pyrt.h.v;
          let r;
          if (nargs === 0) {
            r = Reflect.apply(v[callee], v[self], []);
          } else if (nargs === 1) {
            const id = HEAP32[args >> 2];
            r = Reflect.apply(v[callee], v[self], [id === -2 ? HEAPF64[numbers >> 3] : v[id]]);
          } else {
            const a = new Array(nargs);
            for (let i = 0; i < nargs; i++) {
              const id = HEAP32[(args >> 2) + i];
              a[i] = id === -2 ? HEAPF64[(numbers >> 3) + i] : v[id];
            }
            r = Reflect.apply(v[callee], v[self], a);
          }
          return pyrt.toPy(r);
        });
PYRT_JS(JsId, pyrt_js_construct,
        (JsId callee, const JsId* args, const double* numbers, int nargs), 0, {
          const v = pyrt.h.v;
          const a = new Array(nargs);
          for (let i = 0; i < nargs; i++) {
            const id = HEAP32[(args >> 2) + i];
            a[i] = id === -2 ? HEAPF64[(numbers >> 3) + i] : v[id];
          }
          return pyrt.h.add(Reflect.construct(v[callee], a));
        });
PYRT_JS(int, pyrt_js_length, (JsId object), -1, {
  const o = pyrt.h.v[object];
  const n = o instanceof Map || o instanceof Set ? o.size : o.length;
  if (typeof n !== 'number') throw new TypeError('object has no length');
  return n;
});
PYRT_JS(JsId, pyrt_js_iter, (JsId object), 0, {
  const o = pyrt.h.v[object];
  return pyrt.h.add(typeof o.next === 'function' && !o[Symbol.iterator]
                        ? o
                        : o[Symbol.iterator]());
});
PYRT_JS(JsId, pyrt_js_iter_next, (JsId iterator, int* done), 0, {
  const r = pyrt.h.v[iterator].next();
  if (r.done) {
    HEAP32[done >> 2] = 1;
    return pyrt.h.add(r.value);
  }
  return pyrt.h.add(r.value);
});
PYRT_JS_NOTHROW(JsId, pyrt_js_typeof, (JsId value),
                { return pyrt.h.add(typeof pyrt.h.v[value]); });
PYRT_JS(JsId, pyrt_js_to_string, (JsId value), 0,
        { return pyrt.h.add(String(pyrt.h.v[value])); });
PYRT_JS(JsId, pyrt_js_repr, (JsId value), 0,
        { return pyrt.h.add(pyrt.repr(pyrt.h.v[value])); });
PYRT_JS(int, pyrt_js_truthy, (JsId value), -1,
        { return pyrt.truthy(pyrt.h.v[value]) ? 1 : 0; });
PYRT_JS_NOTHROW(int, pyrt_js_strict_equal, (JsId a, JsId b),
                { return pyrt.h.v[a] === pyrt.h.v[b] ? 1 : 0; });
PYRT_JS(JsId, pyrt_js_object_keys, (JsId object), 0,
        { return pyrt.h.add(Object.keys(pyrt.h.v[object])); });
PYRT_JS(JsId, pyrt_js_object_values, (JsId object), 0,
        { return pyrt.h.add(Object.values(pyrt.h.v[object])); });
PYRT_JS(JsId, pyrt_js_object_entries, (JsId object), 0,
        { return pyrt.h.add(Object.entries(pyrt.h.v[object])); });
PYRT_JS(JsId, pyrt_js_dir, (JsId object), 0,
        { return pyrt.h.add(pyrt.dir(pyrt.h.v[object])); });
PYRT_JS(JsId, pyrt_js_registered_module,
        (const char* name, int name_len, int* missing), 0, {
          const m = pyrt.jsModules.get(UTF8ToString(name, name_len));
          if (m === undefined) {
            HEAP32[missing >> 2] = 1;
            return 1;
          }
          return pyrt.h.add(m);
        });
PYRT_JS(JsId, pyrt_js_then,
        (JsId thenable, JsId on_ok, JsId on_err, int finally_), 0, {
          const v = pyrt.h.v;
          return pyrt.h.add(pyrt.then(v[thenable], v[on_ok], v[on_err], finally_));
        });
PYRT_JS_NOTHROW_REENTRANT(void, pyrt_js_await, (JsId thenable, PyObject * future),
                          { pyrt.awaitThenable(pyrt.h.v[thenable], future); });
PYRT_JS_NOTHROW(int, pyrt_js_is_pyproxy, (JsId value),
                { return pyrt.isPyProxy(pyrt.h.v[value]) ? 1 : 0; });
PYRT_JS_NOTHROW(JsId, pyrt_js_identity, (JsId value),
                { return pyrt.h.add(pyrt.identity(pyrt.h.v[value])); });
PYRT_JS(JsId, pyrt_js_once_callable, (JsId pyproxy), 0,
        { return pyrt.h.add(pyrt.onceCallable(pyrt.h.v[pyproxy])); });
PYRT_JS_NOTHROW_REENTRANT(void, pyrt_js_release_temporaries, (const JsId* ids, int n),
                { pyrt.releaseTemporaries(ids, n); });
PYRT_JS(int, pyrt_js_buffer_info, (JsId value, int* itemsize, char* format),
        -1, { return pyrt.bufferInfo(pyrt.h.v[value], itemsize, format); });
PYRT_JS(int, pyrt_js_buffer_read, (JsId value, void* dest, int nbytes), -1, {
  HEAPU8.set(pyrt.bytesOf(pyrt.h.v[value]).subarray(0, nbytes), dest);
  return 0;
});
PYRT_JS(int, pyrt_js_buffer_write, (JsId value, const void* src, int nbytes),
        -1, {
          pyrt.bytesOf(pyrt.h.v[value]).set(HEAPU8.subarray(src, src + nbytes));
          return 0;
        });

PYRT_JS(int, pyrt_js_schedule, (int delay_ms, JsId callback), -1, {
  return pyrt.schedule(delay_ms, pyrt.h.v[callback]);
});
PYRT_JS_NOTHROW_REENTRANT(void, pyrt_js_cancel, (int timer), { pyrt.cancel(timer); });
PYRT_JS(int, pyrt_js_set_tick, (JsId tick), -1, {
  pyrt.setTick(pyrt.h.v[tick]);
  return 0;
});
PYRT_JS_NOTHROW(void, pyrt_js_request_tick, (), { pyrt.requestTick(); });
PYRT_JS(int, pyrt_js_write, (int fd, const char* data, int length), -1, {
  pyrt.write(fd, pyrt.readUtf8(data, length)); // not UTF8ToString: it stops at a NUL
  return 0;
});
PYRT_JS(int, pyrt_js_read_line, (char* buffer, int capacity), -1,
        { return pyrt.readLine(buffer, capacity); });
PYRT_JS(int, pyrt_js_sleep, (double seconds), -1, { return pyrt.sleep(seconds); });
PYRT_JS_NOTHROW(int, pyrt_js_stack_has_room, (), { return pyrt.stackHasRoom(); });
PYRT_JS_NOTHROW(int, pyrt_js_can_suspend, (), { return pyrt.canSuspend(); });
// These return promises that never reject; the outcome is kept for *_resumed.
PYRT_JS(int, pyrt_js_read_line_suspending, (), -1, { return pyrt.readLineSuspending(); });
PYRT_JS(int, pyrt_js_sleep_suspending, (double seconds), -1,
        { return pyrt.sleepSuspending(seconds); });
PYRT_JS(int, pyrt_js_wait_host_call_suspending, (double seconds), -1,
        { return pyrt.waitHostCallSuspending(seconds); });
PYRT_JS_NOTHROW_REENTRANT(PyObject*, pyrt_js_next_host_call, (), { return pyrt.nextHostCall(); });
PYRT_JS(int, pyrt_js_read_line_resumed, (char* buffer, int capacity), -1,
        { return pyrt.storeLine(pyrt.takeWaitOutcome(), buffer, capacity); });
PYRT_JS(int, pyrt_js_wait_resumed, (), -1, {
  pyrt.takeWaitOutcome();
  return 0;
});
PYRT_JS_NOTHROW(double, pyrt_js_now, (), { return performance.now(); });
