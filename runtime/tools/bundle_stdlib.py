"""Builds the stdlib bundle: CPython's Lib/ and the runtime's Python package,
byte-compiled (no sources), without tests and modules that cannot work in a
browser, as one zip that Python imports from (/lib/python311.zip)."""

import argparse
import importlib._bootstrap_external as bootstrap
import pathlib
import sys
import zipfile

# Packages and modules left out: tests, GUI, packaging tools, process pools.
EXCLUDED_DIRS = {
    "test", "tests", "idle_test", "idlelib", "tkinter", "turtledemo", "ensurepip",
    "venv", "lib2to3", "msilib", "multiprocessing", "curses", "__pycache__",
    "site-packages", "distutils", "__phello__",
}
# Pure-Python fallbacks of C modules that are built in (_decimal, _io), the
# tkinter turtle (the runtime ships its own), and jokes.
EXCLUDED_FILES = {"turtle.py", "antigravity.py", "this.py", "_pydecimal.py", "_pyio.py"}
ZIP_ROOT = "/lib/python311.zip"


def wanted(rel: pathlib.PurePosixPath) -> bool:
    if rel.suffix != ".py" or rel.name in EXCLUDED_FILES:
        return False
    if rel.parts[0].startswith("config-"):
        return False
    return not any(part in EXCLUDED_DIRS for part in rel.parts[:-1])


def add_compiled(zf: zipfile.ZipFile, source: pathlib.Path, rel: str) -> None:
    code = compile(source.read_bytes(), f"{ZIP_ROOT}/{rel}", "exec",
                   dont_inherit=True, optimize=0)
    data = bootstrap._code_to_timestamp_pyc(code, 0, 0)
    info = zipfile.ZipInfo(rel + "c", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, bytes(data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cpython", required=True, type=pathlib.Path)
    parser.add_argument("--package", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("bundle_stdlib.py must run on Python 3.11 (same bytecode)")
    sources: dict[str, pathlib.Path] = {}
    lib = args.cpython / "Lib"
    for path in sorted(lib.rglob("*.py")):
        rel = pathlib.PurePosixPath(path.relative_to(lib).as_posix())
        if wanted(rel):
            sources[str(rel)] = path
    for path in sorted((args.cpython / "build").glob("lib.*/_sysconfigdata_*.py")):
        sources[path.name] = path
    for path in sorted(args.package.rglob("*.py")):
        sources[path.relative_to(args.package).as_posix()] = path
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for rel, path in sorted(sources.items()):
            add_compiled(zf, path, rel)
    tmp.replace(args.out)
    print(f"stdlib bundle: {len(sources)} modules, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
