// PyRef: the one owner of a Python reference. Every strong PyObject* the runtime
// keeps lives in a PyRef; borrowed pointers stay raw PyObject*. This is the only
// file allowed to call Py_INCREF/Py_DECREF directly.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <utility>

namespace pyrt {

class PyRef {
public:
  PyRef() = default;
  PyRef(std::nullptr_t) {}
  // Takes over a new reference (the result of most C API calls). May be null.
  static PyRef steal(PyObject* p) { return PyRef(p); }
  // Adds a reference to a borrowed pointer.
  static PyRef borrow(PyObject* p) {
    Py_XINCREF(p);
    return PyRef(p);
  }

  PyRef(const PyRef& o)
    : ptr_(o.ptr_) {
    Py_XINCREF(ptr_);
  }
  PyRef(PyRef&& o) noexcept
    : ptr_(o.ptr_) {
    o.ptr_ = nullptr;
  }
  PyRef& operator=(PyRef o) noexcept {
    std::swap(ptr_, o.ptr_);
    return *this;
  }
  ~PyRef() { Py_XDECREF(ptr_); }

  PyObject* get() const { return ptr_; }
  // Gives the reference away (to a C API call that steals, or to a caller).
  PyObject* release() { return std::exchange(ptr_, nullptr); }
  explicit operator bool() const { return ptr_ != nullptr; }
  void reset() { PyRef().swap(*this); }
  void swap(PyRef& o) noexcept { std::swap(ptr_, o.ptr_); }

private:
  explicit PyRef(PyObject* p)
    : ptr_(p) {}
  PyObject* ptr_ = nullptr;
};

// Reference helpers for C API slots that must hand out a new reference to an
// object the runtime only borrows (tp_ functions returning Py_None etc.).
inline PyObject* new_ref(PyObject* p) {
  Py_INCREF(p);
  return p;
}
inline PyObject* none() { return new_ref(Py_None); }
inline PyObject* boolean(bool b) { return new_ref(b ? Py_True : Py_False); }
// For tp_dealloc of the runtime's own types.
inline void drop_type_ref(PyTypeObject* t) { Py_DECREF(t); }

} // namespace pyrt
