"""The part of the stdlib that is not downloaded at start.

python_stdlib.zip holds what start-up and common console use import; the rest
is in python_stdlib_extra.zip (see runtime/tools/bundle_stdlib.py). This finder
runs after the normal ones: the first import of a module from the second zip
fetches it (synchronously, through the JS half), then imports from it. Packages
split between the zips (encodings, urllib, ...) get the second zip's folder
appended to their __path__.
"""

import sys
# What importlib.machinery re-exports, without importing importlib (and warnings) at start-up.
from _frozen_importlib_external import PathFinder

from . import _stdlib_extra

_root: str | None = None


def _fetch() -> str:
    global _root
    if _root is None:
        from .jsfinder import host_services

        try:
            root = host_services().fetch_stdlib_extra()
        except Exception as e:  # noqa: BLE001 - any failure is an import failure
            raise ImportError(f"could not download the rest of the standard library: {e}") from None
        sys.path.append(root)
        _root = root
    return _root


class ExtraStdlibFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname not in _stdlib_extra.MODULES:
            return None
        root = _fetch()
        parent, _, _ = fullname.rpartition(".")
        if not parent:
            return PathFinder.find_spec(fullname, [root])
        package = sys.modules.get(parent)
        search = getattr(package, "__path__", None)
        if search is None:
            return None
        folder = f"{root}/{parent.replace('.', '/')}"
        if folder not in search:
            search.append(folder)
        return PathFinder.find_spec(fullname, search)

    @classmethod
    def invalidate_caches(cls):
        pass


def top_level_names() -> set[str]:
    """Top-level modules of the second zip, for completing `import` lines before it is fetched."""
    return {name for name in _stdlib_extra.MODULES if "." not in name}


def install() -> None:
    sys.meta_path.append(ExtraStdlibFinder)
