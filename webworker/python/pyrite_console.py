"""The worker's console logic, run inside CPython as the module ``_pyrite_console``.

The worker talks to it only through ``runPythonAsync`` with JSON strings in and out, so it depends on nothing but
strings crossing the JS/Python boundary. User code runs in ``__main__``'s namespace, compiled in ``single`` mode
for the console (expression values are echoed by ``sys.displayhook`` and stored in ``_``, as in CPython's REPL)
and with top-level ``await`` allowed.

Checking, completion and compiling an input statement by statement come from the runtime's ``pyodide.console``;
running stays here because the console needs more than ``run_interactive`` gives: each input gets its own
``<input-N>`` name, an ``await`` can be cancelled by an interrupt message, and ``input()`` can be interrupted.
"""

import builtins
import io
import os
import sys
import time

from _pyrite import after_import
from _pyrite.stdio import JsReader
from _pyrt import PyCF_ALLOW_TOP_LEVEL_AWAIT as _TOP_LEVEL_AWAIT
from pyodide.console import check_source as _check_source
from pyodide.console import compile_interactive
from pyodide.console import complete as _complete
from pyodide.console import format_exception
from pyodide.console import warm_up as _warm_up_console

# inspect.CO_COROUTINE: asyncio and inspect are imported on the first await, not at start-up
# (the worker imports asyncio once it has reported ready, while the user reads the banner).
_CO_COROUTINE = 0x0080
# Frames of this module are trimmed from tracebacks shown to the user.
HELPER_FILENAME = "<pyrite-console>"
MAX_COMPLETIONS = 500
KEYBOARD_INTERRUPT = {
    "kind": "python",
    "type": "KeyboardInterrupt",
    "message": "",
    "frames": [],
    "formatted": "KeyboardInterrupt\n",
}

_input_counter = 0
# The task of the input that is suspended in ``await``, so an interrupt message can cancel it.
_current_task = None
_interrupt_requested = False
_main = sys.modules["__main__"]
_pristine_keys = frozenset(_main.__dict__)


class _InterruptibleStdin(JsReader):
    """sys.stdin for the console: a read the user ends with Ctrl+C raises KeyboardInterrupt right there.

    The worker's stdin callback answers an interrupted read with end of file and raises a flag that
    ``_pyrite_worker.take_input_interrupt()`` (a JS module registered by the worker) reports once. Relying on the
    interrupt buffer instead would raise the KeyboardInterrupt at some later bytecode, possibly in our own code.
    Every read, text or ``sys.stdin.buffer``, whole or partial, gets its lines from ``_read_line``.
    """

    def fileno(self):
        # No file descriptor: keeps input() on the sys.stdin.readline() path, where the check below runs.
        raise io.UnsupportedOperation("fileno")

    def _read_line(self):
        line = super()._read_line()
        if not line and _take_input_interrupt():
            raise KeyboardInterrupt
        return line


def _take_input_interrupt():
    try:
        import _pyrite_worker
    except ImportError:  # Not running under the worker (tests of this module): no interrupts to report.
        return False
    return bool(_pyrite_worker.take_input_interrupt())


sys.stdin = _InterruptibleStdin()

# As in CPython's REPL: code tells an interactive session by hasattr(sys, "ps1"), and may set its own prompts.
_DEFAULT_PROMPTS = {"ps1": ">>> ", "ps2": "... "}
for _name, _prompt in _DEFAULT_PROMPTS.items():
    if not hasattr(sys, _name):
        setattr(sys, _name, _prompt)
del _name, _prompt


def _set_input_echo(echo):
    """Whether the page shows what is typed for the next reads (the worker says so in its input requests)."""
    try:
        import _pyrite_worker
    except ImportError:  # Not running under the worker (tests of this module): nothing is shown anyway.
        return
    _pyrite_worker.set_input_echo(echo)


def _hook_getpass(getpass):
    """getpass.getpass() reads the password without showing it, as in a terminal. The console has no tty whose echo
    getpass could turn off, so getpass would warn (GetPassWarning) and read the line shown; the console's line editor
    reads it hidden instead. Once the module is imported (``after_import``)."""
    standard = getpass.getpass

    def console_getpass(prompt="Password: ", stream=None):
        if not isinstance(sys.stdin, _InterruptibleStdin):  # stdin replaced (a test feeding lines): as before
            return standard(prompt, stream)
        stream = stream if stream is not None else sys.stdout
        stream.write(prompt)
        stream.flush()
        _set_input_echo(False)
        try:
            line = sys.stdin.readline()
        finally:
            _set_input_echo(True)
        if not line:
            raise EOFError
        # The line editor ended the line on screen: no newline to write, unlike getpass with its echo off.
        return line[:-1] if line.endswith("\n") else line

    console_getpass.__doc__ = standard.__doc__
    getpass.getpass = console_getpass


