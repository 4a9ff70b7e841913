// Python -> JS conversions: implicit (py_to_js) and explicit deep (toJs/to_js).
#include <memory>
#include <unordered_map>

#include "runtime.h"

// A copy of a buffer's items (packed in C order at `data`) as a TypedArray of their type, nested
// Arrays of them for more than one dimension, the item itself for none (js/runtime.ts bufferToJs).
// Sets *unsupported when no TypedArray holds items of `format`.
// clang-format off
PYRT_JS(pyrt::JsId, pyrt_js_buffer_to_js,
        (const void* data, int nbytes, const char* format, int itemsize, int ndim,
         const Py_ssize_t* shape, int* unsupported), 0, {
          const r = pyrt.bufferToJs(data, nbytes, UTF8ToString(format), itemsize, ndim, shape);
          if (r === pyrt.MISSING) {
            HEAP32[unsupported >> 2] = 1;
            return 1;
          }
          return pyrt.h.add(r);
        });
// clang-format on

namespace pyrt {

bool js_number_value(PyObject* o, double* out) {
  // Exact types first: this runs on every call result, and PyFloat_Check of a
  // non-float (None, say) walks the type's MRO.
  PyTypeObject* type = Py_TYPE(o);
  if (type != &PyLong_Type) {
    if (type == &PyFloat_Type || (type != &PyBool_Type && o != Py_None && PyFloat_Check(o))) {
      *out = PyFloat_AS_DOUBLE(o);
      return true;
    }
    if (!PyLong_Check(o) || PyBool_Check(o))
      return false;
  }
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (overflow || v < -(1LL << 53) || v > (1LL << 53))
    return false;
  *out = static_cast<double>(v);
  return true;
}

// An int JS cannot hold exactly becomes a BigInt.
static JsId int_to_js(PyObject* o) {
  double number;
  if (js_number_value(o, &number))
    return pyrt_js_number(number);
  PyRef hex = PyRef::steal(PyNumber_ToBase(o, 16));
  if (!hex)
    return kJsError;
  const char* text = PyUnicode_AsUTF8(hex.get());
  return text ? pyrt_js_bigint_hex(text) : kJsError;
}

static JsId str_to_js(PyObject* o) {
  return pyrt_js_string(
    PyUnicode_KIND(o), PyUnicode_DATA(o), static_cast<int>(PyUnicode_GET_LENGTH(o)));
}

JsId py_to_js(PyObject* o) {
  if (o == Py_None)
    return kJsUndefined;
  if (o == Py_True)
    return kJsTrue;
  if (o == Py_False)
    return kJsFalse;
  if (PyLong_Check(o))
    return int_to_js(o);
  if (PyFloat_Check(o))
    return pyrt_js_number(PyFloat_AS_DOUBLE(o));
  if (PyUnicode_Check(o))
    return str_to_js(o);
  if (is_jsproxy(o))
    return JsRef::borrow(jsproxy_id(o)).release();
  return new_pyproxy(o);
}

JsId new_pyproxy(PyObject* o) {
  int flags = pyproxy_flags(o);
  // The new proxy owns this reference (released by pyrt_decref on destroy).
  PyRef owned = PyRef::borrow(o);
  JsId id = pyrt_js_new_pyproxy(owned.get(), flags);
  if (id != kJsError)
    owned.release();
  return id;
}

namespace {

// Deep conversions recurse once per nested container (~140 bytes of the engine's stack a level,
// measured), and a full stack is a trap the runtime does not survive. Each level counts toward
// Python's recursion limit, as repr() or json.dumps() of the same data do (a RecursionError at
// sys.getrecursionlimit(), 1000 by default, less the Python frames already below); since a raised
// limit may allow more than the stack holds, deep levels also ask whether the stack has room, as
// the interpreter loop does (cmake/patches/cpython-ceval-stack-check.patch).
constexpr int kStackCheckDepth = 64;
constexpr int kStackCheckEvery = 16;
// On a JSPI stack, which JS cannot measure (src/suspend.cpp), levels are counted instead: 2,000
// take ~280 KB of its 984 KB, leaving room for the 400 interpreter activations allowed there.
constexpr int kLevelsOnSuspendableStack = 2000;

bool stack_has_room(int level) {
  if (level <= kStackCheckDepth || level % kStackCheckEvery != 0)
    return true;
  if (can_suspend())
    return level < kLevelsOnSuspendableStack;
  return pyrt_js_stack_has_room() != 0;
}

// A Python buffer exported for the life of the object (released on every path).
class BufferExport {
public:
  BufferExport() = default;
  ~BufferExport() {
    if (held_)
      PyBuffer_Release(&view_);
  }
  BufferExport(const BufferExport&) = delete;
  BufferExport& operator=(const BufferExport&) = delete;
  bool get(PyObject* o, int flags) {
    held_ = PyObject_GetBuffer(o, &view_, flags) == 0;
    return held_;
  }
  const Py_buffer& view() const { return view_; }

private:
  Py_buffer view_{};
  bool held_ = false;
};

// One level of nesting for the life of the object; false (with RecursionError set) if too deep.
class Nesting {
public:
  explicit Nesting(int& level)
    : level_(level) {
    if (Py_EnterRecursiveCall(" while converting a Python object to JavaScript"))
      return;
    if (!stack_has_room(level_ + 1)) {
      Py_LeaveRecursiveCall();
      PyErr_SetString(PyExc_RecursionError,
                      "maximum recursion depth exceeded while converting a Python object to "
                      "JavaScript (the stack is full)");
      return;
    }
    entered_ = true;
    level_++;
  }
  ~Nesting() {
    if (!entered_)
      return;
    level_--;
    Py_LeaveRecursiveCall();
  }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;
  explicit operator bool() const { return entered_; }

private:
  int& level_;
  bool entered_ = false;
};

// One deep conversion: the memo keeps shared and cyclic substructures shared.
class DeepConverter {
public:
  explicit DeepConverter(const ToJsOptions& options)
    : options_(options) {}

