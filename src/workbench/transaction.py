"""Writing the store as one transaction: claim the folder, lock, stage, commit, record.

The layout and the reading side are :mod:`workbench.store` (which re-exports
:class:`Transaction`, :func:`write_store` and :func:`runs`, so callers write
``store.Transaction``). :class:`Transaction` claims the store folder (new, empty or
already marked; never one inside an input or holding one), takes the lock (one writer;
the holder's pid, host and start time are in the lock file), lets the caller write
parts into ``STORE/.staging-<id>/``, then commits: manifest last, the staging folder
renamed to ``versions/<id>``, ``CURRENT`` replaced by rename (the commit point), the old
version removed after. Leaving without a commit removes the staging folder. Every
attempt is a line of ``STORE/runs.jsonl``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import uuid
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ContextManager

import pandas as pd

from workbench import __version__, store
from workbench.errors import Interrupted, StoreError, StoreLockedError, WorkbenchError, operator_error
from workbench.store import (CURRENT, FORMAT, LOCK, MANIFEST, MARKER, RUNS, STAGING_PREFIX, TABLES, VERSIONS,
                             _VERSION_ID)

__all__ = ["Transaction", "runs", "write_store"]


def _new_version_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]


def _resolved(path: str | os.PathLike) -> Path:
    return Path(path).expanduser().resolve()


def _check_inputs(root: Path, inputs: Sequence[str | os.PathLike]) -> None:
    """Refuse a store inside an input, or an input inside the store."""
    target = _resolved(root)
    for item in inputs:
        source = _resolved(item)
        if target == source or target.is_relative_to(source):
            raise StoreError(
                f"--store {root} lies inside the input {item}: the run would read its own output. "
                f"Choose a --store outside the inputs; nothing was changed.")
        if source.is_relative_to(target):
            raise StoreError(
                f"the input {item} lies inside --store {root}: a store holds only what ingest writes. "
                f"Move the input out or choose another --store; nothing was changed.")


def _claim(root: Path, inputs: Sequence[str | os.PathLike]) -> None:
    """Make sure ``root`` is ours to write: a marked store, an empty folder, or nothing yet.

    Never touches a folder that holds anything but a store.
    """
    _check_inputs(root, inputs)
    if (root / MARKER).is_file():
        store._check_marker(root)
        return
    if root.exists() and not root.is_dir():
        raise StoreError(f"--store {root} is a file, not a folder; choose a folder. Nothing was changed.")
    if root.is_dir():
        legacy = store._legacy_manifest(root)
        if legacy is not None:
            raise StoreError(
                f"--store {root} holds a store written by an earlier version of the workbench; ingest "
                f"never deletes what it did not write. Delete that folder yourself (or choose a new "
                f"--store) and re-run.")
        entries = sorted(p.name for p in root.iterdir())
        if entries:
            raise StoreError(
                f"--store {root} exists and is not a workbench store (no {MARKER} marker); it holds "
                f"{len(entries)} entries ({store._first(entries)}). Choose a new or empty folder; nothing was changed.")
    root.mkdir(parents=True, exist_ok=True)
    store._write_durably(root / MARKER, store._json_bytes({"format": FORMAT, "created_at": store._now(),
                                               "created_by": f"workbench {__version__}"}))


class _Lock:
    """An exclusive ``flock`` on ``STORE/.lock`` whose file names the holder."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK
        self.fd: int | None = None

    def acquire(self, holder: Mapping[str, Any]) -> None:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            info = os.pread(fd, 4096, 0).decode("utf-8", "replace")
            os.close(fd)
            raise StoreLockedError(_locked_message(self.path.parent, info)) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, store._json_bytes(holder), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        import fcntl

        try:
            os.ftruncate(self.fd, 0)
        except OSError:
            pass
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None


