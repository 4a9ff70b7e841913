"""Tracebacks as users expect them: the runtime's own frames left out."""

import collections
import sys
import traceback
import types

# Frames from these files are the runtime's plumbing, not the user's code.
_RUNTIME_PREFIXES = ("/lib/python311.zip/_pyrite/", "/lib/python311.zip/pyodide/")

# CPython's own display of an uncaught exception shows the innermost 1000 frames unless `sys.tracebacklimit` says
# otherwise (PyTraceBack_LIMIT in Python/traceback.c).
_DEFAULT_LIMIT = 1000


def _frames_shown() -> int:
    """How many of the innermost frames CPython would show: `sys.tracebacklimit` (none if 0 or less), or 1000."""
    limit = getattr(sys, "tracebacklimit", _DEFAULT_LIMIT)
    if not isinstance(limit, int):
        limit = _DEFAULT_LIMIT
    return min(max(limit, 0), sys.maxsize)


def _innermost(tb: types.TracebackType | None, count: int) -> types.TracebackType | None:
    """A copy of the last `count` entries of a traceback; the exception keeps its own."""
    kept: collections.deque[types.TracebackType] = collections.deque(maxlen=count)
    while tb is not None:
        kept.append(tb)
        tb = tb.tb_next
    copy = None
    for entry in reversed(kept):
        copy = types.TracebackType(copy, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return copy


def _user_only(exc: BaseException, hidden_files: tuple[str, ...]) -> traceback.TracebackException:
    """The exception and those chained to it, without the runtime's frames (nor frames of `hidden_files`).

    Only the innermost frames are looked at, as many as CPython would print: a RecursionError after
    `sys.setrecursionlimit(10**6)` has a million, and the traceback module would read every one's position and
    source line (30 s here). The frames are cut from a copy first, since the module would read them all even to
    keep the last few.
    """
    count = _frames_shown()
    # A negative limit keeps the innermost frames (of chained exceptions too); 0 keeps none.
    summary = traceback.TracebackException(
        type(exc), exc, _innermost(exc.__traceback__, count), limit=-count if count else 0
    )
    seen: set[int] = set()
    # Each summary with its exception: the summaries of a cause and a context are made for the exception's own.
    pending: list[tuple[traceback.TracebackException | None, BaseException | None]] = [(summary, exc)]
    while pending:
        te, error = pending.pop()
        if te is None or id(te) in seen:
            continue
        seen.add(id(te))
        _add_suggestion(te, error)
        te.stack = traceback.StackSummary.from_list(
            [f for f in te.stack if not f.filename.startswith(_RUNTIME_PREFIXES) and f.filename not in hidden_files]
        )
        pending += [(te.__cause__, error.__cause__ if error else None),
                    (te.__context__, error.__context__ if error else None)]
    return summary


def _add_suggestion(te: traceback.TracebackException, error: BaseException | None) -> None:
    """CPython's ". Did you mean: 'print'?" after a NameError's or AttributeError's message, as its REPL shows it."""
    if type(error) not in (NameError, AttributeError):
        return
    from _pyrt import suggestion

    found = suggestion(error)
    if found is not None:
        te._str += f". Did you mean: {found!r}?"


def format_exception(exc: BaseException, hidden_files: tuple[str, ...] = ()) -> str:
    return "".join(_user_only(exc, hidden_files).format())


def frames_and_text(exc: BaseException, hidden_files: tuple[str, ...] = ()) -> tuple[list[dict], str]:
    """The user's frames as data (filename, lineno, name, source line) and the formatted traceback, from one walk."""
    summary = _user_only(exc, hidden_files)
    frames = [{"filename": f.filename, "lineno": f.lineno, "name": f.name, "line": f.line or ""} for f in summary.stack]
    return frames, "".join(summary.format())
