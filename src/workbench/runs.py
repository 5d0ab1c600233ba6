"""Records of a report run: one :class:`Run` per report, one :class:`Batch` per invocation.

A run is a record (as notebooker keeps it): the plan entry it came from, its
parameters, where its data and output live, its date, and then its status, timings
and error. The runner creates the records, the executor process fills in the outcome
(:meth:`Run.to_task` / :meth:`Run.apply`), publication moves the pages and writes
:meth:`Run.manifest_entry` into ``OUT/<date>/manifest.json``.

The manifest's shape is fixed by the index page and by earlier runs' manifests (which
a later ``--only`` run reads back): its keys are those of :data:`MANIFEST_KEYS`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import config

__all__ = ["Batch", "MANIFEST_KEYS", "Run", "RunResult", "atomic_write", "read_manifest", "versions"]

# Per report, in this order, in ``manifest.json`` (and so on the index page).
MANIFEST_KEYS = ("name", "slug", "notebook", "audience", "parameters", "status", "error", "attempts",
                 "started", "finished", "timings", "headline", "html", "ipynb", "previous")
# Outcome fields the executor process reports back.
_RESULT_KEYS = ("status", "error", "attempts", "started", "finished", "timings", "headline")

_PACKAGES = ("workbench", "pandas", "numpy", "scipy", "statsmodels", "seaborn", "matplotlib", "papermill",
             "nbconvert", "nbclient", "nbformat", "jupytext", "ipykernel", "jupyter_client", "pyzmq", "duckdb",
             "pyarrow", "bleach", "dask", "distributed")


def _utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Batch:
    """One ``workbench report`` invocation: its options, its data, where it writes.

    ``t_start`` is ``time.perf_counter()`` at the start; ``store`` is the checked store
    the notebooks read (``built``: ingested by this run into its staging folder).
    """

    run_id: str
    as_of: str
    out: Path
    t_start: float
    plan_path: Any = None
    data: Any = None
    only: Any = None
    jobs: int = 2
    timeout: float = 600
    engine: str = "local"
    scheduler: str | None = None
    kernel: str | None = None
    store: Path | None = None
    built: bool = False
    fingerprint: str | None = None
    data_date: str | None = None
    incumbents: Any = None  # the checked ``--incumbents`` file (``incumbents.IncumbentFile``), if given
    sample: bool = False  # the store holds the embedded synthetic sample only

    @classmethod
    def new(cls, as_of: str, out: Path, t_start: float, **options: Any) -> "Batch":
        """A batch with a fresh run id: ``<date>T<HHMMSS UTC>-<6 hex>``."""
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%H%M%S")
        return cls(run_id=f"{as_of}T{stamp}-{uuid.uuid4().hex[:6]}", as_of=as_of, out=out,
                   t_start=t_start, **options)

    @property
    def date_dir(self) -> Path:
        return self.out / self.as_of

    @property
    def stage(self) -> Path:
        """The work area of this run; moved into place piece by piece, removed at the end."""
        return self.out / f".staging-{self.run_id}"

    def started(self) -> str:
        """The wall-clock start, in UTC, from the monotonic start."""
        return dt.datetime.fromtimestamp(time.time() - (time.perf_counter() - self.t_start),
                                         dt.timezone.utc).isoformat(timespec="seconds")

    def seconds(self) -> float:
        return round(time.perf_counter() - self.t_start, 3)

    def inputs(self) -> list[str] | None:
        """The ``--data`` arguments as given (for the manifest)."""
        if self.data is None:
            return None
        items = [self.data] if isinstance(self.data, (str, os.PathLike)) else list(self.data)
        return [str(p) for p in items]

    def data_record(self) -> dict[str, Any]:
        """The manifest's ``data`` block: the store read, its fingerprint and the inputs."""
        shown = str(self.date_dir / "_store") if self.built else (str(self.store) if self.store else None)
        record = {"store": shown, "fingerprint": self.fingerprint, "inputs": self.inputs(), "sample": self.sample}
        if self.incumbents is not None:
            hr = self.incumbents
            record["incumbents"] = {"file": str(hr.path), "sha256": hr.sha256, "people": len(hr.frame),
                                    "rows_left_out": int(hr.rejected["row"].nunique())}
        return record


