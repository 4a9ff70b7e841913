"""Finding, downloading and installing pure-Python wheels from a package index (PyPI's JSON API by default).

A wheel without compiled code (platform tag `any`, ABI tag `none`, a Python 3 tag) runs here as it runs anywhere.
Wheels with compiled code would need builds for this runtime, which no index has, so they are refused with an
error that says so. Installs go to site-packages in the runtime's in-memory file system: a restarted Python starts
without them.
"""

import hashlib
import importlib
import io
import json
import os
import re
import shutil
import sys
import zipfile

from ._requirement import InvalidRequirement, Requirement, canonical_name
from ._version import SpecifierSet, Version, parse_version

SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
DEFAULT_INDEX_URLS = ("https://pypi.org/pypi/{package_name}/json",)
_index_urls: list[str] = list(DEFAULT_INDEX_URLS)
_PYTHON_VERSION = Version(".".join(map(str, sys.version_info[:3])))


def _reported(kind, message: str) -> Exception:
    """An error whose message says all there is to say: install() raises it without micropip's own frames."""
    error = kind(message)
    error._micropip_says_all = True
    return error


def set_index_urls(urls) -> None:
    """Where install() looks packages up: URLs of JSON project pages, `{package_name}` standing for the name (a URL
    without it gets `/{package_name}/json` appended). The first index that knows a package is used."""
    global _index_urls
    if isinstance(urls, str):
        urls = [urls]
    urls = [str(u) for u in urls]
    if not urls:
        raise _reported(ValueError, "set_index_urls: give at least one index URL")
    _index_urls = urls


def _project_url(index_url: str, name: str) -> str:
    if "{package_name}" in index_url:
        return index_url.replace("{package_name}", name)
    return index_url.rstrip("/") + f"/{name}/json"


class _NotFound(Exception):
    pass


async def _fetch(url: str, what: str):
    """The JS Response for `url`; OSError when the request fails, _NotFound for a 404."""
    from js import fetch

    from pyodide import JsException

    try:
        response = await fetch(url)
    except JsException as e:
        raise _reported(OSError, f"could not fetch {what} from {url}: {e}") from None
    if response.status == 404:
        raise _NotFound(url)
    if not response.ok:
        raise _reported(OSError, f"could not fetch {what} from {url}: HTTP {response.status}")
    return response


async def _fetch_bytes(url: str, what: str) -> bytes:
    try:
        response = await _fetch(url, what)
    except _NotFound:
        raise _reported(OSError, f"could not fetch {what} from {url}: HTTP 404") from None
    try:
        return bytes((await response.arrayBuffer()).to_py())
    except Exception as e:  # noqa: BLE001 - a body cut short is a failed download
        raise _reported(OSError, f"could not fetch {what} from {url}: {e}") from None


def _is_pure_python_wheel(filename: str) -> bool:
    """Whether a wheel's tags say it runs on any Python 3 up to this one, on any platform."""
    if not filename.endswith(".whl"):
        return False
    parts = filename[: -len(".whl")].split("-")
    if len(parts) not in (5, 6):
        return False
    python_tags, abi, platform = parts[-3:]
    if abi != "none" or platform != "any":
        return False
    for tag in python_tags.split("."):
        match = re.fullmatch(r"(?:py|cp)(\d)(\d*)", tag)
        if match and match[1] == "3" and (not match[2] or int(match[2]) <= sys.version_info.minor):
            return True
    return False


def _supports_this_python(requires_python) -> bool:
    if not requires_python:
        return True
    try:
        return SpecifierSet(requires_python).contains(_PYTHON_VERSION, prereleases=True)
    except ValueError:
        return True  # an unreadable requirement is no reason to refuse


class _Wheel:
    def __init__(self, name: str, version: str, filename: str, url: str, sha256: str | None):
        self.name, self.version, self.filename, self.url, self.sha256 = name, version, filename, url, sha256
        self.data: bytes | None = None
        self.requested = False

    @property
    def key(self) -> str:
        return canonical_name(self.name)


def installed_distributions() -> dict:
    """The distributions in site-packages, by canonical name."""
    if not os.path.isdir(SITE_PACKAGES):
        return {}
    from importlib.metadata import MetadataPathFinder, distributions

    # importlib.metadata caches a folder's listing by its modification time, which this file system keeps in whole
    # seconds: an install a moment ago would not show.
    MetadataPathFinder().invalidate_caches()  # a plain method in 3.11, though it reads as a class method
    return {canonical_name(d.metadata["Name"]): d for d in distributions(path=[SITE_PACKAGES]) if d.metadata["Name"]}


