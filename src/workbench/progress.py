"""What a report run says while it runs: a line per step and per finished report.

``workbench report`` used to print nothing until the end (17 s on the default data,
33 s on 20,000 postings). :class:`Progress` writes one line per step (the store checked
or built, the reports started) and one line per report as it finishes, with its status,
its own time and the time since the run started; on a terminal a tqdm bar counts the
reports, and the lines are written above it. Off a terminal (cron, CI, a pipe) there is
no bar, only the lines. :data:`QUIET` says nothing (library calls and tests).
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

__all__ = ["QUIET", "Progress", "as_progress"]


class Progress:
    """Lines on ``stream`` (default stderr) and, on a terminal, a bar of reports done."""

    def __init__(self, stream: TextIO | None = None, *, bar: bool | None = None,
                 started: float | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.use_bar = bool(isatty and isatty()) if bar is None else bar
        self.started = time.perf_counter() if started is None else started
        self.total = 0
        self.done_count = 0
        self._bar: Any = None

    @property
    def terminal(self) -> bool:
        """True when the stream is a terminal (a bar is drawn; ingest may draw its own)."""
        return self.use_bar

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def _write(self, text: str) -> None:
        line = f"[{self.elapsed():6.1f} s] {text}"
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """One line about a step of the run."""
        self._write(text)

    def start(self, total: int, jobs: int) -> None:
        """The reports are about to run: a line, and the bar on a terminal."""
        self.total = total
        self._write(f"running {total} report(s), {min(jobs, total)} at a time")
        if self.use_bar and total:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=total, unit="report", file=self.stream, leave=False,
                             dynamic_ncols=True, desc="reports")

    def finished(self, run: Any) -> None:
        """A report finished (``run``: a :class:`workbench.runs.Run` with its outcome applied)."""
        self.done_count += 1
        took = (run.timings or {}).get("wall")
        own = f" in {took:.1f} s" if took is not None else ""
        why = f": {str(run.error).splitlines()[0][:200]}" if run.error and not run.ok else ""
        self._write(f"{self.done_count}/{self.total} {run.status:<7} {run.name}{own}{why}")
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar (the lines stay)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class _Quiet(Progress):
    """Says nothing."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, bar=False)

    def _write(self, text: str) -> None:
        pass


QUIET = _Quiet()


def as_progress(progress: Progress | bool | None, started: float | None = None) -> Progress:
    """``True``: lines on stderr (a bar on a terminal); ``False``/``None``: quiet; a ``Progress``: itself."""
    if isinstance(progress, Progress):
        return progress
    return Progress(started=started) if progress else _Quiet()
