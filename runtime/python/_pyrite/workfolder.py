"""Modules in the working folder are importable, as in CPython's REPL, including ones written a moment ago.

The folder ('' on sys.path: the current directory) is searched first. Import caches a folder's listing until the
folder's modification time changes, and this file system reports it in whole seconds: a module written in the
same second as the listing was taken would stay invisible. A folder changed within the last second is listed
again on a miss, which costs a listing only then.
"""

import sys
import time
# The frozen module importlib.machinery re-exports: loaded already, so start-up imports nothing more.
from _frozen_importlib_external import (
    BYTECODE_SUFFIXES,
    SOURCE_SUFFIXES,
    FileFinder,
    SourceFileLoader,
    SourcelessFileLoader,
)


class _RecentFolderFinder(FileFinder):
    def find_spec(self, fullname, target=None):
        spec = super().find_spec(fullname, target)
        # _path_mtime is the folder's time when listed (whole seconds); a write since may share that second.
        if spec is None and time.time() < self._path_mtime + 2:
            self.invalidate_caches()
            spec = super().find_spec(fullname, target)
        return spec


def _hook(path):
    # The standard library and installed packages live under /lib and do not change behind import's back
    # (micropip invalidates the caches itself).
    if path.startswith("/lib/"):
        raise ImportError("not a working folder")
    return _RecentFolderFinder(path, (SourceFileLoader, SOURCE_SUFFIXES), (SourcelessFileLoader, BYTECODE_SUFFIXES))


def install():
    sys.path.insert(0, "")
    sys.path_hooks.insert(0, _hook)