class _Plan:
    """What one install() call will put in place: each wheel chosen and downloaded before anything is written."""

    def __init__(self, index_urls: list[str], pre: bool, deps: bool, reinstall: bool, keep_going: bool):
        self.index_urls = index_urls
        self.pre, self.deps, self.reinstall, self.keep_going = pre, deps, reinstall, keep_going
        self.chosen: dict[str, _Wheel] = {}
        self.extras_done: dict[str, set[str]] = {}
        self.installed = installed_distributions()
        self.errors: list[str] = []

    def fail(self, error) -> None:
        """Raises `error` (a message is a ValueError), or with keep_going notes it and goes on."""
        if not self.keep_going:
            if isinstance(error, Exception):
                error._micropip_says_all = True
                raise error
            raise _reported(ValueError, error)
        self.errors.append(str(error))

    async def add(self, spec, requested: bool = False, needed_by: str | None = None) -> None:
        if isinstance(spec, str) and _looks_like_wheel_url(spec):
            await self._add_wheel_url(spec, requested)
            return
        try:
            req = spec if isinstance(spec, Requirement) else Requirement(spec)
        except InvalidRequirement as e:
            self.fail(e)
            return
        if req.url is not None:
            await self._add_wheel_url(req.url, requested, req)
            return
        why = f" (needed by {needed_by})" if needed_by else ""
        if req.key in self.chosen:
            wheel = self.chosen[req.key]
            chosen = parse_version(wheel.version)
            if chosen is not None and not req.specifier.contains(chosen, prereleases=True):
                self.fail(f"'{req}'{why} conflicts with {wheel.name} {wheel.version}, chosen for another requirement")
                return
            wheel.requested |= requested
            await self._add_dependencies(wheel, req.extras)
            return
        dist = self.installed.get(req.key)
        if dist is not None and not (self.reinstall and requested):
            have = parse_version(dist.version)
            if have is None or req.specifier.contains(have, prereleases=True):
                await self._add_extras_of_installed(dist, req.extras)
                return
            self.fail(
                f"'{req}'{why} is not met by {dist.metadata['Name']} {dist.version}, which is installed: "
                f"micropip.uninstall('{dist.metadata['Name']}') first, or install with reinstall=True")
            return
        try:
            wheel = await self._choose(req, why)
        except (ValueError, OSError) as e:
            self.fail(e)
            return
        wheel.requested = requested
        self.chosen[req.key] = wheel
        try:
            await self._download(wheel)
        except (ValueError, OSError) as e:
            del self.chosen[req.key]
            self.fail(e)
            return
        await self._add_dependencies(wheel, req.extras)

    async def _add_wheel_url(self, url: str, requested: bool, req: Requirement | None = None) -> None:
        filename = url.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
        parts = filename[: -len(".whl")].split("-") if filename.endswith(".whl") else []
        if len(parts) < 5:
            self.fail(f"'{url}' is not a wheel's URL (a wheel's file name is name-version-python-abi-platform.whl)")
            return
        if not _is_pure_python_wheel(filename):
            self.fail(f"{filename} has compiled code (its tags are not py3-none-any), which cannot run here")
            return
        wheel = _Wheel(parts[0], parts[1], filename, url, None)
        wheel.requested = requested
        try:
            await self._download(wheel)
        except (ValueError, OSError) as e:
            self.fail(e)
            return
        self.chosen[wheel.key] = wheel
        await self._add_dependencies(wheel, req.extras if req else set())

    async def _project(self, name: str) -> dict:
        # Asked for by its canonical name: PyPI redirects other spellings, and a redirect may lack the CORS header.
        key = canonical_name(name)
        for index_url in self.index_urls:
            url = _project_url(index_url, key)
            try:
                response = await _fetch(url, f"the index page of '{name}'")
            except _NotFound:
                continue
            text = await response.text()
            try:
                return json.loads(text)
            except ValueError:
                raise _reported(OSError, f"the index page of '{name}' at {url} is not JSON") from None
        where = ", ".join(_project_url(u, key) for u in self.index_urls)
        raise _reported(ValueError, f"No package named '{name}' on the package index ({where}: not found)")

    async def _choose(self, req: Requirement, why: str) -> _Wheel:
        project = await self._project(req.name)
        name = (project.get("info") or {}).get("name") or req.name
        releases = project.get("releases")
        if not releases:
            # An index page without the list of releases (PyPI has talked of dropping it) still has the latest one's.
            info = project.get("info") or {}
            releases = {info["version"]: project.get("urls") or []} if info.get("version") else {}
        pinned = any(c.operator in ("==", "===") for c in req.specifier.clauses)
        matching, pure = [], []
        for version_text, files in releases.items():
            version = parse_version(version_text)
            if version is None:
                continue
            usable = [f for f in files if not f.get("yanked") or pinned]
            if not usable or not req.specifier.contains(version, prereleases=True):
                continue
            matching.append(version)
            wheels = [
                f for f in usable
                if _is_pure_python_wheel(f.get("filename", "")) and _supports_this_python(f.get("requires_python"))
            ]
            if wheels:
                pure.append((version, wheels[0]))
        # Final releases first; pre-releases when asked for, named by the requirement, or the only ones that match.
        finals = [(v, f) for v, f in pure if req.specifier.contains(v, prereleases=self.pre)]
        candidates = finals or pure
        if not candidates:
            if not matching:
                known = sorted(v for v in map(parse_version, releases) if v is not None)
                latest = f"; the latest is {known[-1]}" if known else ""
                wanted = f" matches '{req.specifier}'" if req.specifier else " is on the index"
                raise _reported(ValueError, f"No version of '{name}'{why}{wanted}{latest}")
            raise _reported(
                ValueError,
                f"Can't find a pure Python 3 wheel for '{req}'{why}: {name} has compiled code (or needs a newer "
                f"Python), and only packages of Python code alone can be installed here",
            )
        version, file = max(candidates, key=lambda c: c[0])
        return _Wheel(name, str(version), file["filename"], file["url"], (file.get("digests") or {}).get("sha256"))

    async def _download(self, wheel: _Wheel) -> None:
        data = await _fetch_bytes(wheel.url, wheel.filename)
        if wheel.sha256 and hashlib.sha256(data).hexdigest() != wheel.sha256.lower():
            raise _reported(ValueError, f"{wheel.filename} from {wheel.url} does not match the index's sha256 digest")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                zf.testzip()
                names = set(zf.namelist())
                dist_info = _dist_info_dir(zf, wheel.filename)
        except zipfile.BadZipFile:
            raise _reported(ValueError, f"{wheel.filename} from {wheel.url} is not a wheel (not a zip file)") from None
        if f"{dist_info}/METADATA" not in names:
            raise _reported(ValueError, f"{wheel.filename} is not a wheel: {dist_info} has no METADATA")
        wheel.data = data

    async def _add_extras_of_installed(self, dist, extras: set[str]) -> None:
        """`name[extra]` for an installed `name`: the extra's own dependencies (the plain ones are in place)."""
        key = canonical_name(dist.metadata["Name"])
        done = self.extras_done.setdefault(key, set())
        new_extras = set(extras) - done
        if not self.deps or not new_extras:
            return
        done.update(new_extras)
        await self._add_requirements(dist.requires or [], new_extras, False, f"{dist.metadata['Name']} {dist.version}")

    async def _add_dependencies(self, wheel: _Wheel, extras: set[str]) -> None:
        done = self.extras_done.setdefault(wheel.key, set())
        first_time = not done and "" not in done
        new_extras = set(extras) - done
        if not self.deps or not (first_time or new_extras):
            return
        done.add("")
        done.update(new_extras)
        await self._add_requirements(_requires_dist(wheel), new_extras, first_time, f"{wheel.name} {wheel.version}")

    async def _add_requirements(self, texts, extras: set[str], plain_too: bool, needed_by: str) -> None:
        """The dependencies `texts` (Requires-Dist lines) that apply here: those of `extras`, and the plain ones if
        `plain_too`."""
        for text in texts:
            try:
                req = Requirement(text)
                applies = req.applies(extras) and (plain_too or not req.applies(set()))
            except InvalidRequirement as e:
                self.fail(f"{needed_by}: {e}")
                continue
            if applies:
                await self.add(req, needed_by=needed_by)


