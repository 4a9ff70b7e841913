"""Installs pure-Python packages from PyPI (or another index) into the running Python, as Pyodide's micropip does:

    import micropip
    await micropip.install("rich")          # or ["a", "b>=2"], "name[extra]", a wheel's URL
    micropip.list()                         # what is installed, with versions
    micropip.uninstall("rich")

Only wheels of Python code alone (tagged `py3-none-any`) can run here; a package with compiled code is refused
with an error saying so. Installs live in memory, until Python restarts.
"""

from ._install import installed_distributions, remove_distribution, set_index_urls
from ._install import install as _install

__all__ = ["install", "list", "set_index_urls", "uninstall"]


async def install(
    requirements,
    keep_going: bool = False,
    deps: bool = True,
    credentials=None,
    pre: bool = False,
    index_urls=None,
    *,
    reinstall: bool = False,
    verbose=None,
) -> None:
    """Installs `requirements` (a requirement string, a wheel's URL, or a list of them) and their dependencies.

    Every wheel is chosen and downloaded before anything is written, so a failure installs nothing. With
    `keep_going`, every failure is reported at once. `pre` allows pre-releases; `index_urls` replaces the index
    for this call (see set_index_urls); `reinstall` replaces a version already installed. `credentials` and
    `verbose` are accepted for compatibility and have no effect (the browser's fetch sends the page's cookies
    to its own origin anyway).
    """
    try:
        await _install(requirements, keep_going=keep_going, deps=deps, pre=pre, index_urls=index_urls,
                       reinstall=reinstall)
    except (OSError, ValueError) as e:
        if not getattr(e, "_micropip_says_all", False):
            raise
        # A missing package or a failed download is the user's to read, not micropip's frames (as pip prints it).
        raise e.with_traceback(None) from None


class Package:
    """An installed distribution: its name, version, and who installed it."""

    def __init__(self, name: str, version: str, source: str):
        self.name, self.version, self.source = name, version, source

    def __repr__(self) -> str:
        return f"Package(name={self.name!r}, version={self.version!r}, source={self.source!r})"


class PackageDict(dict):
    """Installed packages by name; shown as a table."""

    def __repr__(self) -> str:
        if not self:
            return "(no packages installed)"
        rows = [("Name", "Version", "Source")] + [(p.name, p.version, p.source) for p in self.values()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        return "\n".join(lines)


def list() -> PackageDict:  # noqa: A001 - micropip's name
    """The packages installed in site-packages, by name."""
    packages = PackageDict()
    for dist in sorted(installed_distributions().values(), key=lambda d: d.metadata["Name"].lower()):
        installer = (dist.read_text("INSTALLER") or "").strip() or "unknown"
        packages[dist.metadata["Name"]] = Package(dist.metadata["Name"], dist.version, installer)
    return packages


def uninstall(packages) -> None:
    """Removes installed packages (a name or a list of names). Modules already imported stay imported until Python
    restarts, as with pip."""
    import importlib
    import sys

    from ._requirement import canonical_name

    names = [packages] if isinstance(packages, str) else packages
    installed = installed_distributions()
    for name in names:
        dist = installed.get(canonical_name(str(name)))
        if dist is None:
            print(f"WARNING: Skipping '{name}': it is not installed", file=sys.stderr)
            continue
        remove_distribution(dist)
    importlib.invalidate_caches()