after_import("getpass", _hook_getpass)


def _hook_webbrowser(webbrowser):
    """webbrowser.open(url) prints the address for the user to click (the console makes links clickable) and returns
    True: the worker Python runs in can open no tab itself, and without a browser to use webbrowser did nothing and
    returned False. Registered as the preferred browser once the module is imported (``after_import``), so
    webbrowser.get() and open_new_tab() use it too."""

    class ConsoleBrowser(webbrowser.BaseBrowser):
        """Prints the address to open, on a line of its own."""

        def open(self, url, new=0, autoraise=True):
            sys.audit("webbrowser.open", url)
            print(f"Open in your browser: {url}", flush=True)
            return True

    webbrowser.register("console", None, ConsoleBrowser("console"), preferred=True)


after_import("webbrowser", _hook_webbrowser)


# json (with re, ~20 modules) is imported by the first request, or ahead of it by warm_up(): the worker reports
# ready, and so shows the prompt, before any of this module's imports beyond start-up's.
def _loads(payload):
    import json

    return json.loads(payload)


def _dumps(value):
    import json

    return json.dumps(value)


def warm_up():
    """Imports what the requests use (json, and what checking, compiling and completing need), so that the first
    input does not wait for it; the worker calls this once ready has been reported."""
    import json  # noqa: F401

    _warm_up_console()


def check(payload):
    """'complete', 'incomplete' (the console should ask for a continuation line) or 'error'.

    A block of several statements (a paste, a block recalled from history) is complete once it parses.
    """
    return _dumps({"status": _check_source(_loads(payload)["source"])})


def _next_filename(source, filename=None):
    """A unique name per input (or the caller's, e.g. ``<editor>``)."""
    global _input_counter
    if filename is None:
        filename = f"<input-{_input_counter}>"
        _input_counter += 1
    return filename


# A shell's package install typed at the prompt: `pip install x`, `pip3 install -U x`, `%pip install x`,
# `!pip install x`, `python -m pip install x`.
_PIP_INSTALL = r"\s*[%!]?(?:python3?\s+-m\s+)?pip3?\s+install\s+(?P<args>.*?)\s*"


def _install_with_micropip(what):
    """The lines that install `what` (a name or a list of names) at this prompt."""
    return f"    import micropip\n    await micropip.install({what!r})"


def _pip_install_advice(command):
    """For a shell's `pip install x` (typed at the prompt, or given to os.system): what to run here instead."""
    import re  # not at start-up: the console imports its working modules on first use

    match = re.fullmatch(_PIP_INSTALL, command)
    if match is None:
        return None
    names = [arg for arg in match["args"].split() if not arg.startswith("-")]
    if not names:
        return None
    return "To install packages of Python code from PyPI here, run:\n" + (
        _install_with_micropip(names[0] if len(names) == 1 else names)
    )


def _pip_hint(exc):
    """For `pip install x` at the prompt (a SyntaxError in Python), a note saying how to install here."""
    if not isinstance(exc, SyntaxError) or not exc.text:
        return None
    advice = _pip_install_advice(exc.text)
    return None if advice is None else "pip is a command for a shell, not Python. " + advice


def _missing_module_hint(exc):
    """For `import requests` (a top-level module that is neither here nor in the standard library), a note saying
    that packages of Python code can be installed from PyPI."""
    if type(exc) is not ModuleNotFoundError or not exc.name or "." in exc.name:
        return None
    if exc.name in sys.stdlib_module_names or not exc.name.isidentifier():
        return None
    intro = f"If {exc.name!r} is a package of Python code on PyPI, install it first:\n"
    return intro + _install_with_micropip(exc.name)


def _time_zone_hint(exc):
    """For zoneinfo.ZoneInfo("Europe/Paris"): the time zone database is a package on PyPI, not in this download."""
    zoneinfo = sys.modules.get("zoneinfo")
    if zoneinfo is None or not isinstance(exc, zoneinfo.ZoneInfoNotFoundError):
        return None
    try:
        import tzdata  # noqa: F401 - installed: the key itself is wrong
    except ImportError:
        return "The time zone database is not included here. Install it first:\n" + _install_with_micropip("tzdata")
    return None


# Standard modules a desktop Python has and this one cannot: what to use instead.
_UNAVAILABLE_MODULES = {
    "tkinter": "tkinter needs a desktop window system, which a browser page does not have. "
    "The turtle module draws here: import turtle",
    "multiprocessing": "A browser page cannot start processes, so multiprocessing is not available here: "
    "run the work in this Python, or use asyncio for work that waits.",
}


