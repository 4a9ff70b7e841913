"""The seed's package and host helpers, for code written against them.

This runtime has no repository of packages built for it: the whole standard
library is in its download, and packages of Python code alone come from PyPI
through micropip. So loading a package only checks that it can be imported, and
the rest of the seed's helpers (find_imports, open_url, register_js_module) work
as they did there.
"""

import sys

from _pyrite.jsfinder import host_services


def find_imports(source: str) -> list[str]:
    """The top-level names of the modules `source` imports, sorted, without repeats.

    Relative imports (`from . import x`) name no top-level module and are left out.
    A SyntaxError in `source` propagates.
    """
    if not isinstance(source, str):
        raise TypeError(f"find_imports: source must be a str, not {type(source).__name__}")
    import ast  # on first use: ast imports contextlib, enum, functools and more

    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return sorted(names)


def is_importable(name: str) -> bool:
    """Whether `name` is a top-level module Python can import here (the stdlib's second part may be fetched)."""
    if not name or "." in name or not name.isidentifier():
        return False
    if name in sys.modules:
        return True
    from importlib.util import find_spec

    return find_spec(name) is not None


def open_url(url: str):
    """The text at `url`, fetched synchronously, as an io.StringIO.

    In a browser the URL may be relative to the script that loaded the runtime; in
    Node only file: URLs can be read this way. Raises OSError when the fetch fails.
    """
    if not isinstance(url, str):
        raise TypeError(f"open_url: url must be a str, not {type(url).__name__}")
    import io

    from pyodide import JsException

    host = host_services()
    try:
        data = host.fetch_bytes_sync(url)
    except JsException as e:
        raise OSError(f"could not fetch {url}: {e}") from None
    return io.StringIO(bytes(data.to_py()).decode("utf-8", errors="replace"))


def register_js_module(name: str, module) -> None:
    """Makes the JS object `module` (a JsProxy) importable as `name`, like pyodide.registerJsModule in JS."""
    from _pyrt import JsProxy

    from _pyrite import jsfinder

    _check_module_name("register_js_module", name)
    if not isinstance(module, JsProxy):
        raise TypeError(
            f"register_js_module: the module must be a JavaScript object (a JsProxy), not {type(module).__name__}"
        )
    host_services().register_js_module(name, module)
    jsfinder.forget(name)


def unregister_js_module(name: str) -> None:
    """Undoes register_js_module (or registerJsModule); raises ValueError if `name` is not registered."""
    from _pyrite import jsfinder

    _check_module_name("unregister_js_module", name)
    if not host_services().unregister_js_module(name):
        raise ValueError(f"Cannot unregister '{name}': no JavaScript module with that name is registered")
    jsfinder.forget(name)


def _check_module_name(caller: str, name) -> None:
    if not isinstance(name, str) or not name or "." in name:
        raise ValueError(f"{caller}: invalid module name {name!r}")