def _looks_like_wheel_url(text: str) -> bool:
    return text.strip().endswith(".whl") and ("/" in text or ":" in text)


def _dist_info_dir(zf: zipfile.ZipFile, filename: str) -> str:
    tops = {name.split("/", 1)[0] for name in zf.namelist()}
    found = [t for t in tops if t.endswith(".dist-info")]
    if len(found) != 1:
        raise _reported(ValueError, f"{filename} is not a wheel: it needs one .dist-info folder at its top")
    return found[0]


def _requires_dist(wheel: _Wheel) -> list[str]:
    from email.parser import HeaderParser

    with zipfile.ZipFile(io.BytesIO(wheel.data)) as zf:
        metadata = zf.read(f"{_dist_info_dir(zf, wheel.filename)}/METADATA").decode("utf-8", errors="replace")
    return HeaderParser().parsestr(metadata).get_all("Requires-Dist") or []


def install_wheel(wheel: _Wheel) -> None:
    """Unpacks a downloaded wheel into site-packages (its .data/purelib and platlib too; scripts, headers and data
    files have no place here and are left out), and records what it wrote for uninstall()."""
    os.makedirs(SITE_PACKAGES, exist_ok=True)
    if SITE_PACKAGES not in sys.path:
        sys.path.append(SITE_PACKAGES)
    root = os.path.realpath(SITE_PACKAGES)
    written = []
    with zipfile.ZipFile(io.BytesIO(wheel.data)) as zf:
        dist_info = _dist_info_dir(zf, wheel.filename)
        data_prefix = dist_info[: -len(".dist-info")] + ".data/"
        plan = []
        for info in zf.infolist():
            path = info.filename
            if info.is_dir() or path == f"{dist_info}/RECORD":
                continue
            if path.startswith(data_prefix):
                kind, _, rest = path[len(data_prefix):].partition("/")
                if kind not in ("purelib", "platlib") or not rest:
                    continue
                path = rest
            target = os.path.realpath(os.path.join(root, path))
            if not target.startswith(root + os.sep):
                raise _reported(ValueError, f"{wheel.filename} has a file outside site-packages: {info.filename}")
            plan.append((info, target))
        for info, target in plan:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            written.append(os.path.relpath(target, root))
    meta = os.path.join(root, dist_info)
    with open(os.path.join(meta, "INSTALLER"), "w") as f:
        f.write("micropip\n")
    written.append(f"{dist_info}/INSTALLER")
    if wheel.requested:
        open(os.path.join(meta, "REQUESTED"), "w").close()
        written.append(f"{dist_info}/REQUESTED")
    written.append(f"{dist_info}/RECORD")
    with open(os.path.join(meta, "RECORD"), "w") as f:
        f.writelines(f"{path},,\n" for path in written)