def _browser_limit_hint(exc):
    """For what a desktop Python does and this one cannot (threads, processes, tkinter, IPython's % and ! lines):
    a note saying so and what to use instead, since the bare error leaves a beginner guessing."""
    if type(exc) is ModuleNotFoundError and exc.name:
        return _UNAVAILABLE_MODULES.get(exc.name.split(".")[0].lstrip("_"))
    if type(exc) is RuntimeError and str(exc) == "can't start new thread":
        return (
            "Threads cannot be started here: this Python runs in one thread of the browser page. "
            "Call the function directly, or use asyncio for work that waits."
        )
    if isinstance(exc, SyntaxError) and exc.text and exc.text.lstrip()[:1] in ("%", "!"):
        return (
            "Lines starting with % or ! are commands of IPython and Jupyter, not Python; this prompt runs Python as "
            "CPython's does (for %timeit: import timeit; timeit.timeit('...', number=1000))."
        )
    if _from_socket_connect(exc):
        return (
            "A browser gives Python no network sockets, so connections cannot be opened here (nor by packages such as "
            "requests). For HTTP and HTTPS, urllib.request.urlopen(url) works: here it goes through the browser "
            "(a server of another origin must allow it: CORS)."
        )
    return None


def _from_socket_connect(exc):
    """Whether `exc` is a connection the socket module failed to open, or was raised from one: explicitly (``raise
    ... from``, as urllib3 does) or, for an error that is itself an OSError, while handling it (requests'
    ConnectionError). Another error raised while handling one (a NameError in the ``except``) is not."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and _is_socket_connect_error(exc):
            return True
        seen += 1
        if exc.__cause__ is not None:
            exc = exc.__cause__
        elif isinstance(exc, OSError) and not exc.__suppress_context__:
            exc = exc.__context__
        else:
            return False
    return False


def _is_socket_connect_error(exc):
    """A socket's connect() in the browser reports EINPROGRESS (BlockingIOError), which only a connect does, or with
    a timeout set, socket.timeout; the errors of socket.create_connection (its name lookup, its timeout) are raised in
    the socket module, inside that function."""
    socket = sys.modules.get("socket")
    if socket is None:
        return False
    import errno

    if isinstance(exc, BlockingIOError) and exc.errno == errno.EINPROGRESS:
        return True
    # socket.timeout, which connect() raises once settimeout() was called (asyncio's TimeoutError has no message).
    if type(exc) is TimeoutError and exc.args == ("timed out",):
        return True
    # The file name create_connection was compiled with (socket.__file__ names the .pyc the standard library ships).
    create_connection = getattr(socket, "create_connection", None)
    module_file = getattr(getattr(create_connection, "__code__", None), "co_filename", None)
    in_create_connection = in_socket_module = False
    traceback = exc.__traceback__
    while traceback is not None:
        code = traceback.tb_frame.f_code
        in_socket_module = code.co_filename == module_file
        in_create_connection = in_create_connection or (in_socket_module and code.co_name == "create_connection")
        traceback = traceback.tb_next
    return in_create_connection and in_socket_module


# Globals of a page's window that a Web Worker's global object does not have.
_PAGE_ONLY_NAMES = frozenset({"document", "window", "alert", "prompt", "confirm", "localStorage", "sessionStorage"})


def _page_only_name(exc):
    """The page-only name that `from js import document`, `import js.document` or `js.document` failed to find, or
    None for any other error."""
    if type(exc) is ImportError and exc.name == "js":
        # from js import document: "cannot import name 'document' from 'js' (unknown location)"
        message = str(exc)
        name = message.removeprefix("cannot import name '").partition("'")[0]
        found = name in _PAGE_ONLY_NAMES and message.startswith(f"cannot import name '{name}' from 'js'")
        return name if found else None
    if type(exc) is ModuleNotFoundError and exc.name and exc.name.startswith("js."):
        name = exc.name.split(".")[1]
        return name if name in _PAGE_ONLY_NAMES else None
    if type(exc) is AttributeError and exc.name in _PAGE_ONLY_NAMES:
        # js.document: raised by the js module's __getattr__ (_pyrite/jsfinder.py), the innermost frame.
        from _pyrite.jsfinder import JsModule

        traceback = exc.__traceback__
        while traceback is not None and traceback.tb_next is not None:
            traceback = traceback.tb_next
        if traceback is None or traceback.tb_frame.f_code is not JsModule.__getattr__.__code__:
            return None
        module = traceback.tb_frame.f_locals.get("self")
        return exc.name if isinstance(module, JsModule) and module.__name__ == "js" else None
    return None


def _worker_global_hint(exc):
    """For `from js import document` (window, alert, localStorage, ...): Python runs in a Web Worker, which has none
    of the page's globals; what works instead."""
    if _page_only_name(exc) is None:
        return None
    return (
        "Python runs here in a Web Worker, apart from the page: the page's document, window, alert(), prompt(), "
        "confirm() and storage are out of its reach. Use print() and input() for text (input() instead of prompt()) "
        "and the turtle module for drawing; js.fetch and js.console do work here."
    )


