"""REPL support for consoles: the pieces CPython's interactive loop is made of,
usable from a worker that receives whole lines or pasted blocks.

- check_source(src): "complete", "incomplete" or "error" (like codeop).
- run_interactive(src, namespace): runs each top-level statement in
  interactive mode (expression values go through sys.displayhook: printed with
  repr and stored in `_`); top-level `await` is allowed.
- complete(line, cursor, namespace): completions from the live namespace; on
  `import` and `from` lines, modules and imported modules' names, found
  without importing anything.
- format_exception(exc): the error as data, with the user's frames only.

Importing this module is cheap: the modules it works with (ast, codeop, re,
rlcompleter, pkgutil, ... about 50 with what they import) are imported on
first use, or ahead of it by warm_up(), which a console calls once its prompt
is showing.
"""

import sys

from _pyrt import PyCF_ALLOW_TOP_LEVEL_AWAIT as _FLAGS

__all__ = ["check_source", "compile_interactive", "run_interactive", "complete", "format_exception", "warm_up",
           "FILENAME"]

FILENAME = "<console>"
_CO_COROUTINE = 0x0080


def warm_up() -> None:
    """Imports what checking, compiling, completing and formatting errors use, so that the first input does not
    wait for it."""
    import ast  # noqa: F401
    import codeop  # noqa: F401
    import keyword  # noqa: F401
    import linecache  # noqa: F401
    import pkgutil  # noqa: F401
    import rlcompleter  # noqa: F401

    import _pyrite.errors  # noqa: F401

    _patterns()  # imports re


def _compiler():
    import codeop

    compiler = codeop.CommandCompiler()
    compiler.compiler.flags |= _FLAGS
    return compiler


def _compound_statements() -> tuple:
    import ast

    return (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
            ast.With, ast.AsyncWith, ast.Try, ast.TryStar, ast.Match)


