"""The Python side of the seed's API: conversions, proxies and errors."""

from _pyrt import (
    ConversionError,
    JsException,
    JsProxy,
    create_once_callable,
    create_proxy,
    to_js,
)
from _pyrite.runner import eval_code, eval_code_async

__version__ = "0.1.0"

# Imported on first use: every load imports this module, and a module more at start-up costs milliseconds there.
_PACKAGE_HELPERS = frozenset({"find_imports", "open_url", "register_js_module", "unregister_js_module"})


def __getattr__(name):
    # WebLoop needs asyncio, which start-up does not import (_pyrite/loophook.py).
    if name == "WebLoop":
        from _pyrite.webloop import WebLoop

        return WebLoop
    # pyodide.http, for `import pyodide` then `pyodide.http.pyfetch(...)`, as in later versions of the API.
    if name == "http":
        from . import http

        return http
    if name in _PACKAGE_HELPERS:
        from . import _packages

        return getattr(_packages, name)
    raise AttributeError(f"module 'pyodide' has no attribute {name!r}")

__all__ = [
    "ConversionError",
    "JsException",
    "JsProxy",
    "WebLoop",
    "create_once_callable",
    "create_proxy",
    "eval_code",
    "eval_code_async",
    "find_imports",
    "open_url",
    "register_js_module",
    "to_js",
    "unregister_js_module",
]
