"""Progress lines of a report run: one per step and per finished report; a bar only on a terminal."""

from __future__ import annotations

import io

from workbench import progress
from workbench.runs import Run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def finished(name: str, status: str = "ok", wall: float = 2.5, error: str | None = None) -> Run:
    return Run(name=name, slug=name.lower(), notebook="nb", audience="recruiter", parameters={},
               status=status, error=error, timings={"wall": wall})


def test_a_line_per_finished_report_with_its_time_and_the_elapsed_time():
    stream = io.StringIO()
    shown = progress.Progress(stream, started=0.0)
    shown.start(2, jobs=2)
    shown.finished(finished("Level 2"))
    shown.finished(finished("Data quality", status="failed", error="ValueError: boom\ntraceback"))
    shown.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("running 2 report(s), 2 at a time")
    assert lines[1].endswith("1/2 ok      Level 2 in 2.5 s")
    assert lines[2].endswith("2/2 failed  Data quality in 2.5 s: ValueError: boom")
    assert all(line.startswith("[") and " s] " in line for line in lines)
    assert "\r" not in stream.getvalue()  # no bar off a terminal


def test_a_bar_is_drawn_on_a_terminal_and_the_lines_still_appear():
    stream = Terminal()
    shown = progress.Progress(stream)
    assert shown.terminal
    shown.start(3, jobs=1)
    shown.finished(finished("Level 1"))
    shown.close()
    text = stream.getvalue()
    assert "reports" in text and "1/3" in text and "\r" in text
    assert "1/3 ok      Level 1 in 2.5 s" in text


def test_quiet_says_nothing_and_as_progress_picks_the_kind(capsys):
    assert progress.as_progress(None) is not None and not progress.as_progress(False).terminal
    mine = progress.Progress(io.StringIO())
    assert progress.as_progress(mine) is mine
    quiet = progress.as_progress(False)
    quiet.note("nothing")
    quiet.start(1, 1)
    quiet.finished(finished("x"))
    quiet.close()
    assert capsys.readouterr() == ("", "")