def _error_payload(exc):
    """The protocol's PythonErrorData, from the runtime's error data without this module's frames."""
    hint = (
        _pip_hint(exc)
        or _missing_module_hint(exc)
        or _time_zone_hint(exc)
        or _browser_limit_hint(exc)
        or _worker_global_hint(exc)
    )
    if hint is not None and hint not in getattr(exc, "__notes__", ()):
        exc.add_note(hint)
    data = format_exception(exc, hidden_files=(HELPER_FILENAME,))
    if sys.excepthook is not sys.__excepthook__ and not isinstance(exc, SystemExit):
        data["text"] = _with_excepthook(exc, data["text"])
    return {
        "kind": "python",
        "type": data["type"],
        "message": data["message"],
        "frames": [{"filename": f["filename"], "lineno": f["lineno"], "name": f["name"]} for f in data["frames"]],
        "formatted": data["text"],
    }


def _compiled(source, filename, mode):
    """The input's code objects, one at a time (a statement runs before the next is compiled, as in CPython's REPL).
    A SyntaxError comes from the parser or the compiler, not from the user's code: as in CPython, it is shown without
    a traceback (the frames would be the console's and ast's)."""
    statements = iter(_compile(source, filename, mode))
    while True:
        try:
            code = next(statements)
        except StopIteration:
            return
        except SyntaxError as exc:
            raise exc.with_traceback(None) from None
        yield code


def _exiting(exc):
    """What CPython does as it exits on SystemExit: a code that is not a number is printed (``sys.exit("message")``)
    and the ``atexit`` functions run. The console then starts a fresh Python."""
    code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    import atexit

    atexit._run_exitfuncs()
    _flush_streams()


def _with_excepthook(exc, formatted):
    """A sys.excepthook the user set (rich.traceback.install(), ...) shows the error itself, as in CPython's REPL:
    the console then prints nothing more. If the hook fails, both errors are shown, as CPython shows them."""
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    except BaseException as hook_error:  # noqa: B036 - a failing hook is reported, whatever it raised
        hook_text = format_exception(hook_error, hidden_files=(HELPER_FILENAME,))["text"]
        return f"Error in sys.excepthook:\n{hook_text}\nOriginal exception was:\n{formatted}"
    finally:
        _flush_streams()
    return ""


def _flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # A user may have replaced or closed the stream; output is best effort.
            pass


def _compile(source, filename, mode):
    """The code objects of one input: in 'single' mode one per top-level statement, as CPython's REPL does, so a
    pasted block of several statements echoes each expression's value."""
    if mode == "single":
        return compile_interactive(source, filename)
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return [compile(source, filename, mode, flags=_TOP_LEVEL_AWAIT, dont_inherit=True)]


async def run(payload):
    """Runs one input. Returns JSON: {"ok": true, "durationMs": n} or {"ok": false, "error": {...}}, with "prompts":
    {"ps1", "ps2"} to show next."""
    started = time.monotonic()
    try:
        try:
            # Inside the try: a Ctrl+C pressed before the run started is already in the interrupt buffer and may
            # fire here, before the user's code.
            request = _loads(payload)
            source, mode, filename = request["code"], request["mode"], request.get("filename")
            # Like CPython's REPL, end the input with a newline: 'single' mode needs it after a compound statement.
            if not source.endswith("\n"):
                source += "\n"
            for code in _compiled(source, _next_filename(source, filename), mode):
                with _DeferredDisplay() as deferred:
                    result = eval(code, _main.__dict__)
                    # With top-level await, eval returns the coroutine that runs the input.
                    if code.co_flags & _CO_COROUTINE:
                        await _await_interruptibly(result)
                for future in deferred.futures:
                    sys.displayhook(await _await_interruptibly(future))
        finally:
            _flush_streams()
    except BaseException as exc:  # noqa: B036 - everything the user's code raises is reported, even SystemExit.
        # As CPython's REPL does: the last error stays for inspection, and for pdb.pm() to debug where it happened.
        sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
        try:
            if isinstance(exc, SystemExit):
                _exiting(exc)
            error = _error_payload(exc)
        except KeyboardInterrupt:
            # Ctrl+C during input() arrives just after the read returned: report the interrupt, as a terminal does.
            error = KEYBOARD_INTERRUPT
        return _dumps({"ok": False, "error": error, "prompts": _prompts()})
    duration = (time.monotonic() - started) * 1000
    return _dumps({"ok": True, "durationMs": duration, "prompts": _prompts()})


