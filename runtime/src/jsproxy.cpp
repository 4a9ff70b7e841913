// JsProxy: the Python view of a JS value. One heap type per combination of
// capabilities (JsFlags), so that callable(), len(), iter(), await and
// subscripting are present exactly when the JS value supports them; all share
// the base type pyodide.JsProxy for isinstance checks.
#include "runtime.h"

#include <structmember.h>

#include <unordered_map>
#include <vector>

namespace pyrt {

PyTypeObject* JsProxyType = nullptr;
long live_jsproxies = 0;

namespace {

struct JsProxyObject {
  PyObject_HEAD JsId id; // owned
  JsId self_id;          // owned: `this` for a method taken from an object
  int flags;
  vectorcallfunc vectorcall;
};

JsProxyObject* as_proxy(PyObject* o) { return reinterpret_cast<JsProxyObject*>(o); }

// The name of an attribute as UTF-8, or null with an error set.
const char* name_utf8(PyObject* name, Py_ssize_t* len) {
  if (!PyUnicode_Check(name)) {
    PyErr_Format(
      PyExc_TypeError, "attribute name must be string, not '%.200s'", Py_TYPE(name)->tp_name);
    return nullptr;
  }
  return PyUnicode_AsUTF8AndSize(name, len);
}

bool is_dunder(const char* s, Py_ssize_t n) {
  return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

// --- lifetime -----------------------------------------------------------------

void jsproxy_dealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  JsRef::steal(as_proxy(self)->id);
  JsRef::steal(as_proxy(self)->self_id);
  live_jsproxies--;
  type->tp_free(self);
  drop_type_ref(type);
}

// --- attributes -----------------------------------------------------------------

PyObject* jsproxy_getattro(PyObject* self, PyObject* name) {
  // The proxy type's own members (to_py, then, typeof, ...) come first; the
  // lookup in the type avoids raising and clearing an AttributeError on the
  // hot path of reading a JS attribute.
  if (!PyUnicode_Check(name) || _PyType_Lookup(Py_TYPE(self), name) != nullptr)
    return PyObject_GenericGetAttr(self, name);
  Py_ssize_t len;
  const char* s = name_utf8(name, &len);
  if (s == nullptr)
    return nullptr;
  if (is_dunder(s, len))
    return PyObject_GenericGetAttr(self, name); // raises the AttributeError
  int missing = 0;
  PyObject* value = pyrt_js_get_attr_py(as_proxy(self)->id, s, len, &missing);
  if (missing)
    PyErr_Format(PyExc_AttributeError, "%U", name);
  return value;
}

int jsproxy_setattro(PyObject* self, PyObject* name, PyObject* value) {
  Py_ssize_t len;
  const char* s = name_utf8(name, &len);
  if (s == nullptr)
    return -1;
  if (is_dunder(s, len)) {
    // Keeps Python machinery (the import system setting __spec__ and the like)
    // from writing onto user objects.
    PyErr_Format(PyExc_AttributeError, "cannot set %U on a JsProxy", name);
    return -1;
  }
  if (value == nullptr) {
    int r = pyrt_js_del_attr(as_proxy(self)->id, s, len);
    if (r == 1)
      PyErr_Format(PyExc_AttributeError, "%U", name);
    return r == 0 ? 0 : -1;
  }
  JsRef v = JsRef::steal(py_to_js(value));
  if (!v)
    return -1;
  return pyrt_js_set_attr(as_proxy(self)->id, s, len, v.get());
}

// --- basic protocol -------------------------------------------------------------

PyObject* jsproxy_repr(PyObject* self) {
  JsRef text = JsRef::steal(pyrt_js_repr(as_proxy(self)->id));
  return text ? js_string_to_py(text.get()) : nullptr;
}

PyObject* jsproxy_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !is_jsproxy(b))
    Py_RETURN_NOTIMPLEMENTED;
  bool same = pyrt_js_strict_equal(as_proxy(a)->id, as_proxy(b)->id);
  return boolean(op == Py_EQ ? same : !same);
}

Py_hash_t jsproxy_hash(PyObject* self) {
  // Equality is JS identity, so the hash is the identity's: a stable id per
  // JS object kept by the JS half.
  JsRef id_value = JsRef::steal(pyrt_js_identity(as_proxy(self)->id));
  if (!id_value)
    return -1;
  PyRef n = PyRef::steal(pyrt_js_to_py(id_value.get()));
  if (!n)
    return -1;
  return PyObject_Hash(n.get());
}

