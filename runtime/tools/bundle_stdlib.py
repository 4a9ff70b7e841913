"""Builds the stdlib bundle: CPython's Lib/ and the runtime's Python package,
byte-compiled (no sources), without tests and modules that cannot work in a
browser, as two zips:

* python_stdlib.zip, downloaded at start (/lib/python311.zip): the runtime's
  package, every module imported at start-up, and the modules a console
  session commonly uses (CORE_SEEDS and what they import);
* python_stdlib_extra.zip, the rest, fetched on the first import of one of its
  modules (runtime/python/_pyrite/lazystdlib.py; the list of its modules is
  generated into the first zip as _pyrite/_stdlib_extra.py).

Entries are stored uncompressed: the server's brotli/gzip compresses the whole
file far better than per-entry deflate (and the runtime reads it uncompressed).
Modules CPython has frozen into the binary (os, site, codecs, io, ...: the list
in Python/frozen.c) are left out of both: its import system takes the frozen
copy first, so their files would never be read.
"""

import argparse
import importlib._bootstrap_external as bootstrap
import json
import pathlib
import re
import subprocess
import sys
import zipfile

# Packages and modules left out: tests, GUI, packaging tools, process pools.
EXCLUDED_DIRS = {
    "test", "tests", "idle_test", "idlelib", "tkinter", "turtledemo", "ensurepip",
    "venv", "lib2to3", "msilib", "multiprocessing", "curses", "__pycache__",
    "site-packages", "distutils", "__phello__",
}
# Pure-Python fallbacks of C modules that are built in (_decimal, _io), the
# tkinter turtle (the runtime ships its own), and ssl, which cannot work
# without OpenSSL (asyncio's `try: import ssl` must not fetch the second zip).
EXCLUDED_FILES = {"turtle.py", "_pydecimal.py", "_pyio.py", "ssl.py"}
ZIP_ROOT = "/lib/python311.zip"
EXTRA_ROOT = "/lib/python311_extra.zip"

# What the first download holds: these modules and everything they import
# (found by importing them with the build machine's python3.11 from the same
# Lib/). Start-up (the runtime's package, the worker's console) comes first,
# then what people commonly import in a console or a lesson.
CORE_SEEDS = [
    # start-up: _pyrite, pyodide, pyodide.console, the worker's console helper
    "site", "asyncio", "collections", "contextvars", "traceback", "ast", "io", "time",
    "importlib.machinery", "types", "codeop", "keyword", "linecache", "pkgutil", "re",
    "rlcompleter", "json", "inspect", "typing", "os", "signal", "warnings", "locale",
    # common in consoles and lessons
    "random", "datetime", "statistics", "fractions", "decimal", "dataclasses", "string",
    "textwrap", "copy", "pprint", "heapq", "bisect", "calendar", "itertools", "functools",
    "operator", "enum", "abc", "numbers", "colorsys", "math", "cmath", "array", "queue",
    "struct", "base64", "hashlib", "contextlib", "weakref", "fnmatch", "glob", "shutil",
    "tempfile", "pathlib", "timeit",
]
# The codecs kept in the first download; the other ~100 come with the rest.
CORE_CODECS = {
    "aliases", "utf_8", "utf_8_sig", "latin_1", "ascii", "idna", "utf_16", "utf_16_le",
    "utf_16_be", "utf_32", "cp437", "charmap", "raw_unicode_escape", "unicode_escape",
}
# Always in the first download, whatever the seeds import.
CORE_PREFIXES = ("_pyrite", "pyodide", "turtle", "_sysconfigdata")
# Runtime modules only ever imported after a module of the second download (http.client, for browserhttp).
LATE_MODULES = {"_pyrite.browserhttp"}

CLOSURE_SCRIPT = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2].split(","):
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def wanted(rel: pathlib.PurePosixPath) -> bool:
    if rel.suffix != ".py" or rel.name in EXCLUDED_FILES:
        return False
    if rel.parts[0].startswith("config-"):
        return False
    return not any(part in EXCLUDED_DIRS for part in rel.parts[:-1])