def _prompts():
    """The prompts the console shows next: str(sys.ps1) and str(sys.ps2), taken anew after each input as CPython's
    REPL takes them before each prompt (a prompt object may count inputs); the default for one that is missing or
    whose str() fails."""
    prompts = {}
    for name, default in _DEFAULT_PROMPTS.items():
        try:
            prompts[name] = str(getattr(sys, name))
        except BaseException:  # noqa: B036 - whatever the user's __str__ raises, even Ctrl+C, the console goes on
            prompts[name] = default
    return prompts


class _DeferredDisplay:
    """While a statement runs, keeps back an echoed value that ``asyncio.run()`` or ``run_until_complete()``
    returned: they cannot block in the browser, so they return the task they started, and the console shows the
    task's result once it has finished instead, as the call would have returned it (Ctrl+C cancels it)."""

    def __enter__(self):
        self.futures = []
        self._hook = sys.displayhook
        # One bound method, kept: `self._display` makes a new one at each access, which `is` would never match.
        self._installed = self._display
        sys.displayhook = self._installed
        return self

    def __exit__(self, *exc_info):
        if sys.displayhook is self._installed:  # unless the statement set a hook of its own
            sys.displayhook = self._hook

    def _display(self, value):
        webloop = sys.modules.get("_pyrite.webloop")
        if webloop is not None and webloop.was_started_by_run(value):
            self.futures.append(value)
        else:
            self._hook(value)


async def _await_interruptibly(awaitable):
    """Awaits the input (or a future it started) as a task that ``interrupt()`` can cancel; the cancellation
    surfaces as KeyboardInterrupt. Returns its result."""
    global _current_task, _interrupt_requested
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # The runtime drives coroutines without an asyncio loop: await directly.
        return await awaitable
    _interrupt_requested = False
    _current_task = asyncio.ensure_future(awaitable)
    try:
        return await _current_task
    except asyncio.CancelledError as exc:
        from _pyrite.webloop import is_interrupt

        if _interrupt_requested or is_interrupt(exc):
            raise KeyboardInterrupt from None
        raise
    finally:
        _current_task = None


def write_file(payload):
    """Writes the file the user uploaded into the working directory, under the last component of its name.

    The bytes come from the worker (``_pyrite_worker.take_upload()``). Returns JSON: {"ok": true, "path", "bytes"}
    or {"ok": false, "error": {...}} (a name that is no file name, a folder in the way, ...).
    """
    try:
        name = _loads(payload)["name"]
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if base in ("", ".", "..") or "\x00" in base:
            raise ValueError(f"not a file name: {name!r}")
        import _pyrite_worker

        data = _pyrite_worker.take_upload()
        if data is None:
            raise ValueError("no file is being uploaded")
        content = bytes(data.to_py())
        path = os.path.join(os.getcwd(), base)
        with open(path, "wb") as f:
            f.write(content)
    except Exception as exc:  # noqa: BLE001 - reported to the page as the failure
        return _dumps({"ok": False, "error": _error_payload(exc)})
    return _dumps({"ok": True, "path": path, "bytes": len(content)})


# The Download menu lists this many files at most (MAX_LISTED_FILES in webworker/protocol/messages.ts); the listing
# holds one more when there are more, which tells the page that some were left out.
_DOWNLOAD_LISTED_FILES = 500


def _download_order(path):
    """Files at the top first, then folder by folder (each folder's files before its subfolders'), by name."""
    folder, _, name = path.rpartition("/")
    return (folder.split("/") if folder else [], name)


def list_files(_payload="{}"):
    """The regular files under the working directory, recursively, as paths relative to it with ``/``
    (``output/results.csv``); links are not followed and ``__pycache__`` is left out. Read breadth first, by name,
    up to ``_DOWNLOAD_LISTED_FILES`` files (what is left out is deepest), sorted by ``_download_order``, then one
    more when there are more. JSON: {"ok": true, "folder", "files": [{"name", "bytes"}]} or
    {"ok": false, "error": {...}}."""
    try:
        folder = os.getcwd()
        files, folders = [], [""]
        while folders and len(files) <= _DOWNLOAD_LISTED_FILES:
            relative = folders.pop(0)
            try:
                with os.scandir(os.path.join(folder, relative)) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError:
                if not relative:
                    raise  # the working directory itself: said to the user
                continue  # a subfolder that cannot be read
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            folders.append(path)
                    elif entry.is_file(follow_symlinks=False):
                        files.append({"name": path, "bytes": entry.stat(follow_symlinks=False).st_size})
                except OSError:
                    continue  # gone since the scan
                if len(files) > _DOWNLOAD_LISTED_FILES:
                    break
        # The one past the cap stays last: the page shows the others.
        shown = sorted(files[:_DOWNLOAD_LISTED_FILES], key=lambda file: _download_order(file["name"]))
        files = shown + files[_DOWNLOAD_LISTED_FILES:]
    except Exception as exc:  # noqa: BLE001 - reported to the page as the failure
        return _dumps({"ok": False, "error": _error_payload(exc)})
    return _dumps({"ok": True, "folder": folder, "files": files})