@dataclass
class Run:
    """One report of a batch: the plan entry, where it runs, and what happened."""

    name: str
    slug: str
    notebook: str  # the notebook's name (its plan entry); ``source`` is the converted file
    audience: str
    parameters: dict[str, Any]
    run_id: str = ""
    as_of: str = ""
    store_dir: str = ""
    stage: str = ""  # the batch's staging folder: this run writes <slug>.* there
    source: str = ""
    injected: list[str] = field(default_factory=list)
    timeout: float = 600.0
    kernel: str = "python3"
    fingerprint: str | None = None
    data_date: str | None = None
    incumbents_file: str = ""  # ``--incumbents``, absolute; "" reads the bundled example file
    status: str = "pending"  # ok | failed | timeout
    error: str | None = None
    attempts: int = 0
    started: str | None = None
    finished: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    headline: dict[str, Any] | None = None
    html: str | None = None  # path relative to the date folder, when a page is shown
    ipynb: str | None = None
    previous: dict[str, Any] | None = None  # the earlier good run whose page is still shown

    @classmethod
    def planned(cls, spec: Any, batch: Batch, source: Path, injected: list[str]) -> "Run":
        """The record of one plan entry (a ``plan.ReportSpec``) in ``batch``."""
        return cls(name=spec.name, slug=spec.slug, notebook=spec.notebook_name, audience=spec.audience,
                   parameters=dict(spec.parameters), run_id=batch.run_id, as_of=batch.as_of,
                   store_dir=str(batch.store) if batch.store else "", stage=str(batch.stage),
                   source=str(source), injected=list(injected), timeout=float(batch.timeout),
                   kernel=batch.kernel or "python3", fingerprint=batch.fingerprint,
                   data_date=batch.data_date,
                   incumbents_file=str(batch.incumbents.path.resolve()) if batch.incumbents is not None else "")

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def path(self, suffix: str) -> Path:
        """``<stage>/<slug><suffix>``: where this run's files are staged."""
        return Path(self.stage) / f"{self.slug}{suffix}"

    def to_task(self, parent_pid: int) -> dict[str, Any]:
        """The JSON an executor process is given (``parent_pid``: the process it must die with)."""
        fields = {k: v for k, v in vars(self).items() if k not in MANIFEST_KEYS[5:]}
        return {**fields, "parent_pid": parent_pid}

    @classmethod
    def from_task(cls, task: dict[str, Any]) -> "Run":
        return cls(**{k: v for k, v in task.items() if k != "parent_pid"})

    def apply(self, result: dict[str, Any]) -> "Run":
        """Take the outcome an executor reported (``status``, ``error``, timings, headline)."""
        for key in _RESULT_KEYS:
            if key in result:
                setattr(self, key, result[key])
        self.attempts = int(self.attempts or 0)
        self.timings = self.timings or {}
        if self.status not in ("ok", "failed", "timeout"):
            self.status = "failed"
        return self

    def manifest_entry(self) -> dict[str, Any]:
        """This report's entry in ``manifest.json``."""
        return {key: getattr(self, key) for key in MANIFEST_KEYS}


@dataclass
class RunResult:
    """What ``report.run_plan`` returns: the batch's reports and where they were published."""

    run_id: str
    as_of: str
    out_dir: Path
    date_dir: Path
    reports: list[Run]
    manifest_path: Path
    index_path: Path
    seconds: float

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.reports if not r.ok]

    def summary(self, *, failed_only: bool = False) -> str:
        """Plain-text lines for the CLI: one per report (``failed_only``: the failed ones), then
        the totals and the index."""
        lines = []
        for r in self.reports:
            if failed_only and r.ok:
                continue
            took = r.timings.get("wall")
            extra = f" ({took:.1f} s)" if took is not None else ""
            lines.append(f"{r.status:8} {r.name}{extra}" + (f": {r.error}" if r.error else ""))
        lines.append(f"{len(self.reports) - len(self.failed)} ok, {len(self.failed)} failed in "
                     f"{self.seconds:.1f} s -> {self.index_path}")
        return "\n".join(lines)


# ------------------------------------------------------------------ manifest


def versions() -> dict[str, str]:
    """Python's and each relevant package's version, for the manifest."""
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def read_manifest(path: Path) -> dict | None:
    """A date's ``manifest.json``, or None when absent or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def batch_manifest(batch: Batch, runs: list[Run]) -> dict[str, Any]:
    """The manifest of a finished batch; an ``--only`` run keeps the date's other reports."""
    manifest = {
        "run_id": batch.run_id,
        "as_of": batch.as_of,
        "started": batch.started(),
        "finished": _utc_now(),
        "seconds": batch.seconds(),
        "plan": str(batch.plan_path or config.DEFAULT_PLAN),
        "engine": batch.engine, "jobs": batch.jobs, "timeout": batch.timeout, "kernel": batch.kernel,
        "data": batch.data_record(),
        "versions": versions(),
        "reports": [r.manifest_entry() for r in runs],
    }
    if batch.only:
        old = read_manifest(batch.date_dir / "manifest.json") or {}
        ran = {r.slug for r in runs}
        # The rerun reports take their old rows' places, so the index keeps the plan's order.
        fresh = {r["slug"]: r for r in manifest["reports"]}
        merged = [fresh.pop(r.get("slug")) if r.get("slug") in ran else r for r in old.get("reports", [])]
        manifest["reports"] = merged + list(fresh.values())
    return manifest


def record_failed_batch(batch: Batch, error: BaseException) -> None:
    """Add a batch that stopped to ``failed_runs`` of the date's manifest; skipped when there is no room."""
    path = batch.date_dir / "manifest.json"
    doc = read_manifest(path) or {"run_id": None, "as_of": batch.as_of, "reports": []}
    doc.setdefault("failed_runs", []).append({
        "run_id": batch.run_id, "started": batch.started(), "finished": _utc_now(), "error": str(error)})
    try:
        batch.date_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(doc, indent=2, default=str))
    except OSError:
        pass  # no room even for this: stderr has the error
