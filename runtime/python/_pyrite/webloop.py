"""An asyncio event loop driven by the JS event loop.

There is no blocking `run_forever`: the loop is always "running", and work is
scheduled on the host: ready callbacks run in one batch per host tick (a
MessageChannel / setImmediate task, so there is no 4 ms clamp), timers use
setTimeout.

`run_until_complete` and `asyncio.run` block where Python can be suspended
(JS Promise Integration, in code run from the loop): they run the loop on
their own stack until the future is done, and other tasks, timers and JS
promises go on meanwhile. Elsewhere (Node, Safari, a synchronous runPython)
they cannot block: they start the coroutine as a task and return it (await
it, or let it run).
"""

import asyncio
import collections
import contextvars
import sys
import time
import weakref
from asyncio import events, futures, tasks

import _pyrt

from . import errors


class WebLoop(asyncio.AbstractEventLoop):
    def __init__(self) -> None:
        self._ready: collections.deque[events.Handle] = collections.deque()
        self._tick_scheduled = False
        self._exception_handler = None
        self._debug = False
        self._task_factory = None
        self._timers: dict[events.TimerHandle, int] = {}
        self._blocking_runs = 0  # run_until_complete calls blocked (nested) on the stack

    # --- state ---
    def is_running(self) -> bool:
        return True

    def is_closed(self) -> bool:
        return False

    def close(self) -> None:
        """The browser's loop cannot be closed; this does nothing."""

    def get_debug(self) -> bool:
        return self._debug

    def set_debug(self, enabled: bool) -> None:
        self._debug = enabled

    def time(self) -> float:
        return time.monotonic()

    # --- scheduling ---
    def call_soon(self, callback, *args, context=None):
        handle = events.Handle(callback, args, self, context)
        self._ready.append(handle)
        if not self._tick_scheduled:
            self._tick_scheduled = True
            _pyrt.request_tick()
        return handle

    call_soon_threadsafe = call_soon

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        handle = events.TimerHandle(when, callback, args, self, context)
        delay_ms = max(0, round((when - self.time()) * 1000))

        def fire():
            try:
                interrupt = self._take_interrupt()
            except KeyboardInterrupt as exc:  # seen on entering _take_interrupt, before its own try
                interrupt = exc
            self._timers.pop(handle, None)
            if not handle.cancelled():
                try:
                    handle._run()
                except KeyboardInterrupt as exc:
                    interrupt = exc
            if interrupt is not None:
                self._interrupted(interrupt)

        self._timers[handle] = _pyrt.schedule(delay_ms, fire)
        return handle

    def _timer_handle_cancelled(self, handle) -> None:
        timer = self._timers.pop(handle, None)
        if timer is not None:
            _pyrt.cancel(timer)

    def _run_ready(self) -> None:
        self._tick_scheduled = False
        try:
            interrupt = self._take_interrupt()
        except KeyboardInterrupt as exc:
            interrupt = exc
        try:
            for _ in range(len(self._ready)):
                if not self._ready:  # a blocking run_until_complete in a callback ran the rest
                    break
                handle = self._ready.popleft()
                if not handle.cancelled():
                    handle._run()
        except KeyboardInterrupt as exc:
            if self._ready and not self._tick_scheduled:  # the rest of the batch still runs
                self._tick_scheduled = True
                _pyrt.request_tick()
            interrupt = exc
        if interrupt is not None:
            self._interrupted(interrupt)

    @staticmethod
    def _take_interrupt() -> KeyboardInterrupt | None:
        """Takes a Ctrl+C that came while Python waited, before any callback runs: seen inside the loop's own code
        instead, it could cut a callback short, and a task or a promise would wait for good."""
        try:
            _pyrt.check_signals()
        except KeyboardInterrupt as exc:
            return exc
        return None

    def _interrupted(self, exc: KeyboardInterrupt) -> None:
        """Ctrl+C (the interrupt buffer) was seen in the loop. A blocking run_until_complete takes it (raised);
        otherwise no code awaits it, and as CPython's asyncio.run ends its main task, the runs JS awaits
        (runPythonAsync, the console's input) end with KeyboardInterrupt."""
        if self._blocking_runs:
            raise exc
        runs = list(_awaited_from_js.items())
        if not runs:
            self.default_exception_handler({"message": "Ctrl+C while no run was waiting", "exception": exc})
        for future, settle in runs:
            if future.done():
                settle(future, interrupted=True)  # its settlement may have been what the interrupt cut short
            else:
                future.cancel(msg=INTERRUPTED)

    # --- futures and tasks ---
    def create_future(self):
        return futures.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        if self._task_factory is not None:
            task = self._task_factory(self, coro)
            if name is not None:
                task.set_name(name)
            return task
        return tasks.Task(coro, loop=self, name=name, context=context)

    def set_task_factory(self, factory) -> None:
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def run_until_complete(self, future):
        """Runs `future` to its end and returns its result where Python can be suspended; elsewhere starts it and
        returns it (the browser's loop cannot block)."""
        future = asyncio.ensure_future(future, loop=self)
        if self._run_blocking(future):
            return future.result()
        started_by_run.add(future)
        return future

    def _run_blocking(self, future) -> bool:
        """Runs the loop here until `future` is done, suspended between host calls (JSPI). False: cannot block."""
        if not _pyrt.can_suspend():
            return False
        # The task that called this is set aside while it waits, or asyncio would let no other task step.
        outer_task = tasks._current_tasks.pop(self, None)
        self._blocking_runs += 1
        try:
            while not future.done():
                self._run_ready()
                if future.done():
                    break
                interrupt = None
                for call in _pyrt.wait_host_calls(_BLOCKING_WAIT_SLICE):
                    try:
                        call()
                    except KeyboardInterrupt as exc:
                        interrupt = exc  # raised once every call handed over has run: none is lost
                    except Exception as exc:  # noqa: BLE001 - as the host reports a failed callback
                        self.default_exception_handler({"message": "Error in the event loop", "exception": exc})
                if interrupt is not None:
                    raise interrupt
        except BaseException:
            future.cancel()  # Ctrl+C: as CPython's asyncio.run, the interrupted work does not go on
            raise
        finally:
            self._blocking_runs -= 1
            if outer_task is not None:
                tasks._current_tasks[self] = outer_task
        return True

    def run_forever(self):
        raise RuntimeError("the browser's event loop is already running; "
                           "schedule work with asyncio.create_task instead")

    def stop(self) -> None:
        pass

    async def shutdown_asyncgens(self) -> None:
        pass

    async def shutdown_default_executor(self) -> None:
        pass

    def run_in_executor(self, executor, func, *args):
        """No threads here: runs `func` now and returns a finished future."""
        future = self.create_future()
        try:
            future.set_result(func(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiter
            future.set_exception(exc)
        return future

    # --- errors ---
    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler) -> None:
        self._exception_handler = handler

    def default_exception_handler(self, context) -> None:
        message = context.get("message") or "Unhandled exception in event loop"
        exc = context.get("exception")
        lines = [message]
        for key in sorted(context):
            if key not in ("message", "exception"):
                lines.append(f"{key}: {context[key]!r}")
        text = "\n".join(lines) + "\n"
        if exc is not None:
            text += errors.format_exception(exc)
        sys.stderr.write(text)

    def call_exception_handler(self, context) -> None:
        if self._exception_handler is None:
            self.default_exception_handler(context)
            return
        try:
            self._exception_handler(self, context)
        except BaseException as exc:  # noqa: BLE001 - reported, never lost
            self.default_exception_handler(
                {"message": "Exception in the event loop's exception handler",
                 "exception": exc, "context": context})


class WebLoopPolicy(asyncio.DefaultEventLoopPolicy):
    def __init__(self) -> None:
        super().__init__()
        self._loop = WebLoop()

    def get_event_loop(self):
        return self._loop

    def new_event_loop(self):
        return self._loop

    def set_event_loop(self, loop) -> None:
        pass


# How long a blocking run_until_complete waits for host calls before looking for Ctrl+C again (seconds).
_BLOCKING_WAIT_SLICE = 0.05

# The futures run_until_complete (and so asyncio.run) returned instead of their results: a console shows such a
# value once it has finished, as the call would have returned it.
started_by_run = weakref.WeakSet()


def was_started_by_run(value) -> bool:
    return isinstance(value, asyncio.Future) and value in started_by_run


def _run(main, *, debug=None):
    """asyncio.run here: main's result where run_until_complete can block, otherwise the task it started."""
    return asyncio.get_event_loop().run_until_complete(main)


def install() -> None:
    policy = WebLoopPolicy()
    asyncio.set_event_loop_policy(policy)
    loop = policy.get_event_loop()
    events._set_running_loop(loop)
    _pyrt.set_tick(loop._run_ready)
    asyncio.run = _run
    global _when_fatal, _promise_of
    from .jsfinder import host_services

    _when_fatal = host_services().when_fatal
    _promise_of = host_services().promise_of


# --- bridging promises and awaitables -----------------------------------------------
# (`await` of a JsProxy is in C++: jsproxy_await, settled by pyrt_settle_future.)

_when_fatal = None
_promise_of = None


# The futures JS awaits (settle_promise), each with the function that settles its promise, until it has: a Ctrl+C
# seen in the loop ends them (WebLoop._interrupted).
_awaited_from_js: dict = {}

# The message of the cancellation that stands for Ctrl+C: the run ends with KeyboardInterrupt instead.
INTERRUPTED = "KeyboardInterrupt (Ctrl+C)"


def is_interrupt(exc: BaseException) -> bool:
    """Whether `exc` is the cancellation WebLoop._interrupted made for a Ctrl+C."""
    return isinstance(exc, asyncio.CancelledError) and exc.args == (INTERRUPTED,)


def settle_promise(awaitable, resolve, reject) -> None:
    """Runs `awaitable` as a task and settles a JS promise with its outcome.

    If the runtime turns fatal first, the JS half rejects the promise with FatalRuntimeError.
    """
    future = asyncio.ensure_future(awaitable)
    forget_fatal = _when_fatal(reject)

    def settle(f, interrupted=False):
        if f not in _awaited_from_js:
            return  # settled already
        try:
            if interrupted:
                raise KeyboardInterrupt
            try:
                result = f.result()
            except asyncio.CancelledError as exc:
                if is_interrupt(exc):
                    raise KeyboardInterrupt from None
                raise
        except BaseException as exc:  # noqa: BLE001 - handed to JS
            reject(_pyrt.js_error_from_exception(exc))
        else:
            # The promise outlives this call: hand JS an owned proxy, not a
            # borrowed one that is released when resolve() returns.
            resolve(_pyrt.to_js(result, depth=0))
        # Only once the promise is settled: a Ctrl+C before this leaves it for WebLoop._interrupted to settle.
        del _awaited_from_js[f]
        forget_fatal()

    _awaited_from_js[future] = settle
    future.add_done_callback(settle, context=contextvars.Context())


def promise_from_awaitable(awaitable):
    """A JS Promise for a Python awaitable, which starts running now."""
    future = asyncio.ensure_future(awaitable)

    def executor(resolve, reject):
        settle_promise(future, resolve, reject)

    return _promise_of(executor)


# Imported on the first import of asyncio (see loophook.py): install at once.
install()