def _download_path(name):
    """The real path of ``name``, a path relative to the working directory, when it stays inside it once links are
    resolved; ValueError otherwise (an absolute path, ``..`` out of it, NUL, empty)."""
    root = os.path.realpath(os.getcwd())
    if not name or "\x00" in name or os.path.isabs(name):
        raise ValueError(f"not a file of the working directory: {name!r}")
    target = os.path.realpath(os.path.join(root, name))
    if target == root or os.path.commonpath([root, target]) != root:
        raise ValueError(f"not a file of the working directory: {name!r}")
    return target


def read_file(payload):
    """Hands a file under the working directory, named by its path relative to it (as ``list_files`` gives it), to
    the worker (``_pyrite_worker.put_download()``) for the user to download; a path out of the working directory is
    refused. JSON: {"ok": true, "name"} or {"ok": false, "error": {...}}."""
    try:
        name = _loads(payload)["name"]
        with open(_download_path(name), "rb") as f:
            content = f.read()
        import _pyrite_worker
        from pyodide import to_js

        _pyrite_worker.put_download(to_js(content))
    except Exception as exc:  # noqa: BLE001 - reported to the page as the failure
        return _dumps({"ok": False, "error": _error_payload(exc)})
    return _dumps({"ok": True, "name": name})


# Where micropip installs (micropip/_install.py), and the distributions there after the last report to the worker.
_SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
_reported_distributions = ()


def _distributions():
    """The distributions in site-packages, as their .dist-info folder names, sorted."""
    try:
        return tuple(sorted(name for name in os.listdir(_SITE_PACKAGES) if name.endswith(".dist-info")))
    except FileNotFoundError:
        return ()


def _described(distributions):
    """`name version` for each distribution (from `name-version.dist-info`)."""
    return [name[: -len(".dist-info")].replace("-", " ", 1) for name in distributions]


def site_packages_change(_payload="{}"):
    """After a run: whether the packages installed in site-packages changed (micropip.install, uninstall). If so,
    hands a zip of site-packages to the worker (``_pyrite_worker.put_site_packages``; None when empty), which the
    page keeps for the next Python after a restart. JSON: {"changed": bool, "packages": [...]}."""
    global _reported_distributions
    if "micropip" not in sys.modules:  # nothing can have installed a package (restored ones are reported already)
        return _dumps({"changed": False, "packages": []})
    current = _distributions()
    if current == _reported_distributions:
        return _dumps({"changed": False, "packages": _described(current)})
    import _pyrite_worker
    from pyodide import to_js

    _pyrite_worker.put_site_packages(to_js(_zip_folder(_SITE_PACKAGES)) if current else None)
    _reported_distributions = current
    return _dumps({"changed": True, "packages": _described(current)})


def _zip_folder(folder):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = os.path.join(root, name)
                archive.write(path, os.path.relpath(path, folder))
    return buffer.getvalue()


def restore_site_packages(_payload="{}"):
    """Puts back the packages of the Python this one replaces: the zip of site-packages the worker holds
    (``_pyrite_worker.take_upload()``). JSON: {"ok": true, "packages": [...]} or {"ok": false, "error": {...}}."""
    global _reported_distributions
    try:
        import importlib
        import io
        import zipfile

        import _pyrite_worker

        data = _pyrite_worker.take_upload()
        if data is None:
            raise ValueError("no packages to restore")
        root = os.path.realpath(_SITE_PACKAGES)
        with zipfile.ZipFile(io.BytesIO(bytes(data.to_py()))) as archive:
            for member in archive.namelist():
                target = os.path.realpath(os.path.join(root, member))
                if not target.startswith(root + os.sep):
                    raise ValueError(f"a path outside site-packages in the archive: {member!r}")
            archive.extractall(root)
        if _SITE_PACKAGES not in sys.path:
            sys.path.append(_SITE_PACKAGES)
        importlib.invalidate_caches()
        _reported_distributions = _distributions()
    except Exception as exc:  # noqa: BLE001 - reported to the page as the failure
        return _dumps({"ok": False, "error": _error_payload(exc)})
    return _dumps({"ok": True, "packages": _described(_reported_distributions)})


# The working folder the page keeps for the next visit (the folder Python starts in, not wherever a program
# chdir()s to), with the caps on what is kept: a page's storage is limited, and all of it is sent to every new Python.
_WORKING_FOLDER = os.getcwd()
MAX_KEPT_FILE_BYTES = 20_000_000  # as app/client/persistence.ts says them
MAX_KEPT_TOTAL_BYTES = 50_000_000
MAX_KEPT_FILES = 1000
# A listing stops after this many entries, so that a folder of a million files does not slow every run.
_MAX_LISTED = 5000
# What the page has: path -> ((size, mtime_ns, inode), crc32 of the content or None) as last reported; the last listing;
# the kept paths whose time was in the second of that listing; the skipped files last reported.
_kept_files = {}
_last_listing = None
_racy_paths = frozenset()
_last_skipped = []


