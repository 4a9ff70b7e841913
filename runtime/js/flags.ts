// Capability bits shared with the C++ side (src/js_imports.h JsFlags and
// src/py_to_js.cpp PyFlags). Keep the numbers in step.
export const enum JsFlags {
  Callable = 1 << 0,
  ArrayLike = 1 << 1,
  MapLike = 1 << 2,
  Iterable = 1 << 3,
  Iterator = 1 << 4,
  Thenable = 1 << 5,
  HasLength = 1 << 6,
  Buffer = 1 << 7,
  Error = 1 << 8,
  Array = 1 << 9,
  SetLike = 1 << 10,
}

export const enum PyFlags {
  HasGet = 1 << 0,
  HasSet = 1 << 1,
  HasLength = 1 << 2,
  HasContains = 1 << 3,
  Iterable = 1 << 4,
  Iterator = 1 << 5,
  Awaitable = 1 << 6,
  Buffer = 1 << 7,
  Callable = 1 << 8,
  Generator = 1 << 9,
}

/** An argument slot holding this instead of a PyObject pointer: the argument is the number in the doubles (pyproxy.cpp: kNumberArg). */
export const NUMBER_ARG = 1;