def check_source(source: str) -> str:
    """Whether `source` is a complete input, needs more lines, or is wrong.

    As in CPython's REPL, a compound statement (def, if, for, ...) stays open
    until an empty line, and an unfinished line asks for more. Warnings are
    not shown here: compiling the input to run it shows them, once.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _check_source(source)


def _check_source(source: str) -> str:
    try:
        code = _compiler()(source, FILENAME, "single")
    except (SyntaxError, OverflowError, ValueError) as exc:
        if "multiple statements" not in str(exc):
            return "error"
        code = True  # a pasted block of several statements
    if code is None:
        return "incomplete"
    import ast

    try:
        tree = ast.parse(source, FILENAME, "exec")
    except SyntaxError:
        return "error"
    last_line = source.split("\n")[-1]
    if tree.body and isinstance(tree.body[-1], _compound_statements()) and last_line.strip():
        return "incomplete"
    return "complete"


def compile_interactive(source: str, filename: str = FILENAME):
    """The code objects of one input, one per top-level statement in
    interactive mode (as CPython's REPL runs them); the source is registered in
    linecache under `filename` so that tracebacks quote the user's lines."""
    import ast
    import linecache

    lines = source.splitlines(True)
    padding = len(source) - len(source.lstrip("\n"))
    previous = linecache.cache.get(filename)
    if padding and previous is not None and previous[1] is None:
        # A part of a file run alone (the editor's Run line), padded to its lines' numbers: the file's other lines,
        # registered by an earlier run, stay quotable for tracebacks through functions defined there.
        old = previous[2]
        lines = [old[i] if i < len(old) else "\n" for i in range(padding)] + lines[padding:] + old[len(lines):]
    linecache.cache[filename] = (len(source), None, lines, filename)
    tree = ast.parse(source, filename, "exec")
    for statement in tree.body:
        module = ast.Interactive(body=[statement])
        yield compile(module, filename, "single", flags=_FLAGS, dont_inherit=True)


async def run_interactive(source: str, namespace: dict, filename: str = FILENAME) -> None:
    """Runs `source` like CPython's REPL, statement by statement (values are
    printed with repr and stored in `_`); top-level await is allowed. Give each
    input its own filename (e.g. "<input-3>") for tracebacks to quote it."""
    for code in compile_interactive(source, filename):
        result = eval(code, namespace)
        if code.co_flags & _CO_COROUTINE:
            await result


_compiled_patterns = None


def _patterns():
    """(the dotted name before the cursor, an import statement before the cursor), compiled on first use."""
    global _compiled_patterns
    if _compiled_patterns is None:
        import re

        # The second pattern's groups: the module of `from module import name`, and the word being completed (a
        # name after `from module import`, a module after `import` or `from`).
        _compiled_patterns = (
            re.compile(r"[\w.]*$"),
            re.compile(r"^\s*(?:from\s+([\w.]*)\s+import\s+[\w, ]*?|import\s+(?:[\w.]+\s*,\s*)*|from\s+)([\w.]*)$"),
        )
    return _compiled_patterns


def _frozen_names() -> set[str]:
    """Modules CPython runs from copies frozen into it (os, site, codecs, ...): the stdlib zips leave
    their files out, so no path lists them."""
    import _imp

    return {name for name in _imp._frozen_module_names() if not name.startswith(("__", "_frozen_"))}


def _package_folders(package: str) -> list[str] | None:
    """Where the submodules of `package` are, or None when it is no package (or none is found): its __path__ once
    imported, otherwise where the import system would find it. Finding a module runs none of its code."""
    from _frozen_importlib_external import PathFinder

    if package in sys.modules:
        path = getattr(sys.modules[package], "__path__", None)
        return None if path is None else list(path)
    parent = package.rpartition(".")[0]
    search = _package_folders(parent) if parent else None
    if parent and search is None:
        return None
    spec = PathFinder.find_spec(package, search)
    if spec is None or spec.submodule_search_locations is None:
        return None
    return list(spec.submodule_search_locations)


def _submodule_names(package: str) -> set[str]:
    """The submodules of `package` (names after its dot), listed without importing it or them (importing runs their
    code) and without downloading the stdlib's second zip."""
    import pkgutil

    from _pyrite._stdlib_extra import MODULES as extra_modules

    try:
        folders = _package_folders(package)
    except Exception:  # noqa: BLE001 - a package that cannot be found offers no submodules
        folders = None
    # iter_modules(None) would list the top level: only a package's own folders are searched.
    found = {m.name for m in pkgutil.iter_modules(folders)} if folders else set()
    for name in _frozen_names() | extra_modules:
        parent, _, last = name.rpartition(".")
        if parent == package:
            found.add(last)
    return found


def _module_names(prefix: str) -> list[str]:
    import pkgutil

    from _pyrite.lazystdlib import top_level_names

    package, _, partial = prefix.rpartition(".")
    if package:
        return sorted(f"{package}.{n}" for n in _submodule_names(package) if n.startswith(partial))
    names = {m.name for m in pkgutil.iter_modules()} | set(sys.builtin_module_names) | top_level_names()
    names |= {name for name in _frozen_names() if "." not in name}
    return sorted(
        n for n in names if n.startswith(prefix) and (prefix.startswith("_") or not n.startswith("_"))
    )


def _importable_names(module_name: str, word: str) -> list[str]:
    """What `from module_name import word` may go on with: the module's names if it is imported already, and its
    submodules. The module is not imported to list its names: that would run its code (a program of the working
    folder, `this`) as the user types. Relative imports are not resolved."""
    if not module_name or module_name.startswith("."):
        return []
    names = _submodule_names(module_name)
    module = sys.modules.get(module_name)
    if module is not None:
        try:
            names.update(name for name in dir(module) if isinstance(name, str))
        except Exception:  # noqa: BLE001 - a broken __dir__ must not break the console
            pass
    # As rlcompleter lists attributes: private names once `_` is typed, dunder names once `__` is.
    hidden = "_" if not word else "__" if word == "_" else None
    return sorted(n for n in names if n.startswith(word) and not (hidden and n.startswith(hidden)))


def complete(line: str, cursor: int, namespace: dict) -> tuple[list[str], int]:
    """Completions for the word before `cursor`, and where that word starts."""
    import keyword
    import rlcompleter

    name_at_end, import_statement = _patterns()
    before = line[:cursor]
    imported = import_statement.match(before)
    if imported:
        source_module, word = imported.groups()
        start = cursor - len(word)
        if source_module is not None:
            return _importable_names(source_module, word), start
        return _module_names(word), start
    word = name_at_end.search(before).group(0)
    start = cursor - len(word)
    completer = rlcompleter.Completer(namespace)
    matches: list[str] = []
    for state in range(500):
        try:
            match = completer.complete(word, state)
        except Exception:  # noqa: BLE001 - a broken __getattr__ must not break the console
            break
        if match is None:
            break
        if match not in matches:
            matches.append(match)
    if not word:
        matches = [m for m in matches if not keyword.iskeyword(m.rstrip(" :("))] or matches
    return matches, start


def format_exception(exc: BaseException, hidden_files: tuple[str, ...] = ()) -> dict:
    """The exception as data: type, message, the user's frames, formatted text.

    The runtime's frames are left out, in chained exceptions too, and so are frames of `hidden_files` (an
    embedder's own plumbing, e.g. a console helper's file name).
    """
    from _pyrite.errors import frames_and_text

    frames, text = frames_and_text(exc, hidden_files)
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - as the traceback module says it
        message = "<exception str() failed>"
    return {"type": type(exc).__name__, "message": message, "frames": frames, "text": text}
