"""Versions and version specifiers as PEP 440 defines them (what pip's `packaging` does, for what an installer of
pure-Python wheels needs: parsing, ordering, and `>=1.2, <2`-style specifiers)."""

import re

# The PEP's own grammar, with its spellings (alpha, pre, rev, '-1' for a post-release, ...) normalised below.
_PATTERN = re.compile(
    r"""
    v?
    (?:(?P<epoch>\d+)!)?
    (?P<release>\d+(?:\.\d+)*)
    (?:[-_.]?(?P<pre_kind>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_number>\d+)?)?
    (?:-(?P<post_implicit>\d+)|[-_.]?(?:post|rev|r)[-_.]?(?P<post_number>\d+)?(?P<post_marked>))?
    (?:[-_.]?(?P<dev>dev)[-_.]?(?P<dev_number>\d+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PRE_KINDS = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "c": "rc", "pre": "rc", "preview": "rc", "rc": "rc"}
_PRE_ORDER = {"a": 0, "b": 1, "rc": 2}


class InvalidVersion(ValueError):
    pass


class Version:
    """A parsed version: ordered as PEP 440 says (1.0.dev1 < 1.0a1 < 1.0 < 1.0.post1; 1.0 == 1.0.0)."""

    __slots__ = ("epoch", "release", "pre", "post", "dev", "local", "_key")

    def __init__(self, text: str):
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise InvalidVersion(f"invalid version: {text!r}")
        self.epoch = int(match["epoch"] or 0)
        self.release = tuple(int(part) for part in match["release"].split("."))
        self.pre = (_PRE_KINDS[match["pre_kind"].lower()], int(match["pre_number"] or 0)) if match["pre_kind"] else None
        if match["post_implicit"] is not None:
            self.post = int(match["post_implicit"])
        elif match["post_marked"] is not None:
            self.post = int(match["post_number"] or 0)
        else:
            self.post = None
        self.dev = int(match["dev_number"] or 0) if match["dev"] else None
        self.local = tuple(re.split(r"[-_.]", match["local"].lower())) if match["local"] else None
        self._key = self._sort_key()

    def _sort_key(self):
        release = list(self.release)
        while len(release) > 1 and release[-1] == 0:
            release.pop()
        if self.pre is not None:
            pre = (1, _PRE_ORDER[self.pre[0]], self.pre[1])
        elif self.dev is not None and self.post is None:
            pre = (0,)  # 1.0.dev1 comes before 1.0a1
        else:
            pre = (2,)
        post = (0,) if self.post is None else (1, self.post)
        dev = (1,) if self.dev is None else (0, self.dev)
        # Local labels: numbers sort above words, and a version with a label above the same version without one.
        local = () if self.local is None else tuple((1, int(p), "") if p.isdigit() else (0, 0, p) for p in self.local)
        return (self.epoch, tuple(release), pre, post, dev, local)

    @property
    def is_prerelease(self) -> bool:
        return self.pre is not None or self.dev is not None

    @property
    def is_postrelease(self) -> bool:
        return self.post is not None

    @property
    def public(self) -> "Version":
        return Version(str(self).partition("+")[0])

    @property
    def base(self) -> "Version":
        """The epoch and release only (1.2rc1.post3 -> 1.2)."""
        return Version(f"{self.epoch}!{'.'.join(map(str, self.release))}")

    def __str__(self) -> str:
        text = f"{self.epoch}!" if self.epoch else ""
        text += ".".join(map(str, self.release))
        if self.pre is not None:
            text += f"{self.pre[0]}{self.pre[1]}"
        if self.post is not None:
            text += f".post{self.post}"
        if self.dev is not None:
            text += f".dev{self.dev}"
        if self.local is not None:
            text += "+" + ".".join(self.local)
        return text

    def __repr__(self) -> str:
        return f"<Version('{self}')>"

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other):
        return self._key == other._key if isinstance(other, Version) else NotImplemented

    def __lt__(self, other):
        return self._key < other._key if isinstance(other, Version) else NotImplemented

    def __le__(self, other):
        return self._key <= other._key if isinstance(other, Version) else NotImplemented

    def __gt__(self, other):
        return self._key > other._key if isinstance(other, Version) else NotImplemented

    def __ge__(self, other):
        return self._key >= other._key if isinstance(other, Version) else NotImplemented


def parse_version(text: str) -> Version | None:
    """The version, or None for one PEP 440 cannot read (old releases on an index sometimes have such)."""
    try:
        return Version(text)
    except InvalidVersion:
        return None


class InvalidSpecifier(ValueError):
    pass


_CLAUSE = re.compile(r"\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*")


class Specifier:
    """One clause such as `>=1.2`, `==1.4.*`, `~=2.2` or `!=1.5`."""

    def __init__(self, text: str):
        match = _CLAUSE.fullmatch(text)
        if match is None:
            raise InvalidSpecifier(f"invalid version specifier: {text.strip()!r}")
        self.operator, self.version_text = match.groups()
        self.wildcard = self.version_text.endswith(".*")
        if self.operator == "===":
            self.version = None
            return
        if self.wildcard and self.operator not in ("==", "!="):
            raise InvalidSpecifier(f"invalid version specifier: {text.strip()!r} ('.*' only follows == or !=)")
        try:
            self.version = Version(self.version_text.removesuffix(".*") if self.wildcard else self.version_text)
        except InvalidVersion:
            raise InvalidSpecifier(f"invalid version specifier: {text.strip()!r}") from None
        if self.operator == "~=" and len(self.version.release) < 2:
            raise InvalidSpecifier(f"invalid version specifier: {text.strip()!r} (~= needs at least two numbers)")

    def __str__(self) -> str:
        return f"{self.operator}{self.version_text}"

    @property
    def mentions_prerelease(self) -> bool:
        return self.version is not None and self.version.is_prerelease

    def contains(self, candidate: Version) -> bool:
        op, spec = self.operator, self.version
        if op == "===":
            return str(candidate) == self.version_text
        if op in ("==", "!="):
            equal = _prefix_match(candidate, spec) if self.wildcard else _equal(candidate, spec)
            return equal if op == "==" else not equal
        if op == "~=":
            prefix = Version(".".join(map(str, spec.release[:-1])))
            return candidate.public >= spec and _prefix_match(candidate, Version(f"{spec.epoch}!{prefix}"))
        public = candidate.public
        if op == ">=":
            return public >= spec
        if op == "<=":
            return public <= spec
        if op == ">":
            # >1.7 does not take 1.7.post1 (unless it names a post-release itself).
            if not public > spec:
                return False
            return spec.is_postrelease or not (public.is_postrelease and public.base == spec.base)
        # <: <1.7 does not take 1.7rc1 (unless it names a pre-release itself).
        if not public < spec:
            return False
        return spec.is_prerelease or not (public.is_prerelease and public.base == spec.base)


def _equal(candidate: Version, spec: Version) -> bool:
    # ==1.0 matches 1.0+local; ==1.0+local matches only that label.
    return (candidate if spec.local is not None else candidate.public) == spec


def _prefix_match(candidate: Version, prefix: Version) -> bool:
    """==1.4.*: the release starts with 1.4 (zeros padded), whatever follows."""
    if candidate.epoch != prefix.epoch:
        return False
    wanted = prefix.release
    if prefix.pre is not None or prefix.post is not None or prefix.dev is not None:
        # ==1.4rc1.*: compare the whole public version text as a prefix.
        return str(candidate.public).startswith(str(prefix))
    have = candidate.release + (0,) * max(0, len(wanted) - len(candidate.release))
    return have[: len(wanted)] == wanted


class SpecifierSet:
    """Comma-separated clauses, all of which must hold (an empty set takes every version)."""

    def __init__(self, text: str = ""):
        self.text = text.strip()
        self.clauses = [Specifier(part) for part in self.text.split(",") if part.strip()] if self.text else []

    def __str__(self) -> str:
        return ",".join(map(str, self.clauses))

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def contains(self, candidate: Version, prereleases: bool = False) -> bool:
        """Whether `candidate` satisfies every clause; pre-releases only when asked for or named by a clause."""
        if candidate.is_prerelease and not prereleases and not any(c.mentions_prerelease for c in self.clauses):
            return False
        return all(clause.contains(candidate) for clause in self.clauses)
