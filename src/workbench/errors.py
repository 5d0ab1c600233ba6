"""Typed errors. Each message says what was expected and what to do next."""

from __future__ import annotations

import errno as _errno
import re
import signal as _signal


class WorkbenchError(Exception):
    """Base class for every error the workbench raises on purpose."""


class IngestError(WorkbenchError):
    """A file could not be read into postings (it goes to the rejects table)."""


class ExtractionError(WorkbenchError):
    """A posting could not be turned into a record (it goes to the rejects table)."""


class EvaluationError(WorkbenchError):
    """A labelled set, or the corpus it points into, is missing or unreadable."""


class SchemaError(WorkbenchError):
    """A table does not match its declared schema."""


class StoreError(WorkbenchError):
    """The Parquet store is missing, unreadable, or disagrees with its manifest."""


class PlanError(WorkbenchError):
    """A report plan is invalid; raised before any notebook runs."""


class ParameterError(PlanError):
    """A report parameter has an unknown name, a wrong type or a bad value."""


class ReportError(WorkbenchError):
    """A report failed to execute or render."""


class CurrencyError(WorkbenchError):
    """A currency is unknown or cannot be converted."""


class CorpusError(WorkbenchError):
    """A corpus or labelled file is missing or lacks the columns its description names."""


class OperatorError(WorkbenchError):
    """The machine, not the data, stopped the run: no room, no permission, a lock held.

    The message is one line: what happened, where, and what to do.
    """


class DiskFullError(OperatorError):
    """No room to write: disk full, quota exceeded or the file-size limit reached."""


class AccessDeniedError(OperatorError):
    """The operating system refused a read or write (permissions, read-only disk)."""


class StoreLockedError(OperatorError):
    """Another ingest is writing the store; its holder is named in the message."""


class Interrupted(BaseException):
    """A run was stopped by SIGINT or SIGTERM.

    A ``BaseException`` like ``KeyboardInterrupt``: no ``except Exception`` in the
    extraction code may swallow a stop request and carry on.
    """

    def __init__(self, signum: int) -> None:
        self.signum = int(signum)
        super().__init__(f"stopped by {signal_name(self.signum)}")

    @property
    def exit_code(self) -> int:
        """The shell's convention for a death by signal: 128 + the signal number."""
        return 128 + self.signum


def signal_name(signum: int) -> str:
    """``SIGTERM`` for 15, ``signal 99`` for an unknown number."""
    try:
        return _signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


# errno -> (what happened, what to do about it)
_NO_ROOM = {
    _errno.ENOSPC: ("disk full", "Free some space on that disk (or choose a folder on another one)"),
    _errno.EDQUOT: ("disk quota exceeded", "Free some of your quota (or choose a folder on another disk)"),
    _errno.EFBIG: ("file-size limit reached", "Raise the limit (`ulimit -f`) or choose a smaller --chunk-size"),
}
_DENIED = {
    _errno.EACCES: "permission denied",
    _errno.EPERM: "permission denied",
    _errno.EROFS: "read-only file system",
}
_ERRNO_IN_TEXT = re.compile(r"errno[ =]?(\d+)", re.I)


def os_errno(exc: OSError) -> int | None:
    """The errno of an OSError, also when a library only wrote it into the message."""
    if exc.errno is not None:
        return exc.errno
    found = _ERRNO_IN_TEXT.search(str(exc))
    return int(found.group(1)) if found else None


def operator_error(exc: OSError, *, doing: str, fix: str) -> WorkbenchError:
    """Turn an ``OSError`` into a one-line typed error: what, where, what to do.

    ``doing`` says what was being done ("writing the store /x"); ``fix`` is the
    next step after the cause is removed ("re-run `workbench ingest ...`").
    Disk full, quota and file-size limit become :class:`DiskFullError`; permission
    and read-only errors :class:`AccessDeniedError`; anything else an ``OperatorError``.
    """
    code = os_errno(exc)
    filename = getattr(exc, "filename", None)
    where = f" ({filename})" if filename and str(filename) not in doing else ""
    text = (exc.strerror or str(exc) or type(exc).__name__).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    if code in _NO_ROOM:
        what, todo = _NO_ROOM[code]
        return DiskFullError(f"{what} while {doing}{where}: {reason}. {todo}, then {fix}")
    if code in _DENIED:
        return AccessDeniedError(f"{_DENIED[code]} while {doing}{where}: {reason}. "
                                 f"Choose a folder you can write to (or fix its permissions), then {fix}")
    name = _errno.errorcode.get(code, "error") if code is not None else type(exc).__name__
    return OperatorError(f"{name} while {doing}{where}: {reason}. Fix the cause, then {fix}")
