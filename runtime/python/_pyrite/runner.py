"""Running code for runPython / runPythonAsync: the value of a trailing
expression is the result; top-level await is allowed only in the async form."""

# Neither `ast` (which imports contextlib, enum, functools and collections) nor `_ast` (whose
# initialisation makes ~120 node types): the compile step is _pyrt's, in C.
from types import CodeType

from _pyrt import PyCF_ALLOW_TOP_LEVEL_AWAIT as _TOP_LEVEL_AWAIT
from _pyrt import compile_split
_CO_COROUTINE = 0x0080


def _compile(source: str, filename: str) -> tuple[CodeType, CodeType | None]:
    """The code of `source` without its trailing expression statement, and that expression's code (or None).

    One parse, split and compiled in C (_pyrt.compile_split): the same as compile(..., PyCF_ONLY_AST), popping the
    last statement and compiling both parts, without converting the tree to Python objects and back."""
    # A trailing `x;` is a statement, as in the seed's runPython.
    split_tail = not source.rstrip().endswith(";")
    return compile_split(source, filename, _TOP_LEVEL_AWAIT, split_tail)


def _is_async(code: CodeType | None) -> bool:
    return code is not None and bool(code.co_flags & _CO_COROUTINE)


def eval_code(source: str, globals: dict, filename: str = "<exec>"):
    body, tail = _compile(source, filename)
    if _is_async(body) or _is_async(tail):
        raise SyntaxError(
            "'await' outside function: top-level await needs runPythonAsync "
            "(pyodide.runPythonAsync) instead of runPython"
        )
    exec(body, globals)
    return eval(tail, globals) if tail is not None else None


async def eval_code_async(source: str, globals: dict, filename: str = "<exec>"):
    body, tail = _compile(source, filename)
    result = eval(body, globals)
    if _is_async(body):
        await result
    if tail is None:
        return None
    value = eval(tail, globals)
    if _is_async(tail):
        value = await value
    return value
