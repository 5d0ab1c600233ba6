"""Which store a notebook reads when the runner did not name one.

A report run injects ``store_dir``; a notebook opened in JupyterLab (or run with
papermill by hand) has ``store_dir = ""``. :func:`find_store` then picks, in order:

1. the folder given (the notebook's ``store_dir``, a function argument);
2. ``WORKBENCH_STORE``, when set (it must be a store: a typo is an error, not a fall-through);
3. ``data/processed`` when it is a store (what ``workbench ingest`` writes by default);
4. the store of the latest ``make report`` / ``workbench report`` run:
   ``reports/<date>/_store``, the one published last (its ``CURRENT`` file is written
   when its version is published).

It only reads: it never builds, copies or replaces a store, so a store the user made is
never overwritten. When nothing is found the error names the exact ``workbench ingest``
command that builds the default store. The chosen folder is still checked against its
manifest by whoever reads it (``bench.load``, ``store.open_version``).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Mapping

from workbench import config
from workbench.errors import StoreError

__all__ = ["ENV", "find_store", "latest_report_store"]

ENV = "WORKBENCH_STORE"
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_store(path: Path) -> bool:
    from workbench import store

    return store.looks_like_store(path)


def _published_at(store_dir: Path) -> float:
    """When the store's current version was published (``CURRENT``'s mtime; the folder's without it)."""
    for candidate in (store_dir / "CURRENT", store_dir):
        try:
            return candidate.stat().st_mtime
        except OSError:
            continue
    return 0.0


def latest_report_store(reports: str | os.PathLike | None = None) -> Path | None:
    """The ``<reports>/<date>/_store`` published last, or None when no run left one."""
    folder = Path(reports) if reports is not None else config.REPORTS
    try:
        dated = [d for d in folder.iterdir() if d.is_dir() and _DATE_DIR.match(d.name)]
    except OSError:
        return None
    stores = [d / "_store" for d in dated if _is_store(d / "_store")]
    return max(stores, key=_published_at, default=None)


def _ingest(store_dir: Path) -> str:
    return f"`workbench ingest {shlex.quote(str(config.RAW))} --store {shlex.quote(str(store_dir))}`"


def find_store(explicit: str | os.PathLike | None = None, *, environ: Mapping[str, str] | None = None,
               processed: str | os.PathLike | None = None, reports: str | os.PathLike | None = None) -> Path:
    """The store folder to read (see the module docstring for the order).

    ``environ``, ``processed`` and ``reports`` default to ``os.environ``,
    ``config.PROCESSED`` and ``config.REPORTS``. Raises ``StoreError`` naming the
    ``workbench ingest`` command to run when there is none.
    """
    if explicit:
        return Path(explicit)
    env = (os.environ if environ is None else environ).get(ENV, "").strip()
    if env:
        chosen = Path(env).expanduser()
        if not _is_store(chosen):
            raise StoreError(
                f"{ENV}={env} is not a workbench store. Build it with {_ingest(chosen)} (a new or empty "
                f"folder), point {ENV} at a store, or unset it to use the latest report run's store.")
        return chosen
    default = Path(processed) if processed is not None else config.PROCESSED
    if _is_store(default):
        return default
    latest = latest_report_store(reports)
    if latest is not None:
        return latest
    where = Path(reports) if reports is not None else config.REPORTS
    raise StoreError(
        f"no store to read: {default} is not a store, {ENV} is not set and no report run under {where} "
        f"left one. Build the default store with {_ingest(default)} (or run `make report`), then run "
        f"the notebook again.")
