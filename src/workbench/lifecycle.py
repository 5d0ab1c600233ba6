"""Process lifetime: stop on SIGINT/SIGTERM, and worker processes that die with their parent.

A run that is stopped must not leave anything behind: no worker still writing, no
half-written output. Three pieces make that hold:

* :class:`StopOnSignals` turns SIGINT, SIGTERM and SIGHUP into :class:`~workbench.errors.Interrupted`
  (a ``BaseException``) in the main thread, so the run's ``finally`` blocks kill its
  workers and remove its staging area; :meth:`StopOnSignals.deferred` holds a signal
  back while a short critical step (publishing a store) completes.
* :func:`worker_init` runs first in every worker process: it ignores SIGINT (Ctrl-C
  reaches the whole process group; the parent decides what stops), and makes the
  worker exit when its parent dies, by the Linux parent-death signal
  (``prctl(PR_SET_PDEATHSIG, SIGKILL)``) and, where that is missing, by polling
  ``os.getppid()`` from a daemon thread.
* :func:`kill_processes` ends a list of processes and their descendants at once.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from workbench.errors import Interrupted

__all__ = ["StopOnSignals", "kill_processes", "set_parent_death_signal", "watch_parent", "worker_init"]

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.25
STOP_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s)


def set_parent_death_signal(expected_parent: int = 0) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; exit now if it already has.

    Returns True when the kernel accepted the request (Linux), False elsewhere.
    """
    accepted = False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        accepted = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        accepted = False
    # The parent may have died between our fork and the prctl call.
    if expected_parent and os.getppid() != expected_parent:
        os._exit(70)
    return accepted


def watch_parent(expected_parent: int, interval: float = POLL_SECONDS) -> threading.Thread:
    """Exit this process (status 70) as soon as ``os.getppid()`` stops being ``expected_parent``.

    The portable fallback for the parent-death signal: a daemon thread polls.
    """

    def poll() -> None:
        while True:
            if os.getppid() != expected_parent:
                os._exit(70)
            time.sleep(interval)

    thread = threading.Thread(target=poll, name="workbench-parent-watch", daemon=True)
    thread.start()
    return thread


def worker_init(parent_pid: int = 0) -> None:
    """First thing in a worker process: ignore Ctrl-C and die with the parent.

    ``parent_pid`` is the process that forked this one (0: whatever parent it has now).
    """
    parent_pid = parent_pid or os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    set_parent_death_signal(parent_pid)
    watch_parent(parent_pid)


def kill_processes(pids: Iterable[int], timeout: float = 2.0) -> list[int]:
    """SIGKILL each process and its descendants; wait up to ``timeout`` s for them to die.

    Returns the pids that were signalled. A dead child is left for its owner to reap
    (``multiprocessing`` and ``subprocess`` keep their own bookkeeping, which reaping
    it here would confuse into waiting forever).
    """
    import psutil

    procs: list[psutil.Process] = []
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            procs += proc.children(recursive=True) + [proc]
        except psutil.NoSuchProcess:
            continue
    killed = []
    for proc in procs:
        try:
            proc.kill()
            killed.append(proc.pid)
        except psutil.NoSuchProcess:
            pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in procs):
        time.sleep(0.02)
    return killed


def _alive(proc: Any) -> bool:
    """Running and not a zombie (without reaping it)."""
    import psutil

    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class StopOnSignals:
    """Raise :class:`Interrupted` in the main thread on SIGINT, SIGTERM or SIGHUP.

    Restores the previous handlers on exit. Outside the main thread (where Python
    cannot install handlers) it does nothing. Only the first signal raises: a second
    Ctrl-C while the run cleans up (killing workers, removing staging, about a second)
    is ignored, so the clean-up is not cut short. Nested use is fine.
    """

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}
        self._defer = 0
        self._pending: int | None = None
        self.stopping: int | None = None

    def __enter__(self) -> "StopOnSignals":
        if threading.current_thread() is threading.main_thread():
            for sig in STOP_SIGNALS:
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.stopping is not None:
            return  # already stopping: let the clean-up finish
        if self._defer:
            self._pending = self._pending or signum
            return
        self.stopping = signum
        raise Interrupted(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold stop signals back until the block ends, then raise the first one."""
        self._defer += 1
        try:
            yield
        finally:
            self._defer -= 1
        if not self._defer and self._pending is not None:
            signum, self._pending = self._pending, None
            self.stopping = signum
            raise Interrupted(signum)

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous = {}
