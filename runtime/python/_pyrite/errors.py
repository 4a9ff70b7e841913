"""Tracebacks as users expect them: the runtime's own frames left out."""

import traceback

# Frames from these files are the runtime's plumbing, not the user's code.
_RUNTIME_PREFIXES = ("/lib/python311.zip/_pyrite/", "/lib/python311.zip/pyodide/")


def _user_only(exc: BaseException, hidden_files: tuple[str, ...]) -> traceback.TracebackException:
    """The exception and those chained to it, without the runtime's frames (nor frames of `hidden_files`)."""
    summary = traceback.TracebackException.from_exception(exc)
    seen: set[int] = set()
    pending: list[traceback.TracebackException | None] = [summary]
    while pending:
        te = pending.pop()
        if te is None or id(te) in seen:
            continue
        seen.add(id(te))
        te.stack = traceback.StackSummary.from_list(
            [f for f in te.stack if not f.filename.startswith(_RUNTIME_PREFIXES) and f.filename not in hidden_files]
        )
        pending += [te.__cause__, te.__context__]
    return summary


def format_exception(exc: BaseException, hidden_files: tuple[str, ...] = ()) -> str:
    return "".join(_user_only(exc, hidden_files).format())


def frames(exc: BaseException, hidden_files: tuple[str, ...] = ()) -> list[dict]:
    """The user's frames as data: filename, lineno, name and the source line."""
    return [
        {"filename": f.filename, "lineno": f.lineno, "name": f.name, "line": f.line or ""}
        for f in _user_only(exc, hidden_files).stack
    ]