def remove_distribution(dist) -> None:
    """Deletes the files a distribution's RECORD lists, then the folders left empty."""
    root = os.path.realpath(SITE_PACKAGES)
    folders = set()
    for path in dist.files or []:
        target = os.path.realpath(os.path.join(root, str(path)))
        if not target.startswith(root + os.sep):
            continue
        try:
            os.remove(target)
        except FileNotFoundError:
            pass
        folder = os.path.dirname(target)
        while folder != root and folder.startswith(root + os.sep):
            folders.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(folders, key=len, reverse=True):
        cached = os.path.join(folder, "__pycache__")
        if os.path.isdir(cached):
            shutil.rmtree(cached, ignore_errors=True)
        try:
            os.rmdir(folder)
        except OSError:
            pass  # not empty: files another distribution or the user put there


async def install(requirements, keep_going=False, deps=True, pre=False, index_urls=None, reinstall=False):
    if isinstance(requirements, str):
        requirements = [requirements]
    requirements = [str(r) for r in requirements]
    if index_urls is not None:
        index_urls = [index_urls] if isinstance(index_urls, str) else [str(u) for u in index_urls]
    plan = _Plan(index_urls or _index_urls, pre, deps, reinstall, keep_going)
    for requirement in requirements:
        await plan.add(requirement, requested=True)
    if plan.errors:
        raise _reported(ValueError, "Can't install:\n" + "\n".join(f"- {e}" for e in plan.errors))
    for wheel in plan.chosen.values():
        old = plan.installed.get(wheel.key)
        if old is not None:
            remove_distribution(old)
        install_wheel(wheel)
    importlib.invalidate_caches()
