"""Requirements (`name[extra] >=1.0 ; python_version >= "3.8"`, PEP 508) and the environment markers after the `;`,
evaluated for this interpreter: CPython 3.11 on Emscripten."""

import platform
import re
import sys

from ._version import InvalidVersion, SpecifierSet, Version


class InvalidRequirement(ValueError):
    pass


def canonical_name(name: str) -> str:
    """The name as indexes compare names: lower case, runs of `-`, `_` and `.` as one `-` (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


_REQUIREMENT = re.compile(
    r"""
    \s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)
    \s*(?:\[(?P<extras>[^\]]*)\])?
    \s*(?:@\s*(?P<url>[^\s;]+)|\(?(?P<specifier>[^;()@]*)\)?)
    \s*(?:;(?P<marker>.*))?
    """,
    re.VERBOSE,
)


class Requirement:
    """A parsed requirement: name, extras, version specifier or direct URL, and marker."""

    def __init__(self, text: str):
        match = _REQUIREMENT.fullmatch(text)
        if match is None:
            raise InvalidRequirement(f"invalid requirement: {text!r}")
        self.text = text.strip()
        self.name = match["name"]
        self.key = canonical_name(self.name)
        self.extras = {canonical_name(e.strip()) for e in (match["extras"] or "").split(",") if e.strip()}
        self.url = match["url"]
        try:
            self.specifier = SpecifierSet(match["specifier"] or "")
        except ValueError as e:
            raise InvalidRequirement(f"invalid requirement {text!r}: {e}") from None
        marker_text = (match["marker"] or "").strip()
        self.marker = Marker(marker_text) if marker_text else None

    def applies(self, extras: set[str] = frozenset()) -> bool:
        """Whether the marker holds here, for a package installed with `extras`."""
        return self.marker is None or self.marker.evaluate(extras)

    def __str__(self) -> str:
        return self.text


def environment() -> dict[str, str]:
    """Marker variables for this interpreter (PEP 508)."""
    impl = sys.implementation
    impl_version = ".".join(map(str, impl.version[:3]))
    return {
        "implementation_name": impl.name,
        "implementation_version": impl_version,
        "os_name": "posix",
        "platform_machine": "wasm32",
        "platform_python_implementation": platform.python_implementation(),
        "platform_release": "",
        "platform_system": "Emscripten",
        "platform_version": "",
        "python_full_version": platform.python_version(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


_TOKEN = re.compile(
    r"""\s*(?:
    (?P<string>'[^']*'|"[^"]*")
    | (?P<op>===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)
    | (?P<paren>[()])
    | (?P<word>and\b|or\b)
    | (?P<variable>[A-Za-z_][A-Za-z0-9_.]*)
    )""",
    re.VERBOSE,
)
_VERSION_VARIABLES = {"python_version", "python_full_version", "implementation_version"}


class Marker:
    """An environment marker: `python_version >= "3.8" and (sys_platform != "win32" or extra == "cli")`."""

    def __init__(self, text: str):
        self.text = text
        self._tokens = self._tokenize(text)
        self._pos = 0
        self._tree = self._or()
        if self._pos != len(self._tokens):
            raise InvalidRequirement(f"invalid marker: {text!r}")

    def _tokenize(self, text: str) -> list[tuple[str, str]]:
        tokens, pos = [], 0
        while text[pos:].strip():
            match = _TOKEN.match(text, pos)
            if match is None:
                raise InvalidRequirement(f"invalid marker: {text!r}")
            kind = match.lastgroup
            value = match[kind]
            tokens.append((kind, " ".join(value.split()) if kind == "op" else value))
            pos = match.end()
        return tokens

    def _peek(self):
        return self._tokens[self._pos] if self._pos < len(self._tokens) else (None, None)

    def _take(self, kind: str):
        token = self._peek()
        if token[0] != kind:
            raise InvalidRequirement(f"invalid marker: {self.text!r}")
        self._pos += 1
        return token[1]

    def _chain(self, word: str, operand):
        """`operand (word operand)*`, grouped from the left: `or` chains `and` chains, which chain atoms."""
        node = operand()
        while self._peek() == ("word", word):
            self._pos += 1
            node = (word, node, operand())
        return node

    def _or(self):
        return self._chain("or", self._and)

    def _and(self):
        return self._chain("and", self._atom)

    def _atom(self):
        if self._peek() == ("paren", "("):
            self._pos += 1
            node = self._or()
            if self._take("paren") != ")":
                raise InvalidRequirement(f"invalid marker: {self.text!r}")
            return node
        left = self._value()
        op = self._take("op")
        return ("compare", left, op, self._value())

    def _value(self):
        kind, value = self._peek()
        if kind == "string":
            self._pos += 1
            return ("string", value[1:-1])
        if kind == "variable":
            self._pos += 1
            return ("variable", value)
        raise InvalidRequirement(f"invalid marker: {self.text!r}")

    def evaluate(self, extras: set[str] = frozenset()) -> bool:
        env = environment()
        return self._eval(self._tree, env, {canonical_name(e) for e in extras})

    def _eval(self, node, env, extras) -> bool:
        if node[0] == "and":
            return self._eval(node[1], env, extras) and self._eval(node[2], env, extras)
        if node[0] == "or":
            return self._eval(node[1], env, extras) or self._eval(node[2], env, extras)
        _, left, op, right = node
        if "extra" in (left[1] if left[0] == "variable" else None, right[1] if right[0] == "variable" else None):
            # `extra == "cli"` holds when "cli" is one of the extras asked for.
            other = right if left == ("variable", "extra") else left
            if other[0] != "string" or op not in ("==", "!="):
                raise InvalidRequirement(f"invalid marker: {self.text!r}")
            present = canonical_name(other[1]) in extras
            return present if op == "==" else not present
        variables = [name for kind, name in (left, right) if kind == "variable"]
        unknown = [name for name in variables if name not in env]
        if unknown:
            raise InvalidRequirement(f"invalid marker {self.text!r}: unknown variable {unknown[0]!r}")
        lhs = env[left[1]] if left[0] == "variable" else left[1]
        rhs = env[right[1]] if right[0] == "variable" else right[1]
        if op in ("in", "not in"):
            return (lhs in rhs) == (op == "in")
        if any(name in _VERSION_VARIABLES for name in variables) and op != "===":
            try:
                return SpecifierSet(f"{op}{rhs}").contains(Version(lhs), prereleases=True)
            except (InvalidVersion, ValueError):
                pass
        return {
            "==": lhs == rhs, "!=": lhs != rhs, "<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs, ">=": lhs >= rhs,
            "===": lhs == rhs, "~=": lhs == rhs,
        }[op]
