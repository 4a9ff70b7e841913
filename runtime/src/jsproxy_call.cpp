// Calling JS from Python: arguments converted implicitly, keyword arguments
// gathered into one trailing object, PyProxies made for the call released when
// it returns (a JS callee that keeps one must take a copy, or the caller must
// pass create_proxy(...)), and the result converted implicitly.
#include <vector>

#include "runtime.h"

namespace pyrt {

namespace {

// Handles of a call's arguments and the temporary PyProxies among them.
class CallArgs {
public:
  ~CallArgs() {
    if (!temporaries_.empty()) {
      pyrt_js_release_temporaries(temporaries_.data(), static_cast<int>(temporaries_.size()));
    }
  }
  bool add(PyObject* o) {
    JsRef v = JsRef::steal(py_to_js(o));
    if (!v)
      return false;
    bool made_proxy = !(o == Py_None || PyBool_Check(o) || PyLong_Check(o) || PyFloat_Check(o) ||
                        PyUnicode_Check(o) || is_jsproxy(o));
    if (made_proxy)
      temporaries_.push_back(v.get());
    ids_.push_back(v.get());
    refs_.push_back(std::move(v));
    return true;
  }
  bool add_keywords(PyObject* const* values, PyObject* kwnames) {
    JsRef object = JsRef::steal(pyrt_js_new_object());
    if (!object)
      return false;
    Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < n; i++) {
      JsRef key = JsRef::steal(py_to_js(PyTuple_GET_ITEM(kwnames, i)));
      if (!key)
        return false;
      size_t before = ids_.size();
      if (!add(values[i]))
        return false;
      JsId value = ids_.back();
      ids_.resize(before); // the value lives in the object, not the list
      if (pyrt_js_object_set(object.get(), key.get(), value) < 0)
        return false;
    }
    ids_.push_back(object.get());
    refs_.push_back(std::move(object));
    return true;
  }
  const JsId* data() const { return ids_.data(); }
  int size() const { return static_cast<int>(ids_.size()); }

private:
  std::vector<JsId> ids_;
  std::vector<JsRef> refs_;
  std::vector<JsId> temporaries_;
};

} // namespace

PyObject* jsproxy_call_with(JsId function,
                            JsId self,
                            PyObject* const* args,
                            Py_ssize_t nargs,
                            PyObject* kwnames,
                            bool construct) {
  CallArgs call;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    if (!call.add(args[i]))
      return nullptr;
  }
  if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) > 0 &&
      !call.add_keywords(args + nargs, kwnames)) {
    return nullptr;
  }
  JsRef result = JsRef::steal(construct ? pyrt_js_construct(function, call.data(), call.size())
                                        : pyrt_js_call(function, self, call.data(), call.size()));
  if (!result)
    return nullptr;
  return pyrt_js_to_py(result.get());
}

} // namespace pyrt
