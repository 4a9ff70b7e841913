"""Installs the WebLoop when asyncio is first imported, not at start-up.

asyncio and what it imports (inspect, typing, logging, subprocess, socket, ...)
are about 60 modules and a fifth of start-up, which code that never awaits does
not need. The first import of asyncio, by anyone (user code, an await of a
JsProxy, runPythonAsync), ends by importing _pyrite.webloop, which installs the
loop as it is imported; so asyncio is never seen without the WebLoop.
"""

import sys
# What importlib.machinery re-exports, without importing importlib (and warnings) at start-up.
from _frozen_importlib_external import PathFinder


class _InstallLoopAfter:
    """asyncio's own loader, followed by the import of _pyrite.webloop."""

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):  # get_source, get_code, ... for tracebacks
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        # When webloop itself started this import, this gets the half-run
        # module and webloop installs the loop once it has run to the end.
        from . import webloop  # noqa: F401

        # Only now: an import that failed half-way (Ctrl+C) is hooked again.
        if AsyncioHook in sys.meta_path:
            sys.meta_path.remove(AsyncioHook)


class AsyncioHook:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname != "asyncio":
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _InstallLoopAfter(spec.loader)
        return spec

    @classmethod
    def invalidate_caches(cls):
        pass


def install() -> None:
    if "asyncio" in sys.modules:
        from . import webloop  # noqa: F401
    else:
        sys.meta_path.insert(0, AsyncioHook)