int jsproxy_bool(PyObject* self) {
  JsProxyObject* p = as_proxy(self);
  if (p->flags & kJsHasLength) {
    int n = pyrt_js_length(p->id);
    if (n >= 0)
      return n > 0;
    PyErr_Clear();
  }
  return pyrt_js_truthy(p->id);
}

Py_ssize_t jsproxy_length(PyObject* self) { return pyrt_js_length(as_proxy(self)->id); }

// --- items ----------------------------------------------------------------------

PyObject* jsproxy_subscript(PyObject* self, PyObject* key) {
  JsProxyObject* p = as_proxy(self);
  if ((p->flags & kJsArrayLike) && !PyLong_Check(key)) {
    PyErr_Format(
      PyExc_TypeError, "array indices must be integers, not %.200s", Py_TYPE(key)->tp_name);
    return nullptr;
  }
  JsRef k = JsRef::steal(py_to_js(key));
  if (!k)
    return nullptr;
  int missing = 0;
  JsRef value = JsRef::steal(pyrt_js_get_item(p->id, k.get(), &missing));
  if (missing) {
    if (p->flags & kJsArrayLike) {
      PyErr_SetString(PyExc_IndexError, "array index out of range");
    } else {
      PyErr_SetObject(PyExc_KeyError, key);
    }
    return nullptr;
  }
  if (!value)
    return nullptr;
  return pyrt_js_to_py(value.get());
}

int jsproxy_ass_subscript(PyObject* self, PyObject* key, PyObject* value) {
  JsProxyObject* p = as_proxy(self);
  JsRef k = JsRef::steal(py_to_js(key));
  if (!k)
    return -1;
  if (value == nullptr) {
    int r = pyrt_js_del_item(p->id, k.get());
    if (r == 1) {
      if (p->flags & kJsArrayLike) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
      } else {
        PyErr_SetObject(PyExc_KeyError, key);
      }
    }
    return r == 0 ? 0 : -1;
  }
  JsRef v = JsRef::steal(py_to_js(value));
  if (!v)
    return -1;
  return pyrt_js_set_item(p->id, k.get(), v.get());
}

int jsproxy_contains(PyObject* self, PyObject* key) {
  JsRef k = JsRef::steal(py_to_js(key));
  if (!k)
    return -1;
  return pyrt_js_has(as_proxy(self)->id, k.get());
}

// --- calls ----------------------------------------------------------------------

PyObject* jsproxy_vectorcall(PyObject* self,
                             PyObject* const* args,
                             size_t nargsf,
                             PyObject* kwnames) {
  JsProxyObject* p = as_proxy(self);
  return jsproxy_call_with(p->id, p->self_id, args, PyVectorcall_NARGS(nargsf), kwnames, false);
}

PyObject* jsproxy_new_method(PyObject* self,
                             PyObject* const* args,
                             size_t nargsf,
                             PyObject* kwnames) {
  return jsproxy_call_with(
    as_proxy(self)->id, kJsUndefined, args, PyVectorcall_NARGS(nargsf), kwnames, true);
}

// --- iteration ------------------------------------------------------------------

PyObject* jsproxy_iter(PyObject* self) {
  JsRef it = JsRef::steal(pyrt_js_iter(as_proxy(self)->id));
  return it ? jsproxy_new(it.release()) : nullptr;
}

PyObject* jsproxy_iternext(PyObject* self) {
  int done = 0;
  JsRef value = JsRef::steal(pyrt_js_iter_next(as_proxy(self)->id, &done));
  if (!value)
    return nullptr;
  if (done)
    return nullptr; // StopIteration without an error set
  return pyrt_js_to_py(value.get());
}

// --- awaiting ---------------------------------------------------------------------

// A new future of the running loop (asyncio.get_event_loop().create_future()).
PyRef new_loop_future() {
  static PyRef get_event_loop; // the module's function, looked up once
  if (!get_event_loop) {
    PyRef asyncio = PyRef::steal(PyImport_ImportModule("asyncio"));
    if (!asyncio)
      return PyRef();
    get_event_loop = PyRef::steal(PyObject_GetAttrString(asyncio.get(), "get_event_loop"));
    if (!get_event_loop)
      return PyRef();
  }
  PyRef loop = PyRef::steal(PyObject_CallNoArgs(get_event_loop.get()));
  PyObject* create_future = PYRT_NAME("create_future");
  if (!loop || !create_future)
    return PyRef();
  return PyRef::steal(PyObject_CallMethodNoArgs(loop.get(), create_future));
}

