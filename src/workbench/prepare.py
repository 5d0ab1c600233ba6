"""Data and notebooks for a report run, ready before any kernel starts.

* :func:`resolve_data` decides where a run's data comes from: a checked store (the
  default ``data/processed``, or one ``--data`` folder that is a store), raw inputs to
  ingest (``--data`` files and folders, or ``data/raw`` when there is no store yet), or
  nothing. A store is checked against its manifest here, so a bad store stops the run
  before any executor starts. ``data/raw`` also holds the incumbent file, which is
  internal pay, not postings: it is never ingested.
* :func:`build_store` ingests raw inputs into the run's own store (``<stage>/_store``).
* :func:`convert_notebooks` turns each distinct jupytext ``.py`` notebook into an
  ``.ipynb`` once per run, with the run's kernel.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from workbench import config
from workbench.errors import PlanError

__all__ = ["build_store", "convert_notebooks", "data_date", "fingerprint", "is_sample", "is_store", "resolve_data"]


def is_store(path: Path) -> bool:
    """A store folder (this layout or an earlier one, which reading then refuses); raw data is neither."""
    from workbench import store

    return store.looks_like_store(path)


def fingerprint(store_dir: Path | None) -> str | None:
    """The checked store's inputs fingerprint (see ``store.inputs_fingerprint``)."""
    if store_dir is None:
        return None
    from workbench import store

    return store.read_manifest(store_dir).get("inputs_fingerprint")


def is_sample(store_dir: Path | str | None) -> bool:
    """True when the store was built from the embedded synthetic sample only (every input it
    was ingested from lies in ``data/raw``): its pages then say the data are synthetic."""
    if not store_dir:
        return False
    from workbench import store

    try:
        inputs = store.read_manifest(Path(store_dir)).get("inputs") or []
    except Exception:  # noqa: BLE001 - no readable manifest: not known to be the sample
        return False
    raw = config.RAW.resolve()
    return bool(inputs) and all(Path(p).resolve().is_relative_to(raw) for p in inputs)


def data_date(store_dir: Path | None) -> str | None:
    """The day the store was written (``YYYY-MM-DD``), shown on each page as the data date."""
    if store_dir is None:
        return None
    from workbench import store

    created = store.read_manifest(store_dir).get("created_at")
    return str(created)[:10] if created else None


def _postings_in_raw(folder: Path) -> list[Path]:
    """The entries of ``data/raw`` that are postings (the incumbent file is internal pay)."""
    return sorted(p for p in folder.iterdir() if p.name != "incumbents")


def resolve_data(data: Any) -> tuple[Path | None, list[Path] | None]:
    """Where a run's data comes from: (a checked store, None), (None, raw inputs to ingest)
    or (None, None) when there is no data at all.

    Cheap: a store is checked against its manifest here, before any executor starts.
    """
    from workbench import store

    if data is not None and not isinstance(data, (str, os.PathLike)) and not list(data):
        data = None  # the CLI passes an empty list when --data is not given
    if data is None:
        if is_store(config.PROCESSED):
            store.open_version(config.PROCESSED)
            return config.PROCESSED, None
        # No store yet: build one from data/raw.
        data = _postings_in_raw(config.RAW) if config.RAW.is_dir() else []
        if not data:
            return None, None
    paths = [Path(data).resolve()] if isinstance(data, (str, os.PathLike)) else [Path(p).resolve() for p in data]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise PlanError(f"--data: {missing} do not exist; expected raw files/folders or a store folder")
    if len(paths) == 1 and is_store(paths[0]):
        store.open_version(paths[0])  # refuse a store that fails its manifest before any kernel starts
        return paths[0], None
    expanded: list[Path] = []
    for p in paths:
        expanded += _postings_in_raw(p) if p.resolve() == config.RAW.resolve() else [p]
    return None, expanded


def build_store(raw: list[Path], stage: Path, *, progress: bool = False) -> Path:
    """Ingest raw inputs into the run's own store, ``stage/_store`` (``progress``: ingest's bar on a terminal)."""
    from workbench import pipeline

    target = stage / "_store"
    pipeline.run_ingest(raw, target, progress=progress)
    return target


def convert_notebooks(specs: list, stage: Path, kernel: str) -> dict[Path, tuple[Path, list[str]]]:
    """Convert each distinct jupytext ``.py`` notebook to ``.ipynb`` once per run.

    Returns, per notebook path, the converted file and the names of the parameters the
    runner injects into it.
    """
    import jupytext
    import nbformat

    from workbench.plan import notebook_params

    out: dict[Path, tuple[Path, list[str]]] = {}
    src_dir = stage / "_src"
    src_dir.mkdir(exist_ok=True)
    for spec in specs:
        if spec.notebook in out:
            continue
        nb = jupytext.read(spec.notebook, fmt="py:percent")
        nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Python (workbench)", "language": "python"}
        nb.metadata.pop("jupytext", None)
        target = src_dir / f"{spec.notebook.stem}.ipynb"
        nbformat.write(nb, str(target))
        injected = [n for n, p in notebook_params(spec.notebook).items() if p.injected]
        out[spec.notebook] = (target, injected)
    return out