  JsId convert(PyObject* o, int depth) {
    if (depth == 0)
      return shallow(o);
    auto found = memo_.find(o);
    if (found != memo_.end())
      return JsRef(found->second).release();
    if (PyList_Check(o) || PyTuple_Check(o) || PyDict_Check(o) || PyAnySet_Check(o)) {
      Nesting nesting(level_);
      if (!nesting)
        return kJsError;
      if (PyDict_Check(o))
        return mapping(o, depth);
      if (PyAnySet_Check(o))
        return set(o, depth);
      return sequence(o, depth);
    }
    if (PyObject_CheckBuffer(o))
      return buffer(o);
    return shallow(o);
  }

private:
  JsId shallow(PyObject* o) {
    if (!options_.create_pyproxies && !is_primitive(o) && !is_jsproxy(o)) {
      PyErr_Format(ConversionError,
                   "No conversion to JavaScript known for %s (and "
                   "create_pyproxies is false)",
                   Py_TYPE(o)->tp_name);
      return kJsError;
    }
    return py_to_js(o);
  }
  static bool is_primitive(PyObject* o) {
    return o == Py_None || PyBool_Check(o) || PyLong_Check(o) || PyFloat_Check(o) ||
           PyUnicode_Check(o);
  }
  JsRef remember(PyObject* o, JsId id) {
    JsRef ref = JsRef::steal(id);
    memo_.emplace(o, ref);
    return ref;
  }

  JsId sequence(PyObject* o, int depth) {
    JsRef array = remember(o, pyrt_js_new_array());
    if (!array)
      return kJsError;
    PyRef fast = PyRef::steal(PySequence_Fast(o, "not a sequence"));
    if (!fast)
      return kJsError;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast.get());
    PyObject** items = PySequence_Fast_ITEMS(fast.get());
    for (Py_ssize_t i = 0; i < n; i++) {
      JsRef item = JsRef::steal(convert(items[i], depth - 1));
      if (!item || pyrt_js_array_push(array.get(), item.get()) < 0) {
        return kJsError;
      }
    }
    return array.release();
  }

  JsId mapping(PyObject* o, int depth) {
    bool to_entries = options_.dict_converter != kJsError;
    JsRef result = remember(o, to_entries ? pyrt_js_new_array() : pyrt_js_new_map());
    if (!result)
      return kJsError;
    Py_ssize_t pos = 0;
    PyObject *key, *value; // borrowed
    while (PyDict_Next(o, &pos, &key, &value)) {
      if (!is_primitive(key)) {
        PyErr_Format(ConversionError,
                     "Cannot use key of type %s as a key in a JavaScript Map",
                     Py_TYPE(key)->tp_name);
        return kJsError;
      }
      JsRef k = JsRef::steal(py_to_js(key));
      if (!k)
        return kJsError;
      JsRef v = JsRef::steal(convert(value, depth - 1));
      if (!v)
        return kJsError;
      if (to_entries) {
        JsRef pair = JsRef::steal(pyrt_js_new_array());
        if (!pair || pyrt_js_array_push(pair.get(), k.get()) < 0 ||
            pyrt_js_array_push(pair.get(), v.get()) < 0 ||
            pyrt_js_array_push(result.get(), pair.get()) < 0) {
          return kJsError;
        }
      } else if (pyrt_js_map_set(result.get(), k.get(), v.get()) < 0) {
        return kJsError;
      }
    }
    if (!to_entries)
      return result.release();
    JsId entries = result.get();
    JsRef converted =
      JsRef::steal(pyrt_js_call(options_.dict_converter, kJsUndefined, &entries, 1));
    // Later references to this dict must see the converted value.
    if (converted)
      memo_[o] = converted;
    return converted.release();
  }

