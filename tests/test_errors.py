"""Typed errors: what the machine refused becomes one line that says what to do."""

from __future__ import annotations

import errno
import signal

import pytest

from workbench.errors import (AccessDeniedError, DiskFullError, Interrupted, OperatorError, WorkbenchError,
                              operator_error, os_errno, signal_name)


@pytest.mark.parametrize("code, kind, start, todo", [
    (errno.ENOSPC, DiskFullError, "disk full", "Free some space on that disk"),
    (errno.EDQUOT, DiskFullError, "disk quota exceeded", "Free some of your quota"),
    (errno.EFBIG, DiskFullError, "file-size limit reached", "ulimit -f"),
    (errno.EACCES, AccessDeniedError, "permission denied", "Choose a folder you can write to"),
    (errno.EPERM, AccessDeniedError, "permission denied", "Choose a folder you can write to"),
    (errno.EROFS, AccessDeniedError, "read-only file system", "Choose a folder you can write to"),
    (errno.EIO, OperatorError, "EIO", "Fix the cause"),
])
def test_os_errors_become_one_typed_line(code, kind, start, todo):
    exc = OSError(code, "the system's words", "/data/store/x.parquet")
    error = operator_error(exc, doing="writing the store /data/store", fix="re-run `workbench ingest a`")
    assert type(error) is kind and isinstance(error, WorkbenchError)
    text = str(error)
    assert text.startswith(f"{start} while writing the store /data/store (/data/store/x.parquet): the system's words.")
    assert todo in text and text.endswith("then re-run `workbench ingest a`") and "\n" not in text


def test_the_file_name_is_not_repeated_when_the_message_already_names_it():
    error = operator_error(OSError(errno.EACCES, "Permission denied", "/s"), doing="writing the store /s", fix="x")
    assert str(error).startswith("permission denied while writing the store /s: Permission denied.")


def test_errno_is_read_from_the_message_when_a_library_left_it_out():
    exc = OSError("IOError: [errno 28] Error writing bytes to file")
    assert exc.errno is None and os_errno(exc) == errno.ENOSPC
    assert isinstance(operator_error(exc, doing="writing", fix="retry"), DiskFullError)


def test_interrupted_names_its_signal_and_the_shell_exit_status():
    stop = Interrupted(signal.SIGINT)
    assert str(stop) == "stopped by SIGINT" and stop.exit_code == 130
    assert not isinstance(stop, Exception)
    assert signal_name(999) == "signal 999"