def module_name(rel: str) -> str:
    return rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def core_modules(lib: pathlib.Path) -> set[str]:
    """The seeds and everything they import, as imported by this machine's python3.11."""
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", CLOSURE_SCRIPT, str(lib), ",".join(CORE_SEEDS)],
        check=True, capture_output=True, text=True)
    names = set(json.loads(result.stdout))
    names = {n for n in names if not n.startswith("encodings.")}
    return names | {f"encodings.{codec}" for codec in CORE_CODECS}


def frozen_modules(cpython: pathlib.Path) -> set[str]:
    """The modules CPython runs from the copies frozen into it (Python/frozen.c)."""
    text = (cpython / "Python" / "frozen.c").read_text()
    # The bootstrap and stdlib tables; the test modules' table (__hello__, ...) is not always built in.
    tables = re.findall(r"struct _frozen (?:bootstrap|stdlib)_modules\[\] = \{(.*?)\n\};", text, re.S)
    names = {name for table in tables for name in re.findall(r'\{"([\w.]+)", NULL, 0, (?:true|false), GET_CODE\(', table)}
    if not {"os", "site", "codecs", "zipimport"} <= names:
        sys.exit(f"bundle_stdlib.py: unexpected frozen module list in {cpython}/Python/frozen.c: {sorted(names)}")
    return names


def in_core(name: str, core: set[str]) -> bool:
    return name not in LATE_MODULES and (name in core or name.startswith(CORE_PREFIXES))


def add_compiled(zf: zipfile.ZipFile, root: str, rel: str, source: bytes) -> None:
    code = compile(source, f"{root}/{rel}", "exec", dont_inherit=True, optimize=0)
    data = bootstrap._code_to_timestamp_pyc(code, 0, 0)
    info = zipfile.ZipInfo(rel + "c", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    zf.writestr(info, bytes(data))


def extra_index(extra: list[str]) -> bytes:
    """_pyrite/_stdlib_extra.py: the modules of the second zip, and the packages it adds submodules to."""
    modules = sorted(module_name(rel) for rel in extra)
    packages = sorted({m.rpartition(".")[0] for m in modules if "." in m})
    return (
        '"""Generated by runtime/tools/bundle_stdlib.py: what python_stdlib_extra.zip holds."""\n\n'
        f"MODULES = frozenset({modules!r})\n"
        f"PACKAGES = frozenset({packages!r})\n"
    ).encode()


def write_zip(out: pathlib.Path, root: str, files: dict[str, bytes]) -> None:
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for rel, source in sorted(files.items()):
            add_compiled(zf, root, rel, source)
    tmp.replace(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cpython", required=True, type=pathlib.Path)
    parser.add_argument("--package", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path,
                        help="the first zip; the second is written next to it")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("bundle_stdlib.py must run on Python 3.11 (same bytecode)")
    sources: dict[str, pathlib.Path] = {}
    lib = args.cpython / "Lib"
    frozen = frozen_modules(args.cpython)
    for path in sorted(lib.rglob("*.py")):
        rel = pathlib.PurePosixPath(path.relative_to(lib).as_posix())
        if wanted(rel) and module_name(str(rel)) not in frozen:
            sources[str(rel)] = path
    for path in sorted((args.cpython / "build").glob("lib.*/_sysconfigdata_*.py")):
        sources[path.name] = path
    for path in sorted(args.package.rglob("*.py")):
        sources[path.relative_to(args.package).as_posix()] = path
    core = core_modules(lib)
    first = {rel: path.read_bytes() for rel, path in sources.items() if in_core(module_name(rel), core)}
    rest = {rel: path.read_bytes() for rel, path in sources.items() if rel not in first}
    first["_pyrite/_stdlib_extra.py"] = extra_index(list(rest))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    extra_out = args.out.with_name(args.out.stem + "_extra.zip")
    write_zip(args.out, ZIP_ROOT, first)
    write_zip(extra_out, EXTRA_ROOT, rest)
    print(f"stdlib bundle: {len(first)} modules in {args.out.name} ({args.out.stat().st_size} bytes), "
          f"{len(rest)} in {extra_out.name} ({extra_out.stat().st_size} bytes); "
          f"{len(frozen)} frozen into CPython left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
