"""sys.stdout/stderr/stdin and time.sleep routed through the JS half.

Writes go out unbuffered (print(end="") shows at once); the worker batches
them. stdin reads a line through the embedder's stdin callback. Each stream
has a binary `buffer`, as CPython's do (`sys.stdout.buffer.write(b"...")` and
`sys.stdin.buffer.readline()` are common in contest code).
"""

import codecs
import io
import sys
import time

import _pyrt


class JsWriter(io.TextIOBase):
    def __init__(self, fd: int, name: str):
        self._fd = fd
        self._name = name
        self._buffer = _BytesWriter(self)

    @property
    def buffer(self) -> io.BufferedIOBase:
        return self._buffer

    def reconfigure(self, **options: object) -> None:
        """Accepted and ignored: the console shows text whatever the encoding or buffering asked for."""

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


class _BytesWriter(io.BufferedIOBase):
    """`sys.stdout.buffer`: bytes, decoded as UTF-8 on their way to the console (a character split across two
    writes is held until its last byte comes)."""

    def __init__(self, text: JsWriter):
        self._text = text
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001 - any bytes-like object
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = memoryview(data).cast("B")
        text = self._decoder.decode(data)
        if text:
            self._text.write(text)
        return len(data)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._text.fileno()


class JsReader(io.TextIOBase):
    name = "<stdin>"
    encoding = "utf-8"

    def __init__(self):
        # The rest of the line last read, when read(size) or readline(size) took only part of it.
        self._pending = ""
        self._buffer = io.BufferedReader(_BytesReader(self))

    @property
    def buffer(self) -> io.BufferedIOBase:
        return self._buffer

    def readable(self) -> bool:
        return True

    def _read_line(self) -> str:
        """One line from the embedder's stdin, "" at end of input (a console may check for Ctrl+C here)."""
        return _pyrt.read_line()

    def _fill(self) -> bool:
        """Reads a line if none is pending; False at end of input."""
        if not self._pending:
            line = self._read_line()
            if line and not line.endswith("\n"):
                line += "\n"
            self._pending = line
        return bool(self._pending)

    def readline(self, size: int | None = -1) -> str:
        if size == 0 or not self._fill():
            return ""
        end = len(self._pending) if size is None or size < 0 else min(size, len(self._pending))
        line, self._pending = self._pending[:end], self._pending[end:]
        return line

    def read(self, size: int | None = -1) -> str:
        chunks = []
        if size is None or size < 0:
            while line := self.readline():
                chunks.append(line)
        else:
            while size > 0 and self._fill():
                chunks.append(self._pending[:size])
                self._pending = self._pending[size:]
                size -= len(chunks[-1])
        return "".join(chunks)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 0


class _BytesReader(io.RawIOBase):
    """The raw stream under `sys.stdin.buffer`: the console's lines, encoded as UTF-8."""

    def __init__(self, text: JsReader):
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable bytes-like object
        if not self._pending:
            self._pending = self._text.readline().encode("utf-8", "surrogateescape")
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._text.fileno()


def install() -> None:
    sys.stdout = sys.__stdout__ = JsWriter(1, "<stdout>")
    sys.stderr = sys.__stderr__ = JsWriter(2, "<stderr>")
    sys.stdin = sys.__stdin__ = JsReader()
    time.sleep = _pyrt.sleep
