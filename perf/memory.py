"""Benchmark: peak memory of `workbench ingest` on inputs that used to take gigabytes.

Each case runs ``workbench ingest FILE --store DIR`` (ingest, extraction and the store
write: the path a user takes, every core) as a child process, and a thread here samples
the resident memory of that child and all its descendants every 50 ms with psutil; the
figure is the largest sum seen (forked workers share pages, so the sum overstates real
use: a conservative figure against the budget). Cases and budgets (issue 22):

* a one-line text file of ``BENCH_MEMORY_TEXT_MB`` MB (default 200), which must be
  rejected (the size limit) under 500 MB; it took 3.7 GB before;
* an ``.xlsx`` workbook of ``BENCH_MEMORY_ROWS`` rows (default 10^6; about 10 MB, cell
  texts in a shared-strings table as Excel writes them), ingested under 1.5 GB; it
  took 7.6 GB in one process before;
* a JSON array of about ``BENCH_MEMORY_JSON_MB`` MB (default 160) of JSON-LD postings,
  streamed item by item; a 161 MB array took 2.4 GB before.

The inputs are synthetic (``workbench.synth``), written to a temporary folder first;
the floor (the same command on one small file) is measured too. ``BENCH_MEMORY_CASES``
(``floor,text,xlsx,json``) runs some of them. There is no switch to leave extraction out:
the budgets are for the whole command.

    python perf/memory.py
    BENCH_MEMORY_ROWS=20000 BENCH_MEMORY_TEXT_MB=60 BENCH_MEMORY_JSON_MB=5 python perf/memory.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

MB = 1_000_000
INTERVAL = 0.05
BUDGETS_MB = {"text": 500.0, "xlsx": 1500.0}
BEFORE_MB = {"text": 3700.0, "xlsx": 7600.0, "json": 2400.0}  # issue 22's measurements


class TreePeak:
    """Sample the summed RSS of a process and its descendants every ``INTERVAL`` seconds."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        self.peak = max(self.peak, total)
        self.samples += 1

    def _poll(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(INTERVAL)

    def start(self) -> "TreePeak":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _workbench() -> list[str]:
    script = Path(sys.executable).with_name("workbench")
    return [str(script)] if script.exists() else [sys.executable, "-m", "workbench.cli"]


def measure(path: Path, store: Path) -> dict:
    """Run ``workbench ingest PATH --store STORE`` and return its peak tree RSS, time and summary."""
    command = [*_workbench(), "ingest", str(path), "--store", str(store), "--no-progress"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreePeak(child.pid).start()
    out, err = child.communicate()
    sampler.stop()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"workbench ingest {path.name} failed ({child.returncode}): {err.strip()[-400:]}")
    return {"peak_mb": sampler.peak / MB, "seconds": seconds, "summary": out.strip().splitlines()[0],
            "samples": sampler.samples}


# --------------------------------------------------------------------------- inputs


def write_one_line_text(path: Path, megabytes: float) -> Path:
    """A text file of one line (no newline at all), written a block at a time."""
    block = ("Account Manager salary £30,000 " * 33_000)[:MB]
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(int(megabytes)):
            handle.write(block)
    return path


def write_workbook(path: Path, rows: int) -> Path:
    """An Excel-style workbook of ``rows`` postings (title, description, salary) from a
    pool of 300 synthetic postings; texts go to the shared-strings table."""
    import xlsxwriter

    from workbench import synth

    pool = [(p["title"], p["description"][:600], p["salary_raw"] or "") for p in synth.generate(300, seed=22)]
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Postings")
    sheet.write_row(0, 0, ["Title", "Description", "Salary"])
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, pool[row % len(pool)])
    workbook.close()
    return path


def write_json_array(path: Path, megabytes: float) -> tuple[Path, int]:
    """A JSON array of JSON-LD postings of about ``megabytes`` MB; returns (path, items)."""
    from workbench import synth

    target = int(megabytes * MB)
    written, count = 0, 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for posting in synth.generate(10_000_000, seed=23):
            item = {"@context": "https://schema.org", "@type": "JobPosting", "title": posting["title"],
                    "description": posting["description"],
                    "hiringOrganization": {"@type": "Organization", "name": posting["company"]},
                    "jobLocation": {"@type": "Place", "address": posting["location"]}}
            text = ("" if not count else ",\n") + json.dumps(item, ensure_ascii=False)
            handle.write(text)
            written += len(text.encode("utf-8"))
            count += 1
            if written >= target:
                break
        handle.write("\n]\n")
    return path, count


# --------------------------------------------------------------------------- run


def _row(metric: str, result: dict, budget: float | None, before: float | None, note: str) -> dict:
    return {"metric": metric, "value": round(result["peak_mb"], 1), "unit": "MB",
            "peer": f"budget {budget:,.0f} MB" if budget else (f"before: {before:,.0f} MB" if before else None),
            "peer_value": budget or before,
            "ratio": round(result["peak_mb"] / (budget or before), 3) if (budget or before) else None,
            "note": f"{note}; {result['seconds']:.1f} s wall, {result['samples']} samples; {result['summary']}"}


def run() -> list[dict]:
    """Write the inputs, ingest each in a child process and report the peak of its process tree."""
    text_mb = float(os.environ.get("BENCH_MEMORY_TEXT_MB", "200"))
    rows = int(os.environ.get("BENCH_MEMORY_ROWS", "1000000"))
    json_mb = float(os.environ.get("BENCH_MEMORY_JSON_MB", "160"))
    cases = set(os.environ.get("BENCH_MEMORY_CASES", "floor,text,xlsx,json").split(","))
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        base = Path(tmp)
        if "floor" in cases:
            small = base / "small.txt"
            small.write_text("Account Manager\nWe are hiring an account manager in Leeds.\n", encoding="utf-8")
            out.append(_row("ingest floor: one small text file", measure(small, base / "store_floor"), None, None,
                            "interpreter and imports"))
        if "text" in cases:
            text = write_one_line_text(base / "one_line.txt", text_mb)
            out.append(_row(f"{text_mb:,.0f} MB one-line text file, rejected", measure(text, base / "store_text"),
                            BUDGETS_MB["text"], BEFORE_MB["text"],
                            f"before: {BEFORE_MB['text']:,.0f} MB; rejected by the size limit"))
        if "xlsx" in cases:
            book = write_workbook(base / "rows.xlsx", rows)
            out.append(_row(f"{rows:,}-row xlsx ({book.stat().st_size / MB:.1f} MB), ingested",
                            measure(book, base / "store_xlsx"), BUDGETS_MB["xlsx"], BEFORE_MB["xlsx"],
                            f"before: {BEFORE_MB['xlsx']:,.0f} MB; rows streamed, written 10,000 a part"))
        if "json" in cases:
            array, items = write_json_array(base / "array.json", json_mb)
            out.append(_row(f"{array.stat().st_size / MB:,.0f} MB JSON array ({items:,} postings), streamed",
                            measure(array, base / "store_json"), None, BEFORE_MB["json"],
                            f"before: a 161 MB array took {BEFORE_MB['json']:,.0f} MB"))
    return out


if __name__ == "__main__":
    for row in run():
        print(row)
