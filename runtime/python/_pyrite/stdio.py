"""sys.stdout/stderr/stdin and time.sleep routed through the JS half.

Writes go out unbuffered (print(end="") shows at once); the worker batches
them. stdin reads a line through the embedder's stdin callback.
"""

import io
import sys
import time

import _pyrt


class JsWriter(io.TextIOBase):
    def __init__(self, fd: int, name: str):
        self._fd = fd
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    @property
    def encoding(self) -> str:
        return "utf-8"

    @property
    def errors(self) -> str:
        return "surrogateescape"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            try:
                _pyrt.write(self._fd, text)
            except UnicodeEncodeError:  # lone surrogates are shown as "?"
                _pyrt.write(self._fd, text.encode("utf-8", "replace").decode("utf-8"))
        return len(text)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd


class JsReader(io.TextIOBase):
    name = "<stdin>"
    encoding = "utf-8"

    def readable(self) -> bool:
        return True

    def readline(self, size: int = -1) -> str:
        line = _pyrt.read_line()
        if line and not line.endswith("\n"):
            line += "\n"
        return line

    def read(self, size: int = -1) -> str:
        chunks = []
        while line := self.readline():
            chunks.append(line)
        return "".join(chunks)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 0


def install() -> None:
    sys.stdout = sys.__stdout__ = JsWriter(1, "<stdout>")
    sys.stderr = sys.__stderr__ = JsWriter(2, "<stderr>")
    sys.stdin = sys.__stdin__ = JsReader()
    time.sleep = _pyrt.sleep