// `await proxy`: a future of the loop that JS settles when the thenable does,
// with no Python callbacks or PyProxies in between (pyrt_settle_future).
PyObject* jsproxy_await(PyObject* self) {
  PyRef future = new_loop_future();
  if (!future)
    return nullptr;
  PyObject* await_name = PYRT_NAME("__await__");
  if (!await_name)
    return nullptr;
  pyrt_js_await(as_proxy(self)->id, PyRef(future).release());
  return PyObject_CallMethodNoArgs(future.get(), await_name);
}

PyObject* then_impl(PyObject* self, PyObject* on_ok, PyObject* on_err, bool fin) {
  JsRef ok = JsRef::steal(on_ok && on_ok != Py_None ? py_to_js(on_ok) : kJsUndefined);
  if (!ok)
    return nullptr;
  JsRef err = JsRef::steal(on_err && on_err != Py_None ? py_to_js(on_err) : kJsUndefined);
  if (!err)
    return nullptr;
  JsRef promise = JsRef::steal(pyrt_js_then(as_proxy(self)->id, ok.get(), err.get(), fin));
  return promise ? jsproxy_new(promise.release()) : nullptr;
}

PyObject* jsproxy_then(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* names[] = { "onfulfilled", "onrejected", nullptr };
  PyObject *ok = nullptr, *err = nullptr;
  if (!PyArg_ParseTupleAndKeywords(
        args, kwargs, "O|O:then", const_cast<char**>(names), &ok, &err)) {
    return nullptr;
  }
  return then_impl(self, ok, err, false);
}
PyObject* jsproxy_catch(PyObject* self, PyObject* on_err) {
  return then_impl(self, nullptr, on_err, false);
}
PyObject* jsproxy_finally(PyObject* self, PyObject* on_done) {
  return then_impl(self, on_done, nullptr, true);
}

// --- methods --------------------------------------------------------------------

PyObject* jsproxy_to_py(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* names[] = { "depth", nullptr };
  int depth = -1;
  // to_py(depth) or to_py(depth=...), like toJs(depth) and toPy(obj, depth) on the JS side.
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|i:to_py", const_cast<char**>(names), &depth)) {
    return nullptr;
  }
  return pyrt_js_to_py_deep(as_proxy(self)->id, depth);
}

PyObject* array_result(JsId array) {
  JsRef a = JsRef::steal(array);
  return a ? pyrt_js_to_py_deep(a.get(), 1) : nullptr;
}
// As in the seed, the JS array itself (a JsProxy): returned to JS it is that Array, not a PyProxy
// of a list.
PyObject* array_proxy(JsId array) { return array ? jsproxy_new(array) : nullptr; }
PyObject* jsproxy_object_keys(PyObject* self, PyObject*) {
  return array_proxy(pyrt_js_object_keys(as_proxy(self)->id));
}
PyObject* jsproxy_object_values(PyObject* self, PyObject*) {
  return array_proxy(pyrt_js_object_values(as_proxy(self)->id));
}
PyObject* jsproxy_object_entries(PyObject* self, PyObject*) {
  return array_proxy(pyrt_js_object_entries(as_proxy(self)->id));
}
PyObject* jsproxy_dir(PyObject* self, PyObject*) {
  PyRef own = PyRef::steal(PyObject_Dir(reinterpret_cast<PyObject*>(Py_TYPE(self))));
  PyRef js = PyRef::steal(array_result(pyrt_js_dir(as_proxy(self)->id)));
  if (!own || !js)
    return nullptr;
  PyRef all = PyRef::steal(PySet_New(own.get()));
  if (!all || _PySet_Update(all.get(), js.get()) < 0)
    return nullptr;
  return PySequence_List(all.get());
}
PyObject* jsproxy_typeof(PyObject* self, void*) {
  JsRef t = JsRef::steal(pyrt_js_typeof(as_proxy(self)->id));
  return js_string_to_py(t.get());
}
PyObject* jsproxy_js_id(PyObject* self, void*) {
  JsRef id_value = JsRef::steal(pyrt_js_identity(as_proxy(self)->id));
  return id_value ? pyrt_js_to_py(id_value.get()) : nullptr;
}

// --- buffers --------------------------------------------------------------------

