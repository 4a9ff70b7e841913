"""Running code right after a module's first import, whichever finder loads it.

Used for what start-up should not import itself: the WebLoop once asyncio is imported (loophook.py), the
browser's HTTP under http.client (browserhttp.py). The module is found by the other finders (the stdlib's
second part included), and its loader is wrapped so that `then(module)` runs once the module has run.
"""

import sys


class _LoaderThen:
    """A module's own loader, followed by the hook's `then`."""

    def __init__(self, loader, hook):
        self._loader = loader
        self._hook = hook

    def __getattr__(self, name):  # get_source, get_code, ... for tracebacks
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._hook.ran(module)


class AfterImport:
    """A meta path entry for one module name: the other finders find it, and `then(module)` runs after it."""

    def __init__(self, name, then):
        self.name = name
        self.then = then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        for finder in list(sys.meta_path):
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _LoaderThen(spec.loader, self)
                return spec
        return None

    def ran(self, module):
        self.then(module)
        # Only now: an import that failed half-way (Ctrl+C) is hooked again.
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def invalidate_caches(self):
        pass


def after_import(name: str, then) -> None:
    """Calls `then(module)` once `name` has been imported (at once if it already is)."""
    if name in sys.modules:
        then(sys.modules[name])
    else:
        sys.meta_path.insert(0, AfterImport(name, then))