  JsId set(PyObject* o, int depth) {
    JsRef result = remember(o, pyrt_js_new_set());
    if (!result)
      return kJsError;
    PyRef it = PyRef::steal(PyObject_GetIter(o));
    if (!it)
      return kJsError;
    while (PyRef item = PyRef::steal(PyIter_Next(it.get()))) {
      if (!is_primitive(item.get())) {
        PyErr_Format(ConversionError,
                     "Cannot put an item of type %s in a JavaScript Set",
                     Py_TYPE(item.get())->tp_name);
        return kJsError;
      }
      JsRef v = JsRef::steal(convert(item.get(), depth - 1));
      if (!v || pyrt_js_set_add(result.get(), v.get()) < 0)
        return kJsError;
    }
    if (PyErr_Occurred())
      return kJsError;
    return result.release();
  }

  // Any object with the buffer protocol (bytes, bytearray, memoryview, array.array, ...) becomes
  // a copy as a TypedArray of its items' type (js/runtime.ts bufferToJs), strided and indirect
  // buffers included. Items no TypedArray holds (structs, 'e', 'P') are left as for any object
  // without a conversion: a PyProxy, or ConversionError when create_pyproxies is false.
  JsId buffer(PyObject* o) {
    BufferExport exported;
    if (!exported.get(o, PyBUF_FULL_RO))
      return kJsError;
    const Py_buffer& view = exported.view();
    const void* data = view.buf;
    std::unique_ptr<char, decltype(&PyMem_Free)> packed(nullptr, &PyMem_Free);
    if (!PyBuffer_IsContiguous(&view, 'C')) {
      packed.reset(static_cast<char*>(PyMem_Malloc(view.len)));
      if (!packed) {
        PyErr_NoMemory();
        return kJsError;
      }
      if (PyBuffer_ToContiguous(packed.get(), &view, view.len, 'C') < 0)
        return kJsError;
      data = packed.get();
    }
    int unsupported = 0;
    JsId result = pyrt_js_buffer_to_js(data,
                                       static_cast<int>(view.len),
                                       view.format ? view.format : "B",
                                       static_cast<int>(view.itemsize),
                                       view.ndim,
                                       view.shape,
                                       &unsupported);
    if (unsupported)
      return shallow(o);
    if (result != kJsError)
      memo_.emplace(o, JsRef::borrow(result));
    return result;
  }

  const ToJsOptions& options_;
  std::unordered_map<PyObject*, JsRef> memo_;
  int level_ = 0; // containers being converted, one inside the other
};

} // namespace

JsId py_to_js_deep(PyObject* o, const ToJsOptions& options) {
  return DeepConverter(options).convert(o, options.depth);
}

// What a PyProxy of `o` supports; mirrors PyProxyFlags in js/pyproxy.ts.
enum PyFlags : int {
  kPyHasGet = 1 << 0,
  kPyHasSet = 1 << 1,
  kPyHasLength = 1 << 2,
  kPyHasContains = 1 << 3,
  kPyIterable = 1 << 4,
  kPyIterator = 1 << 5,
  kPyAwaitable = 1 << 6,
  kPyBuffer = 1 << 7,
  kPyCallable = 1 << 8,
  kPyGenerator = 1 << 9,
};

int pyproxy_flags(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  int flags = 0;
  if (t->tp_as_mapping && t->tp_as_mapping->mp_subscript)
    flags |= kPyHasGet;
  if (t->tp_as_mapping && t->tp_as_mapping->mp_ass_subscript)
    flags |= kPyHasSet;
  if ((t->tp_as_sequence && t->tp_as_sequence->sq_length) ||
      (t->tp_as_mapping && t->tp_as_mapping->mp_length)) {
    flags |= kPyHasLength;
  }
  if (t->tp_as_sequence && t->tp_as_sequence->sq_contains)
    flags |= kPyHasContains;
  if (t->tp_iter)
    flags |= kPyIterable;
  if (t->tp_iternext && t->tp_iternext != &_PyObject_NextNotImplemented) {
    flags |= kPyIterator;
  }
  if (t->tp_as_async && t->tp_as_async->am_await)
    flags |= kPyAwaitable;
  if (t->tp_as_buffer && t->tp_as_buffer->bf_getbuffer)
    flags |= kPyBuffer;
  if (t->tp_call)
    flags |= kPyCallable;
  if (PyGen_Check(o))
    flags |= kPyGenerator;
  return flags;
}

} // namespace pyrt
