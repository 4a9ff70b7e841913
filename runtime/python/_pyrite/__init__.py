"""Bootstrap of the runtime's Python side (imported once by pyrt_init)."""

import site

from . import jsfinder, lazystdlib, loophook, stdio, workfolder
from .afterimport import after_import


def _browser_http(http_client) -> None:
    from .browserhttp import install

    install(http_client)


stdio.install()
# The interactive builtins `site` would add (help, exit, quit, copyright,
# credits, license), without running the rest of site (no site-packages here).
site.setquit()
site.setcopyright()
site.sethelper()
workfolder.install()  # modules in the working folder import, as in CPython's REPL
jsfinder.install()
lazystdlib.install()
loophook.install()  # the WebLoop, on the first import of asyncio
after_import("http.client", _browser_http)  # urllib and http.client over the browser's HTTP
# `js` is imported by the JS half right after this (js/index.ts), not here: a
# snapshot of the interpreter as this leaves it (js/snapshot.ts) must hold no
# JS values, which differ between the Node that makes it and the page.