def _locked_message(root: Path, info: str) -> str:
    try:
        holder = json.loads(info)
    except ValueError:
        holder = {}
    if not isinstance(holder, dict) or "pid" not in holder:
        return (f"store {root} is locked by another ingest that is just starting; wait for it to "
                f"finish, then re-run.")
    pid = holder["pid"]
    return (f"store {root} is locked: another ingest (pid {pid} on {holder.get('host', '?')}, started "
            f"{holder.get('started', '?')}) is writing it. Wait for it to finish, or stop it "
            f"(kill {pid}) if it is stuck, then re-run.")


class Transaction:
    """One write of a store: claim, lock, stage, manifest, swap; or nothing at all.

    Use as a context manager::

        with store.Transaction(root, inputs=paths) as tx:
            parts = store.write_tables(tables, tx.staging, part=0)
            tx.add(parts)
            tx.commit(extra={...})

    Leaving the block without :meth:`commit` (an error, a stop signal) removes the
    staging folder and leaves the published version as it was. Every attempt is
    appended to ``STORE/runs.jsonl`` when there is room. An ``OSError`` leaves as a
    one-line :class:`~workbench.errors.OperatorError` (disk full, permission denied).
    """

    def __init__(self, store_dir: str | os.PathLike | None, *, inputs: Sequence[str | os.PathLike] = ()) -> None:
        self.root = store._store(store_dir)
        self.inputs = [str(_resolved(p)) for p in inputs]
        self.id = _new_version_id()
        self.staging = self.root / f"{STAGING_PREFIX}{self.id}"
        self.parts: dict[str, dict[str, dict[str, Any]]] = {}
        self.manifest: dict | None = None
        self.started = store._now()
        self._lock = _Lock(self.root)
        self._marked = False

    # -- context

    def __enter__(self) -> "Transaction":
        try:
            _claim(self.root, self.inputs)
            self._marked = True
            self._lock.acquire({"pid": os.getpid(), "host": socket.gethostname(), "started": self.started,
                                "version": self.id})
            self._clean_stale()
            self.staging.mkdir()
        except StoreLockedError as exc:
            self._record("refused", str(exc))
            raise
        except OSError as exc:
            self._lock.release()
            raise self._operator_error(exc) from exc
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        typed: BaseException | None = exc
        try:
            if self.manifest is None:
                shutil.rmtree(self.staging, ignore_errors=True)
            if isinstance(exc, OSError):
                typed = self._operator_error(exc)
            self._record_outcome(typed)
        finally:
            self._lock.release()
        if typed is not exc and typed is not None:
            raise typed from exc

    # -- writing

    def add(self, parts: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
        """Register parts written into :attr:`staging` (what :func:`store.write_tables` returned)."""
        for table, files in parts.items():
            for file, info in files.items():
                if file in self.parts.setdefault(table, {}):
                    raise StoreError(f"part {table}/{file} was written twice in one run; this is a bug")
                self.parts[table][file] = dict(info)

    def commit(self, extra: Mapping[str, Any] | None = None,
               critical: Callable[[], ContextManager[Any]] = nullcontext) -> dict:
        """Write the manifest, publish the staging folder as the current version, drop the old one.

        The rename of ``CURRENT`` is the commit point: before it readers see the
        previous version, after it the new one. ``critical`` wraps the few renames
        that publish (the run's signal guard holds a stop signal back for them).
        """
        self._check_staging()
        counts = {name: sum(int(i["rows"]) for i in self.parts.get(name, {}).values()) for name in TABLES}
        postings = [self.staging / "postings" / f for f in sorted(self.parts.get("postings", {}))]
        manifest = {
            "format": FORMAT,
            "contract": store.CONTRACT,
            "store_version": self.id,
            "inputs_fingerprint": store._parts_fingerprint(postings),
            "counts": counts,
            "created_at": store._now(),
            "version": __version__,
            "inputs": self.inputs,
            **(dict(extra) if extra else {}),
            "parts": {t: dict(sorted(files.items())) for t, files in sorted(self.parts.items())},
        }
        store._write_durably(self.staging / MANIFEST, store._json_bytes(manifest))
        store._fsync_dir(self.staging)
        versions = self.root / VERSIONS
        versions.mkdir(exist_ok=True)
        with critical():
            os.rename(self.staging, versions / self.id)
            store._fsync_dir(versions)
            store._write_durably(self.root / CURRENT, f"{self.id}\n".encode("ascii"))
            store._fsync_dir(self.root)
            self.manifest = manifest
        self._drop_other_versions()
        return manifest

    # -- helpers

    def _check_staging(self) -> None:
        expected = {f"{t}/{f}" for t, files in self.parts.items() for f in files}
        on_disk = set(store._listing(self.staging))
        if on_disk != expected:
            stray = store._first(on_disk - expected) if on_disk - expected else ""
            lost = store._first(expected - on_disk) if expected - on_disk else ""
            raise StoreError(f"staging folder {self.staging} does not hold what the run wrote "
                             f"(unexpected: {stray or 'none'}; missing: {lost or 'none'}); nothing was published")

    def _clean_stale(self) -> None:
        """Remove staging and unpublished version folders of earlier runs (we hold the lock)."""
        for stale in self.root.glob(f"{STAGING_PREFIX}*"):
            if stale.is_dir() and _VERSION_ID.match(stale.name[len(STAGING_PREFIX):]):
                shutil.rmtree(stale, ignore_errors=True)
        self._drop_other_versions(keep_current=True)

    def _drop_other_versions(self, keep_current: bool = False) -> None:
        keep = {self.id} if self.manifest is not None else set()
        if keep_current or not keep:
            try:
                keep.add((self.root / CURRENT).read_text(encoding="utf-8").strip())
            except OSError:
                pass
        for folder in (self.root / VERSIONS).glob("*"):
            if folder.is_dir() and _VERSION_ID.match(folder.name) and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    def _operator_error(self, exc: OSError) -> WorkbenchError:
        fix = f"re-run {store._command(self.inputs, self.root)}"
        if self._marked:
            fix += " (the previous version of the store is unchanged)"
        return operator_error(exc, doing=f"writing the store {self.root}", fix=fix)

    def _record_outcome(self, exc: BaseException | None) -> None:
        if exc is None and self.manifest is not None:
            self._record("ok", None)
        elif isinstance(exc, Interrupted):
            self._record("stopped", f"{exc}; the run's staging folder was removed")
        else:
            message = str(exc) if exc is not None else "left without commit"
            self._record("failed", f"{type(exc).__name__}: {message}" if exc is not None else message)

    def _record(self, status: str, error: str | None) -> None:
        """Append this attempt to ``runs.jsonl``; silently skipped when there is no room."""
        if not self._marked and not (self.root / MARKER).is_file():
            return  # never write into a folder that is not a store
        line = {"version": self.id, "status": status, "started": self.started, "finished": store._now(),
                "pid": os.getpid(), "host": socket.gethostname(), "inputs": self.inputs,
                "counts": (self.manifest or {}).get("counts"), "error": error}
        try:
            with open(self.root / RUNS, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        except OSError:
            pass  # the disk may be the very problem; stderr still has it


def write_store(
    tables: Mapping[str, pd.DataFrame],
    store_dir: str | os.PathLike | None = None,
    *,
    inputs: Sequence[str | os.PathLike] = (),
    extra: Mapping[str, Any] | None = None,
) -> dict:
    """Write ``tables`` as a new version of the store in one transaction; return its manifest.

    Every table of the contract that ``tables`` lacks is written empty, so the store
    always has the full set. For runs too large for memory see
    :func:`workbench.pipeline.run_ingest`, which writes one part per chunk.
    """
    full = dict(tables)
    for name in TABLES:
        if name not in full:
            full[name] = store._schemas().empty(name)
    with Transaction(store_dir, inputs=inputs) as tx:
        tx.add(store.write_tables(full, tx.staging, part=0))
        return tx.commit(extra=extra)


def runs(store_dir: str | os.PathLike | None = None) -> list[dict]:
    """Every recorded ingest attempt of a store, oldest first (``runs.jsonl``)."""
    path = store._store(store_dir) / RUNS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out
