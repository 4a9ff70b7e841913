// JS values seen from C++. A JS value lives in the JS half's handle table
// (js/handles.ts); C++ holds an integer id. JsRef owns one count of a handle,
// like PyRef owns one Python reference. Ids 1-4 are reserved for undefined,
// null, true and false and are never counted.
#pragma once
#include <cstdint>
#include <utility>

#include "boundary.h"

namespace pyrt {

using JsId = int32_t;
constexpr JsId kJsError = 0;
constexpr JsId kJsUndefined = 1;
constexpr JsId kJsNull = 2;
constexpr JsId kJsTrue = 3;
constexpr JsId kJsFalse = 4;
constexpr JsId kJsFirstCounted = 5;

extern "C" {
void pyrt_js_incref(JsId id);
void pyrt_js_decref(JsId id);
}

class JsRef {
public:
  JsRef() = default;
  static JsRef steal(JsId id) { return JsRef(id); }
  static JsRef borrow(JsId id) {
    if (id >= kJsFirstCounted)
      pyrt_js_incref(id);
    return JsRef(id);
  }
  JsRef(const JsRef& o)
    : id_(o.id_) {
    if (id_ >= kJsFirstCounted)
      pyrt_js_incref(id_);
  }
  JsRef(JsRef&& o) noexcept
    : id_(std::exchange(o.id_, kJsError)) {}
  JsRef& operator=(JsRef o) noexcept {
    std::swap(id_, o.id_);
    return *this;
  }
  ~JsRef() {
    if (id_ >= kJsFirstCounted)
      pyrt_js_decref(id_);
  }
  JsId get() const { return id_; }
  JsId release() { return std::exchange(id_, kJsError); }
  explicit operator bool() const { return id_ != kJsError; }

private:
  explicit JsRef(JsId id)
    : id_(id) {}
  JsId id_ = kJsError;
};

} // namespace pyrt
