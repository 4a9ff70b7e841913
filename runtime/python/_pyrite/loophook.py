"""Installs the WebLoop when asyncio is first imported, not at start-up.

asyncio and what it imports (inspect, typing, logging, subprocess, socket, ...)
are about 60 modules and a fifth of start-up, which code that never awaits does
not need. The first import of asyncio, by anyone (user code, an await of a
JsProxy, runPythonAsync), ends by importing _pyrite.webloop, which installs the
loop as it is imported; so asyncio is never seen without the WebLoop.
"""

from .afterimport import after_import


def _install_loop(_asyncio) -> None:
    # When webloop itself started this import, this gets the half-run module and webloop installs the loop once
    # it has run to the end.
    from . import webloop  # noqa: F401


def install() -> None:
    after_import("asyncio", _install_loop)
