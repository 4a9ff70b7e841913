"""Bootstrap of the runtime's Python side (imported once by pyrt_init)."""

import site

from . import jsfinder, lazystdlib, loophook, stdio

stdio.install()
# The interactive builtins `site` would add (help, exit, quit, copyright,
# credits, license), without running the rest of site (no site-packages here).
site.setquit()
site.setcopyright()
site.sethelper()
jsfinder.install()
lazystdlib.install()
loophook.install()  # the WebLoop, on the first import of asyncio

import js  # noqa: E402,F401 - cached once, so later imports cost nothing