// Checks that `view` and the JS buffer have the same byte length.
bool same_size(PyObject* self, const Py_buffer& view, int* js_bytes) {
  int itemsize = 0;
  char format[4] = { 0 };
  *js_bytes = pyrt_js_buffer_info(as_proxy(self)->id, &itemsize, format);
  if (*js_bytes < 0)
    return false;
  if (*js_bytes != view.len) {
    PyErr_Format(PyExc_ValueError,
                 "cannot assign: the buffers have different sizes (JS %d bytes, "
                 "Python %zd bytes)",
                 *js_bytes,
                 view.len);
    return false;
  }
  return true;
}

PyObject* jsproxy_assign(PyObject* self, PyObject* source) {
  Py_buffer view;
  if (PyObject_GetBuffer(source, &view, PyBUF_ANY_CONTIGUOUS) < 0)
    return nullptr;
  int n = 0;
  bool ok = same_size(self, view, &n) && pyrt_js_buffer_write(as_proxy(self)->id, view.buf, n) == 0;
  PyBuffer_Release(&view);
  return ok ? none() : nullptr;
}

PyObject* jsproxy_assign_to(PyObject* self, PyObject* target) {
  Py_buffer view;
  if (PyObject_GetBuffer(target, &view, PyBUF_ANY_CONTIGUOUS | PyBUF_WRITABLE) < 0) {
    return nullptr;
  }
  int n = 0;
  bool ok = same_size(self, view, &n) && pyrt_js_buffer_read(as_proxy(self)->id, view.buf, n) == 0;
  PyBuffer_Release(&view);
  return ok ? none() : nullptr;
}

PyMethodDef base_methods[] = {
  { "to_py",
    reinterpret_cast<PyCFunction>(jsproxy_to_py),
    METH_VARARGS | METH_KEYWORDS,
    "Converts the JS value to Python deeply (depth=-1: fully)." },
  { "new",
    reinterpret_cast<PyCFunction>(jsproxy_new_method),
    METH_FASTCALL | METH_KEYWORDS,
    "Calls the JS value with `new`." },
  { "object_keys", jsproxy_object_keys, METH_NOARGS, "Object.keys(value)" },
  { "object_values", jsproxy_object_values, METH_NOARGS, "Object.values(value)" },
  { "object_entries", jsproxy_object_entries, METH_NOARGS, "Object.entries(value)" },
  { "__dir__", jsproxy_dir, METH_NOARGS, nullptr },
  { nullptr, nullptr, 0, nullptr }
};

PyMethodDef thenable_methods[] = {
  { "then",
    reinterpret_cast<PyCFunction>(jsproxy_then),
    METH_VARARGS | METH_KEYWORDS,
    "promise.then(onfulfilled, onrejected); the handlers are released once it settles." },
  { "catch", jsproxy_catch, METH_O, "promise.catch(onrejected)" },
  { "finally_", jsproxy_finally, METH_O, "promise.finally(onfinally)" },
  { nullptr, nullptr, 0, nullptr }
};

PyMethodDef buffer_methods[] = {
  { "assign", jsproxy_assign, METH_O, "Copies a Python buffer into this JS buffer." },
  { "assign_to", jsproxy_assign_to, METH_O, "Copies this JS buffer into a Python buffer." },
  { nullptr, nullptr, 0, nullptr }
};

PyGetSetDef base_getset[] = {
  { "typeof", jsproxy_typeof, nullptr, "The JS `typeof` of the value.", nullptr },
  { "js_id", jsproxy_js_id, nullptr, "A number identifying the JS value.", nullptr },
  { nullptr, nullptr, nullptr, nullptr, nullptr }
};

PyMemberDef call_members[] = {
  { "__vectorcalloffset__", T_PYSSIZET, offsetof(JsProxyObject, vectorcall), READONLY, nullptr },
  { nullptr, 0, 0, 0, nullptr }
};

std::unordered_map<int, PyTypeObject*> types_by_flags;

// The capabilities that change a proxy's type.
constexpr int kTypeFlagsMask = kJsCallable | kJsArrayLike | kJsMapLike | kJsSetLike | kJsIterable |
                               kJsIterator | kJsThenable | kJsHasLength | kJsBuffer;