def _list_working_folder():
    """path -> (size, mtime_ns, inode) of the regular files under the working folder, recursively: a program's
    output in a subfolder is the user's work too. Links are not followed and __pycache__ is left out."""
    found = {}
    folders = [""]
    listed = 0
    while folders and listed < _MAX_LISTED:
        folder = folders.pop()
        try:
            with os.scandir(os.path.join(_WORKING_FOLDER, folder)) as entries:
                for entry in entries:
                    listed += 1
                    if listed > _MAX_LISTED:
                        break
                    path = f"{folder}/{entry.name}" if folder else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            folders.append(path)
                    elif entry.is_file(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            continue
    return found


def _choose_kept(listing):
    """The paths kept (smallest first, so one big file does not push out many small ones, within the caps) and the
    files skipped as [{"path", "bytes"}], sorted by path."""
    kept, skipped, total = set(), [], 0
    for path, (size, _mtime, _ino) in sorted(listing.items(), key=lambda item: (item[1][0], item[0])):
        if size <= MAX_KEPT_FILE_BYTES and total + size <= MAX_KEPT_TOTAL_BYTES and len(kept) < MAX_KEPT_FILES:
            kept.add(path)
            total += size
        else:
            skipped.append({"path": path, "bytes": size})
    return kept, sorted(skipped, key=lambda file: file["path"])


def working_files_change(_payload="{}"):
    """After a run or an upload: what changed in the working folder since the last report. A listing (sizes, times,
    inodes) tells; only the files new or changed are read, and their bytes handed to the worker in order
    (``_pyrite_worker.put_kept_file``). The file system keeps times to the second, so a file whose time was in the
    second of the last listing ("racy", as git calls it) is read again and its CRC compared: a rewrite of the same
    size in that second is not missed. JSON: {"changed": false} or {"changed": true, "files": [{"path", "mtimeMs"}],
    "removed": [...], "skipped": [{"path", "bytes"}]}."""
    global _kept_files, _last_listing, _racy_paths, _last_skipped
    listed_at = int(time.time())
    listing = _list_working_folder()
    if listing == _last_listing and not _racy_paths:
        return _dumps({"changed": False})
    import zlib

    kept, skipped = _choose_kept(listing)
    files, now_kept = [], {}
    for path in sorted(kept):
        signature = listing[path]
        previous = _kept_files.get(path)
        same = previous is not None and previous[0] == signature
        if same and path not in _racy_paths:
            now_kept[path] = previous
            continue
        try:
            with open(os.path.join(_WORKING_FOLDER, path), "rb") as f:
                content = f.read()
        except OSError:
            continue  # gone or unreadable since the listing: the next report tries again
        crc = zlib.crc32(content)
        if same and previous[1] == crc:
            now_kept[path] = previous
            continue
        import _pyrite_worker
        from pyodide import to_js

        _pyrite_worker.put_kept_file(to_js(content))
        files.append({"path": path, "mtimeMs": signature[1] // 1_000_000})
        now_kept[path] = (signature, crc)
    removed = sorted(path for path in _kept_files if path not in now_kept)
    _kept_files = now_kept
    _last_listing = listing
    _racy_paths = frozenset(path for path, (signature, _crc) in now_kept.items() if signature[1] // 10**9 >= listed_at)
    if not files and not removed and skipped == _last_skipped:
        return _dumps({"changed": False})
    _last_skipped = skipped
    return _dumps({"changed": True, "files": files, "removed": removed, "skipped": skipped})


def restore_files(payload):
    """Puts back the working folder's files the page kept (their bytes from ``_pyrite_worker.take_kept_file(i)``,
    in the payload's order), with their modification times. JSON:
    {"files": n written, "failed": [paths]}."""
    global _kept_files, _last_listing, _racy_paths, _last_skipped
    import _pyrite_worker

    request = _loads(payload)
    written, failed = 0, []
    root = os.path.realpath(_WORKING_FOLDER)
    for index, file in enumerate(request["files"]):
        path = file["path"]
        try:
            target = os.path.realpath(os.path.join(root, path))
            if os.path.isabs(path) or "\x00" in path or not target.startswith(root + os.sep):
                raise ValueError(f"not a path in the working folder: {path!r}")
            data = _pyrite_worker.take_kept_file(index)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(bytes(data.to_py()))
            mtime_ns = int(file["mtimeMs"]) * 1_000_000
            os.utime(target, ns=(mtime_ns, mtime_ns))
            written += 1
        except Exception:  # noqa: BLE001 - said to the page as a path that failed
            failed.append(path)
    # The page has what it sent: the report after this one sends only what differs, and drops what failed (no
    # signature: reported as removed). Restored times are older than this second, so none is racy.
    listing = _list_working_folder()
    _kept_files = {file["path"]: (listing.get(file["path"]), None) for file in request["files"]}
    _last_listing = None
    _racy_paths = frozenset()
    _last_skipped = []
    return _dumps({"files": written, "failed": failed})


def interrupt(_payload="{}"):
    """Cancels an input suspended in ``await``. Synchronous code is interrupted through the interrupt buffer."""
    global _interrupt_requested
    if _current_task is not None and not _current_task.done():
        _interrupt_requested = True
        _current_task.cancel()
    return _dumps({})


def complete(payload):
    """Completions for the word before the cursor (names, attributes, modules after ``import``):
    JSON {"matches": [...], "start": n}."""
    request = _loads(payload)
    try:
        matches, start = _complete(request["line"], request["cursor"], _main.__dict__)
    except Exception:  # Attribute lookups run user code (properties, __getattr__); a failure means no matches.
        matches, start = [], request["cursor"]
    return _dumps({"matches": matches[:MAX_COMPLETIONS], "start": start})


def reset(_payload="{}"):
    """Empties the session namespace back to what a fresh ``__main__`` holds."""
    namespace = _main.__dict__
    for key in [k for k in namespace if k not in _pristine_keys]:
        del namespace[key]
    if hasattr(builtins, "_"):
        del builtins._
    return _dumps({})


def set_terminal_size(columns, rows):
    """The terminal's size, for ``shutil.get_terminal_size()`` (reads COLUMNS/LINES) and ``os.get_terminal_size()``.

    Plain ints instead of a JSON request: the worker calls this right after ready, before ``warm_up()``."""
    os.environ["COLUMNS"] = str(int(columns))
    os.environ["LINES"] = str(int(rows))


def _get_terminal_size(fd=1):
    """``os.get_terminal_size`` for the browser terminal: there is no tty to ask, the page reports its size."""
    return os.terminal_size((int(os.environ.get("COLUMNS", 80)), int(os.environ.get("LINES", 24))))


os.get_terminal_size = _get_terminal_size

# What a terminal's `clear` writes: cursor home, erase the screen, erase the scrollback (as Ctrl+L does here).
_CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"
# What os.system returned before: Emscripten's system() has no shell to run a command with.
_NO_SHELL_STATUS = -1


def _system(command):
    """``os.system`` for the browser, which has no shell: ``clear`` and ``cls`` (the screen clearing of so many
    programs) clear the console and return 0; any other command says on stderr that it cannot run, and for
    ``pip install x`` what to run instead, then returns the failure status os.system gave before. As a shell's output
    does, this goes to the console, not to a replaced sys.stdout/stderr."""
    command = os.fsdecode(command)
    for stream in (sys.stdout, sys.stderr):  # what was printed before the command comes first
        try:
            stream.flush()
        except Exception:  # A user may have replaced or closed the stream; output is best effort.
            pass
    if command.strip().lower() in ("clear", "cls"):
        out = sys.__stdout__ or sys.stdout
        out.write(_CLEAR_SCREEN)
        out.flush()
        return 0
    shown = command if len(command) <= 60 else command[:59] + "…"
    message = f"os.system({shown!r}) did nothing: there is no shell in the browser to run commands."
    advice = _pip_install_advice(command)
    if advice is not None:
        message += "\n" + advice
    err = sys.__stderr__ or sys.stderr
    err.write(message + "\n")
    err.flush()
    return _NO_SHELL_STATUS


os.system = _system


class _Help:
    """``help`` for a terminal without a pager: pages are printed whole, and ``help()`` reads ``help>`` lines
    through ``input()``, inline in the console."""

    def __repr__(self):
        return (
            "Type help() for interactive help, or help(object) for help about object.\n"
            "In this console, help() reads topics at a help> prompt; an empty line or 'q' returns to Python."
        )

    def __call__(self, *args, **kwargs):
        import pydoc

        pydoc.pager = pydoc.plainpager  # no less/more here; print the page
        return pydoc.help(*args, **kwargs)


class _Quitter:
    """``exit``/``quit``: calling them ends the session (SystemExit); the console then starts a fresh Python."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Use {self.name}() to end this session (the console then starts a fresh Python), or Restart."

    def __call__(self, code=None):
        raise SystemExit(code)


def _install_builtins():
    """The console's own ``help`` (no pager) and ``exit``/``quit`` (end the session); the runtime installs the
    rest of what ``site`` gives CPython's REPL."""
    builtins.help = _Help()
    builtins.exit = _Quitter("exit")
    builtins.quit = _Quitter("quit")


_install_builtins()
