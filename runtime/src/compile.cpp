// runPython's compile step (`_pyrt.compile_split`, used by _pyrite/runner.py):
// the source is parsed once into CPython's C-level AST, its trailing
// expression statement split off, and both parts compiled from that AST.
//
// Doing the same in Python (compile(..., PyCF_ONLY_AST), then compiling the
// tree) converts the whole AST to Python objects and back. That costs on every
// run, and on a page's first run it also makes V8 compile the large converter
// functions of Python-ast.c: 40-50 ms of the first runPython in Chromium.
//
// The internal parser and compiler entry points need Py_BUILD_CORE, which
// must be set before Python.h; it is only set in this file.
#define Py_BUILD_CORE 1
#include "runtime.h"

#include "internal/pycore_ast.h"
#include "internal/pycore_compile.h"
#include "internal/pycore_parser.h"
#include "internal/pycore_pyarena.h"

namespace pyrt {
namespace {

// The arena the AST lives in; freed with everything allocated from it.
class Arena {
public:
  Arena()
    : arena_(_PyArena_New()) {}
  ~Arena() {
    if (arena_)
      _PyArena_Free(arena_);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  PyArena* get() const { return arena_; }

private:
  PyArena* arena_;
};

} // namespace

// compile_split(source, filename, flags, split_tail) -> (body, tail or None)
//
// As compile(source, filename, "exec", flags, dont_inherit=True), except that
// with split_tail a trailing expression statement is compiled on its own in
// "eval" mode (the value runPython returns). The compiler sees the body first,
// so `from __future__` imports at its top apply to the tail too.
PyObject* compile_split(PyObject*, PyObject* args) {
  PyObject* source;
  PyObject* filename;
  int flags;
  int split_tail;
  if (!PyArg_ParseTuple(args, "UUip:compile_split", &source, &filename, &flags, &split_tail))
    return nullptr;
  if (flags & ~PyCF_MASK & ~PyCF_COMPILE_MASK) {
    PyErr_SetString(PyExc_ValueError, "compile_split(): unrecognised flags");
    return nullptr;
  }
  PyCompilerFlags cf{};
  cf.cf_flags = flags | PyCF_SOURCE_IS_UTF8;
  cf.cf_feature_version = PY_MINOR_VERSION;
  PyObject* source_copy = nullptr;
  // What compile() does with a str: UTF-8, coding cookies ignored, NUL rejected.
  const char* text = _Py_SourceAsString(source, "compile", "string", &cf, &source_copy);
  PyRef keep_copy = PyRef::steal(source_copy);
  if (!text)
    return nullptr;

  Arena arena;
  if (!arena.get())
    return nullptr;
  mod_ty module = _PyParser_ASTFromString(text, filename, Py_file_input, &cf, arena.get());
  if (!module)
    return nullptr;

  expr_ty tail = nullptr;
  asdl_stmt_seq* body = module->v.Module.body;
  Py_ssize_t count = asdl_seq_LEN(body);
  if (split_tail && count > 0) {
    stmt_ty last = asdl_seq_GET(body, count - 1);
    if (last->kind == Expr_kind) {
      tail = last->v.Expr.value;
      body->size = count - 1; // the sequence is the arena's; shortening it drops the statement
    }
  }
  PyRef body_code = PyRef::steal(
    reinterpret_cast<PyObject*>(_PyAST_Compile(module, filename, &cf, -1, arena.get())));
  if (!body_code)
    return nullptr;
  if (!tail)
    return PyTuple_Pack(2, body_code.get(), Py_None);
  mod_ty expression = _PyAST_Expression(tail, arena.get());
  if (!expression)
    return nullptr;
  PyRef tail_code = PyRef::steal(
    reinterpret_cast<PyObject*>(_PyAST_Compile(expression, filename, &cf, -1, arena.get())));
  if (!tail_code)
    return nullptr;
  return PyTuple_Pack(2, body_code.get(), tail_code.get());
}

} // namespace pyrt
