// Calling JS from Python: arguments converted implicitly, keyword arguments
// gathered into one trailing object, PyProxies made for the call released when
// it returns (a JS callee that keeps one must take a copy, or the caller must
// pass create_proxy(...)), and the result converted implicitly.
#include "runtime.h"

namespace pyrt {

namespace {

// A small vector that lives on the stack up to N elements (calls rarely have
// more arguments), so a call does not allocate.
template<typename T, int N>
class SmallVector {
public:
  SmallVector() = default;
  SmallVector(const SmallVector&) = delete;
  SmallVector& operator=(const SmallVector&) = delete;
  ~SmallVector() {
    if (data_ != inline_)
      PyMem_Free(data_);
  }
  bool push(T value) {
    if (size_ == capacity_ && !grow())
      return false;
    data_[size_++] = value;
    return true;
  }
  T* data() { return data_; }
  T& back() { return data_[size_ - 1]; }
  int size() const { return size_; }
  void pop() { size_--; }

private:
  bool grow() {
    int capacity = capacity_ * 2;
    T* data = static_cast<T*>(PyMem_Malloc(sizeof(T) * capacity));
    if (data == nullptr) {
      PyErr_NoMemory();
      return false;
    }
    for (int i = 0; i < size_; i++)
      data[i] = data_[i];
    if (data_ != inline_)
      PyMem_Free(data_);
    data_ = data;
    capacity_ = capacity;
    return true;
  }
  T inline_[N];
  T* data_ = inline_;
  int size_ = 0;
  int capacity_ = N;
};

// Handles of a call's arguments (each owned) and the temporary PyProxies
// among them, released when the call is over. Numbers need no handle: their
// id is kJsNumberInSlot and the value is at the same index in numbers().
class CallArgs {
public:
  ~CallArgs() {
    if (temporaries_.size() > 0)
      pyrt_js_release_temporaries(temporaries_.data(), temporaries_.size());
    for (int i = 0; i < owned_.size(); i++)
      JsRef::steal(owned_.data()[i]);
  }
  bool add(PyObject* o, bool number_in_slot = true) {
    double number;
    if (number_in_slot && js_number_value(o, &number))
      return numbers_.push(number) && ids_.push(kJsNumberInSlot);
    JsId v = py_to_js(o);
    if (v == kJsError)
      return false;
    if (!owned_.push(v)) {
      JsRef::steal(v);
      return false;
    }
    bool made_proxy = !(o == Py_None || PyBool_Check(o) || PyLong_Check(o) || PyFloat_Check(o) ||
                        PyUnicode_Check(o) || is_jsproxy(o));
    if (made_proxy && !temporaries_.push(v))
      return false;
    return numbers_.push(0) && ids_.push(v);
  }
  bool add_keywords(PyObject* const* values, PyObject* kwnames) {
    JsId object = pyrt_js_new_object();
    if (object == kJsError)
      return false;
    if (!owned_.push(object)) {
      JsRef::steal(object);
      return false;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < n; i++) {
      JsRef key = JsRef::steal(py_to_js(PyTuple_GET_ITEM(kwnames, i)));
      if (!key || !add(values[i], false))
        return false;
      JsId value = ids_.back();
      ids_.pop(); // the value lives in the object, not in the argument list
      numbers_.pop();
      if (pyrt_js_object_set(object, key.get(), value) < 0)
        return false;
    }
    return numbers_.push(0) && ids_.push(object);
  }
  const JsId* data() { return ids_.data(); }
  const double* numbers() { return numbers_.data(); }
  int size() const { return ids_.size(); }

private:
  SmallVector<JsId, 8> ids_;
  SmallVector<double, 8> numbers_;
  SmallVector<JsId, 8> owned_;
  SmallVector<JsId, 4> temporaries_;
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
  if (!construct)
    return pyrt_js_call_py(function, self, call.data(), call.numbers(), call.size());
  JsRef result =
    JsRef::steal(pyrt_js_construct(function, call.data(), call.numbers(), call.size()));
  if (!result)
    return nullptr;
  return pyrt_js_to_py(result.get());
}

} // namespace pyrt
