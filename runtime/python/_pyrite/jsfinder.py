"""`import js` and modules registered with registerJsModule.

(The finder and loader implement the import protocols without subclassing
importlib.abc, which would import tempfile, shutil, bz2, lzma and random at
start-up.)

A registered JS object becomes a module whose attributes are the object's
(reads and writes go to the JS object); object-valued attributes are
importable as submodules (`from my_mod.sub import f`).
"""

import sys
import types

# The bootstrap's own ModuleSpec, which importlib.machinery re-exports: importing
# importlib at start-up would also import warnings (~10 ms of a start in wasm).
from _frozen_importlib import ModuleSpec

import _pyrt


class JsModule(types.ModuleType):
    """A module backed by a JS object (held in __js_object__)."""

    def __getattr__(self, name):
        if name == "__all__":
            return self._star_names()
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__dict__["__js_object__"], name)

    def _star_names(self):
        """What `from module import *` binds: a registered module's own public keys. Not for the page's global
        object, whose hundreds of names (print among them) would shadow Python's."""
        if self.__name__ == "js":
            raise ImportError("'from js import *' would bind every global of the page; import the names you use, "
                              "e.g. 'from js import document'")
        keys = self.__dict__["__js_object__"].object_keys()
        return [key for key in keys if isinstance(key, str) and key.isidentifier() and not key.startswith("_")]

    def __setattr__(self, name, value):
        if isinstance(value, JsModule) and value.__name__ == f"{self.__name__}.{name}":
            # The import system binds a submodule on its parent (`import js.document`): the attribute stays the live
            # JS value instead, so that `from js import document` reads what JS holds now, as before that import.
            return
        if name.startswith("__") and name.endswith("__") or isinstance(value, types.ModuleType):
            super().__setattr__(name, value)
        else:
            setattr(self.__dict__["__js_object__"], name, value)

    def __delattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            super().__delattr__(name)
        else:
            delattr(self.__dict__["__js_object__"], name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(dir(self.__dict__["__js_object__"])))


class JsLoader:
    def __init__(self, value):
        self._value = value

    def create_module(self, spec):
        module = JsModule(spec.name)
        module.__dict__["__js_object__"] = self._value
        return module

    def exec_module(self, module):
        pass


class JsFinder:
    def find_spec(self, fullname, path=None, target=None):
        root, *rest = fullname.split(".")
        value = _pyrt.registered_js_module(root)
        if value is None:
            return None
        for part in rest:
            value = getattr(value, part, None)
            if value is None or getattr(value, "typeof", None) not in ("object", "function"):
                return None
        spec = ModuleSpec(fullname, JsLoader(value), origin="javascript")
        spec.submodule_search_locations = []
        return spec


def host_services():
    """The JS half's services to this package (`_pyrite_host`, registered by loadPyodide in js/index.ts), imported
    without leaving it in sys.modules, which stays the user's."""
    import _pyrite_host

    del sys.modules["_pyrite_host"]
    return _pyrite_host


def forget(name: str) -> None:
    """Drops a JS module (and its submodules) from sys.modules."""
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]


def install() -> None:
    sys.meta_path.insert(0, JsFinder())
