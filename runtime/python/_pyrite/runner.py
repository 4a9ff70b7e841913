"""Running code for runPython / runPythonAsync and `pyodide.eval_code`: the value of a trailing expression is the
result; top-level await is allowed only in the async form."""

# Neither `ast` (which imports contextlib, enum, functools and collections) nor `_ast` (whose
# initialisation makes ~120 node types): the compile step is _pyrt's, in C.
from types import CodeType

from _pyrt import PyCF_ALLOW_TOP_LEVEL_AWAIT as _TOP_LEVEL_AWAIT
from _pyrt import compile_split

_CO_COROUTINE = 0x0080
_RETURN_MODES = ("last_expr", "last_expr_or_assign", "none")


def _dedent(source: str) -> str:
    """The source with the indentation all its lines share removed, as the seed's runPython does, so that code in
    an indented template literal runs. (textwrap.dedent's rules; textwrap is not imported at start-up.)"""
    first = source.lstrip("\r\n")
    if not first.startswith((" ", "\t")):
        return source  # the common case: nothing to remove
    lines = source.splitlines(keepends=True)
    margin = None
    for line in lines:
        content = line.lstrip(" \t")
        if not content.strip():
            continue  # blank lines do not count
        indent = line[: len(line) - len(content)]
        if margin is None:
            margin = indent
        else:
            common = 0
            while common < min(len(margin), len(indent)) and margin[common] == indent[common]:
                common += 1
            margin = margin[:common]
        if not margin:
            return source
    if not margin:
        return source
    return "".join(line[len(margin):] if line.strip() else line.lstrip(" \t") for line in lines)


def should_quiet(source: str) -> bool:
    """Whether the last thing in `source` other than a comment is a semicolon: `1 + 1;` returns nothing."""
    stripped = source.rstrip()
    last_line = stripped.rsplit("\n", 1)[-1]
    if "#" not in last_line:
        return stripped.endswith(";")
    # A comment, or a # in a string: the tokenizer tells (imported only for such sources).
    import io
    import tokenize

    last = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                                  tokenize.DEDENT, tokenize.ENDMARKER):
                last = token
    except (tokenize.TokenError, SyntaxError):
        return stripped.endswith(";")  # the compiler will report what is wrong
    return last is not None and last.string == ";"


def _compile(source: str, filename: str, split_tail: bool) -> tuple[CodeType, CodeType | None]:
    """The code of `source` without its trailing expression statement, and that expression's code (or None).

    One parse, split and compiled in C (_pyrt.compile_split): the same as compile(..., PyCF_ONLY_AST), popping the
    last statement and compiling both parts, without converting the tree to Python objects and back."""
    return compile_split(source, filename, _TOP_LEVEL_AWAIT, split_tail)


def _is_async(code: CodeType | None) -> bool:
    return code is not None and bool(code.co_flags & _CO_COROUTINE)


class _Run:
    """One eval_code call's source, namespaces and compiled parts."""

    def __init__(self, source, globals, locals, return_mode, quiet_trailing_semicolon, filename):
        if not isinstance(source, str):
            raise TypeError(f"the code must be a string, not {type(source).__name__}")
        if return_mode not in _RETURN_MODES:
            raise ValueError(f"return_mode must be one of {', '.join(_RETURN_MODES)}, not {return_mode!r}")
        self.source = _dedent(source)
        self.globals = {} if globals is None else globals
        self.locals = self.globals if locals is None else locals
        self.return_mode = return_mode
        quiet = quiet_trailing_semicolon and should_quiet(self.source)
        self.body, self.tail = _compile(self.source, filename, return_mode != "none" and not quiet)
        self.assigned = None
        if return_mode == "last_expr_or_assign" and self.tail is None and not quiet:
            self.assigned = _last_assigned_name(self.source)

    def result(self, value):
        """What the run returns, given the trailing expression's value."""
        if self.assigned is not None:
            return self.locals.get(self.assigned)
        return value


def _last_assigned_name(source: str):
    """The name the last statement assigns to (`x = ...`, `x: T = ...`, `x += ...`), or None. Only for
    return_mode="last_expr_or_assign", so `ast` is imported only then."""
    import ast

    body = ast.parse(source).body
    last = body[-1] if body else None
    if isinstance(last, ast.Assign) and len(last.targets) == 1:
        target = last.targets[0]
    elif isinstance(last, (ast.AnnAssign, ast.AugAssign)) and getattr(last, "value", None) is not None:
        target = last.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def eval_code(source, globals=None, locals=None, return_mode="last_expr", quiet_trailing_semicolon=True,
              filename="<exec>"):
    """Runs `source` in `globals` (a new namespace by default) and returns the value of its trailing expression
    (return_mode "last_expr"), or of its last assignment's target as well ("last_expr_or_assign"), or None ("none").
    A trailing semicolon makes it return None (unless quiet_trailing_semicolon is false)."""
    run = _Run(source, globals, locals, return_mode, quiet_trailing_semicolon, filename)
    if _is_async(run.body) or _is_async(run.tail):
        raise SyntaxError(
            "'await' outside function: top-level await needs runPythonAsync "
            "(pyodide.runPythonAsync) instead of runPython"
        )
    exec(run.body, run.globals, run.locals)
    return run.result(eval(run.tail, run.globals, run.locals) if run.tail is not None else None)


async def eval_code_async(source, globals=None, locals=None, return_mode="last_expr", quiet_trailing_semicolon=True,
                          filename="<exec>"):
    """eval_code with top-level await."""
    run = _Run(source, globals, locals, return_mode, quiet_trailing_semicolon, filename)
    result = eval(run.body, run.globals, run.locals)
    if _is_async(run.body):
        await result
    value = None
    if run.tail is not None:
        value = eval(run.tail, run.globals, run.locals)
        if _is_async(run.tail):
            value = await value
    return run.result(value)