PyTypeObject* type_for(int flags) {
  flags &= kTypeFlagsMask;
  auto found = types_by_flags.find(flags);
  if (found != types_by_flags.end())
    return found->second;
  std::vector<PyType_Slot> slots;
  unsigned type_flags = Py_TPFLAGS_DEFAULT;
  if (flags & kJsCallable) {
    slots.push_back({ Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call) });
    slots.push_back({ Py_tp_members, call_members });
    type_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  }
  if (flags & kJsHasLength) {
    slots.push_back({ Py_mp_length, reinterpret_cast<void*>(jsproxy_length) });
  }
  if (flags & (kJsArrayLike | kJsMapLike)) {
    slots.push_back({ Py_mp_subscript, reinterpret_cast<void*>(jsproxy_subscript) });
    slots.push_back({ Py_mp_ass_subscript, reinterpret_cast<void*>(jsproxy_ass_subscript) });
  }
  if (flags & (kJsArrayLike | kJsMapLike | kJsSetLike)) {
    slots.push_back({ Py_sq_contains, reinterpret_cast<void*>(jsproxy_contains) });
  }
  if (flags & kJsIterator) {
    slots.push_back({ Py_tp_iter, reinterpret_cast<void*>(PyObject_SelfIter) });
    slots.push_back({ Py_tp_iternext, reinterpret_cast<void*>(jsproxy_iternext) });
  } else if (flags & kJsIterable) {
    slots.push_back({ Py_tp_iter, reinterpret_cast<void*>(jsproxy_iter) });
  }
  if (flags & kJsThenable) {
    slots.push_back({ Py_am_await, reinterpret_cast<void*>(jsproxy_await) });
    slots.push_back({ Py_tp_methods, thenable_methods });
  } else if (flags & kJsBuffer) {
    slots.push_back({ Py_tp_methods, buffer_methods });
  }
  slots.push_back({ 0, nullptr });
  PyType_Spec spec = { "pyodide.JsProxy", sizeof(JsProxyObject), 0, type_flags, slots.data() };
  PyRef bases = PyRef::steal(PyTuple_Pack(1, JsProxyType));
  if (!bases)
    return nullptr;
  auto* type = reinterpret_cast<PyTypeObject*>(PyType_FromSpecWithBases(&spec, bases.get()));
  if (type != nullptr)
    types_by_flags.emplace(flags, type); // kept for good
  return type;
}

} // namespace

PyObject* jsproxy_new(JsId id, JsId self_id) {
  JsRef value = JsRef::steal(id);
  JsRef self_ref = JsRef::borrow(self_id);
  int flags = pyrt_js_type_flags(value.get());
  if (flags == 0 && PyErr_Occurred()) // a revoked JS Proxy, whose every query throws
    return nullptr;
  PyTypeObject* type = type_for(flags);
  if (type == nullptr)
    return nullptr;
  PyObject* o = type->tp_alloc(type, 0);
  if (o == nullptr)
    return nullptr;
  JsProxyObject* p = as_proxy(o);
  p->id = value.release();
  p->self_id = self_ref.release();
  p->flags = flags;
  p->vectorcall = jsproxy_vectorcall;
  live_jsproxies++;
  return o;
}

JsId jsproxy_id(PyObject* o) { return as_proxy(o)->id; }

bool init_jsproxy(PyObject* module) {
  PyType_Slot slots[] = { { Py_tp_dealloc, reinterpret_cast<void*>(jsproxy_dealloc) },
                          { Py_tp_getattro, reinterpret_cast<void*>(jsproxy_getattro) },
                          { Py_tp_setattro, reinterpret_cast<void*>(jsproxy_setattro) },
                          { Py_tp_repr, reinterpret_cast<void*>(jsproxy_repr) },
                          { Py_tp_richcompare, reinterpret_cast<void*>(jsproxy_richcompare) },
                          { Py_tp_hash, reinterpret_cast<void*>(jsproxy_hash) },
                          { Py_nb_bool, reinterpret_cast<void*>(jsproxy_bool) },
                          { Py_tp_methods, base_methods },
                          { Py_tp_getset, base_getset },
                          { Py_tp_doc, const_cast<char*>("A JavaScript value seen from Python.") },
                          { 0, nullptr } };
  PyType_Spec spec = {
    "pyodide.JsProxy", sizeof(JsProxyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots
  };
  JsProxyType = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&spec));
  if (JsProxyType == nullptr)
    return false;
  // The module gets its own reference; ours is kept for good.
  PyRef for_module = PyRef::borrow(reinterpret_cast<PyObject*>(JsProxyType));
  if (PyModule_AddObject(module, "JsProxy", for_module.get()) < 0)
    return false;
  for_module.release(); // stolen by PyModule_AddObject on success
  return true;
}

} // namespace pyrt
