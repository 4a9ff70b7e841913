"""Tracebacks as users expect them: the runtime's own frames left out."""

import traceback
from types import TracebackType

# Frames from these files are the runtime's plumbing, not the user's code.
_RUNTIME_PREFIXES = ("/lib/python311.zip/_pyrite/", "/lib/python311.zip/pyodide/")


def _is_runtime(tb: TracebackType) -> bool:
    return tb.tb_frame.f_code.co_filename.startswith(_RUNTIME_PREFIXES)


def user_traceback(tb: TracebackType | None) -> TracebackType | None:
    """Drops the leading frames that belong to the runtime."""
    while tb is not None and _is_runtime(tb):
        tb = tb.tb_next
    return tb


def format_exception(exc: BaseException) -> str:
    tb = user_traceback(exc.__traceback__)
    return "".join(traceback.format_exception(type(exc), exc, tb))


def frames(exc: BaseException) -> list[dict]:
    """The user's frames as data: filename, lineno, name and the source line."""
    tb = user_traceback(exc.__traceback__)
    return [
        {"filename": f.filename, "lineno": f.lineno, "name": f.name, "line": f.line or ""}
        for f in traceback.extract_tb(tb)
    ]
