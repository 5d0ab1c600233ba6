"""The report runner: parallel notebooks, failures, timeouts, kills, atomic publishing."""

from __future__ import annotations

import hashlib
import re
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from workbench import executor, report
from workbench.errors import PlanError, StoreError

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
DATE = "2026-11-23"
pytestmark = pytest.mark.slow


def write_plan(tmp_path: Path, body: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text("reports:\n" + body, encoding="utf-8")
    return path


def run_plan(plan, **kwargs):
    """``report.run_plan`` on the fixture notebooks (the runner's argument, never a plan key)."""
    return report.run_plan(plan, notebooks_dir=FIXTURES, **kwargs)


EMPTY_FINGERPRINT = hashlib.sha256(b"").hexdigest()


def fake_store(tmp_path: Path) -> Path:
    """An empty, valid store the fixture notebooks never read (keeps the runner from ingesting data/raw)."""
    from workbench import store

    root = tmp_path / "store"
    if not root.exists():
        store.write_store({}, root)
    return root


def orphan_kernels(since: float) -> list[psutil.Process]:
    """ipykernel processes started since ``since`` whose parent is gone."""
    found = []
    for proc in psutil.process_iter(["pid", "ppid", "cmdline", "create_time"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if "ipykernel" in cmd and (proc.info["create_time"] or 0) >= since - 1:
            ppid = proc.info["ppid"]
            if ppid in (0, 1) or not psutil.pid_exists(ppid):
                found.append(proc)
    return found


def test_ensure_kernel_installs_a_workbench_kernelspec_for_this_python():
    from jupyter_client.kernelspec import KernelSpecManager

    assert report.ensure_kernel() == "workbench"
    spec = KernelSpecManager().get_kernel_spec("workbench")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve())


def test_failing_report_is_shown_failed_while_others_succeed(tmp_path):
    plan = write_plan(tmp_path, '  - {notebook: ok, name: "OK {level}", expand: {level: [1, 2]}}\n'
                                "  - {notebook: fails, name: Broken}\n")
    out = tmp_path / "out"
    result = run_plan(plan, out=out, data=fake_store(tmp_path), jobs=2, timeout=120, as_of=DATE)
    assert result.exit_code == 1 and not result.ok
    status = {r.slug: r.status for r in result.reports}
    assert status == {"ok-1": "ok", "ok-2": "ok", "broken": "failed"}
    broken = next(r for r in result.reports if r.slug == "broken")
    assert "ValueError: fixture failure: boom" in broken.error
    day = out / DATE
    assert (day / "ok-1.html").is_file() and (day / "ok-1.ipynb").is_file()
    assert not (day / "broken.html").exists()
    html = (day / "ok-1.html").read_text()
    assert "render.start" not in html and "import" not in html  # no code at all
    assert "Level 1: Account Manager" in html and "$85,000 – $95,000" in html
    index = (out / "index.html").read_text()
    assert "status-failed" in index and "fixture failure: boom" in index
    assert f'href="{DATE}/ok-1.html"' in index and "£42,000" in index
    manifest = json.loads((day / "manifest.json").read_text())
    assert manifest["run_id"] == result.run_id and manifest["data"]["fingerprint"] == EMPTY_FINGERPRINT
    assert manifest["versions"]["papermill"] and manifest["versions"]["pandas"]
    entry = {r["slug"]: r for r in manifest["reports"]}
    assert entry["ok-1"]["parameters"] == {"level": 1, "label": "Account Manager"}
    assert entry["ok-1"]["timings"]["wall"] > 0 and entry["broken"]["error"]
    assert not list(out.glob(".staging-*"))
    assert orphan_kernels(time.time() - 300) == []


def test_failed_rerun_keeps_the_previous_good_page(tmp_path):
    out = tmp_path / "out"
    good = write_plan(tmp_path, "  - {notebook: flaky, name: Flaky}\n", "good.yaml")
    bad = write_plan(tmp_path, "  - {notebook: flaky, name: Flaky, parameters: {fail: true}}\n", "bad.yaml")
    first = run_plan(good, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE)
    assert first.ok
    before = (out / DATE / "flaky.html").read_bytes()
    second = run_plan(bad, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE)
    assert second.exit_code == 1
    assert (out / DATE / "flaky.html").read_bytes() == before
    rep = second.reports[0]
    assert rep.status == "failed" and rep.previous["run_id"] == first.run_id and rep.html == "flaky.html"
    index = (out / "index.html").read_text()
    assert "previous good report" in index and "flaky fixture failed on purpose" in index


def test_timeout_and_kernel_death_are_failures_not_silent_successes(tmp_path):
    plan = write_plan(tmp_path, "  - {notebook: sleeps, name: Slow, parameters: {seconds: 120.0}}\n"
                                "  - {notebook: dies, name: Dies}\n")
    t0 = time.perf_counter()
    result = run_plan(plan, data=fake_store(tmp_path), out=tmp_path / "out", jobs=2, timeout=4, as_of=DATE)
    assert time.perf_counter() - t0 < 60
    by = {r.slug: r for r in result.reports}
    assert by["slow"].status == "timeout", by["slow"].error
    assert by["dies"].status == "failed" and "kernel died" in by["dies"].error
    assert result.exit_code == 1
    assert not (tmp_path / "out" / DATE / "slow.html").exists()
    assert orphan_kernels(t0) == []


def test_wall_clock_limit_kills_the_whole_tree(tmp_path, monkeypatch):
    # A negative grace makes the wall-clock limit fire before the per-cell timeout.
    monkeypatch.setattr(executor, "WALL_GRACE", -25.0)
    plan = write_plan(tmp_path, "  - {notebook: sleeps, name: Slow, parameters: {seconds: 120.0}}\n")
    t0 = time.perf_counter()
    result = run_plan(plan, data=fake_store(tmp_path), out=tmp_path / "out", jobs=1, timeout=30, as_of=DATE)
    assert time.perf_counter() - t0 < 30
    assert result.reports[0].status == "timeout" and "wall-clock" in result.reports[0].error
    assert orphan_kernels(t0) == []


RUNNER = """
import sys
from workbench import executor, report
report.run_plan(sys.argv[1], out=sys.argv[2], data=sys.argv[3], jobs=2, timeout=120, as_of="{date}",
                notebooks_dir=sys.argv[4])
"""


def test_sigkill_of_the_runner_leaves_no_partial_html_and_no_kernels(tmp_path):
    out = tmp_path / "out"
    good = write_plan(tmp_path, "  - {notebook: flaky, name: Flaky}\n", "good.yaml")
    assert run_plan(good, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE).ok
    before = (out / DATE / "flaky.html").read_bytes()

    slow = write_plan(tmp_path, "  - {notebook: flaky, name: Flaky}\n"
                                "  - {notebook: sleeps, name: Slow A, parameters: {seconds: 60.0}}\n"
                                "  - {notebook: sleeps, name: Slow B, parameters: {seconds: 60.0}}\n", "slow.yaml")
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER.format(date=DATE), str(slow), str(out),
                             str(fake_store(tmp_path)), str(FIXTURES)])
    runner = psutil.Process(proc.pid)
    deadline = time.time() + 60
    kernels: list[psutil.Process] = []
    while time.time() < deadline:  # wait until kernels are running mid-batch
        kernels = [p for p in runner.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        if len(kernels) >= 2:
            break
        time.sleep(0.3)
    assert kernels, "no kernel started"
    descendants = runner.children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(descendants, timeout=20)
    assert alive == [], f"processes outlived the runner: {[p.pid for p in alive]}"
    assert orphan_kernels(t0) == []
    # The killed run published nothing: the previous page is intact, no temp files.
    assert (out / DATE / "flaky.html").read_bytes() == before
    assert sorted(p.name for p in (out / DATE).iterdir()) == ["flaky.html", "flaky.ipynb", "flaky.json", "manifest.json"]
    # A re-run cleans the dead run's staging area and publishes normally.
    assert list(out.glob(".staging-*"))
    again = run_plan(good, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE)
    assert again.ok and not list(out.glob(".staging-*"))


def test_same_date_rerun_replaces_that_dates_run_and_only_merges(tmp_path):
    out = tmp_path / "out"
    plan = write_plan(tmp_path, '  - {notebook: ok, name: "OK {level}", expand: {level: [1, 2]}}\n')
    first = run_plan(plan, data=fake_store(tmp_path), out=out, jobs=2, timeout=120, as_of=DATE)
    second = run_plan(plan, data=fake_store(tmp_path), out=out, jobs=2, timeout=120, as_of=DATE,
                             only=["OK 2"])
    assert first.ok and second.ok and [r.slug for r in second.reports] == ["ok-2"]
    manifest = json.loads((out / DATE / "manifest.json").read_text())
    assert manifest["run_id"] == second.run_id
    assert sorted(r["slug"] for r in manifest["reports"]) == ["ok-1", "ok-2"]
    with pytest.raises(PlanError, match="no such report"):
        run_plan(plan, data=fake_store(tmp_path), out=out, as_of=DATE, only=["nope"])


def test_dask_engine_runs_the_same_reports(tmp_path):
    plan = write_plan(tmp_path, '  - {notebook: ok, name: "OK {level}", expand: {level: [1, 2]}}\n')
    result = run_plan(plan, data=fake_store(tmp_path), out=tmp_path / "out", jobs=2, timeout=120,
                             as_of=DATE, engine="dask")
    assert result.ok, [r.error for r in result.reports]
    assert (tmp_path / "out" / DATE / "ok-2.html").is_file()


def test_shipped_notebooks_run_on_a_store_and_keep_individual_pay_out(tmp_path):
    sys.path.insert(0, str(FIXTURES))
    try:
        import synthetic_store
    finally:
        sys.path.remove(str(FIXTURES))
    store = synthetic_store.build(tmp_path / "store", payload=True)
    out = tmp_path / "out"
    result = report.run_plan(None, out=out, data=store, jobs=2, timeout=300, as_of=DATE,
                             only=["Account Manager", "Internal vs market"])
    assert result.ok, [(r.name, r.error) for r in result.reports]
    role = (out / DATE / "account-manager.html").read_text()
    assert "Level 2: Account Manager" in role and "data:image/png;base64," in role
    head = next(r.headline for r in result.reports if r.slug == "account-manager")
    assert head["n"] == 12 and head["p50"] > 0
    analyst = (out / DATE / "internal-vs-market.html").read_text()
    import pandas as pd

    from workbench import config

    incumbents = pd.read_csv(config.INCUMBENTS, dtype=str)
    for value in list(incumbents["employee_id"]) + [f"{int(b):,}" for b in incumbents["base"].astype(float)]:
        assert value not in analyst
    assert "people" in analyst


def test_sigterm_to_the_runner_kills_its_kernels(tmp_path):
    plan = write_plan(tmp_path, "  - {notebook: sleeps, name: Slow, parameters: {seconds: 60.0}}\n")
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER.format(date=DATE), str(plan), str(tmp_path / "out"),
                             str(fake_store(tmp_path)), str(FIXTURES)], stderr=subprocess.DEVNULL)
    runner = psutil.Process(proc.pid)
    deadline = time.time() + 60
    while time.time() < deadline and not any("ipykernel" in " ".join(p.cmdline())
                                             for p in runner.children(recursive=True)):
        time.sleep(0.3)
    descendants = runner.children(recursive=True)
    assert descendants
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) != 0
    _, alive = psutil.wait_procs(descendants, timeout=10)
    assert alive == [] and orphan_kernels(t0) == []
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_raw_data_is_ingested_into_the_run_and_incumbents_are_left_out(tmp_path, monkeypatch):
    from workbench import config, pipeline, prepare

    seen = {}
    monkeypatch.setattr(pipeline, "run_ingest", lambda paths, store, **kw: seen.update(paths=paths, store=store))
    assert not prepare.is_store(config.RAW)  # data/raw has a postings/ folder of text files, not a store
    assert prepare.is_store(fake_store(tmp_path))
    found, raw = prepare.resolve_data([config.RAW])
    assert found is None and raw
    store = prepare.build_store(raw, tmp_path / "stage")
    assert store == tmp_path / "stage" / "_store" == seen["store"]
    assert seen["paths"] and all(p.name != "incumbents" for p in seen["paths"])


def test_timeout_must_be_positive_and_is_checked_before_anything_starts(tmp_path):
    plan = write_plan(tmp_path, "  - {notebook: ok}\n")
    for bad in (0, -1, float("nan")):
        with pytest.raises(PlanError, match="--timeout.*positive"):
            run_plan(plan, data=fake_store(tmp_path), out=tmp_path / "out", timeout=bad, as_of=DATE)
    assert not (tmp_path / "out").exists()


def test_a_store_that_disagrees_with_its_manifest_is_refused_before_any_report_runs(tmp_path):
    from workbench import store

    root = fake_store(tmp_path)
    version = store.open_version(root)
    (version.path / "postings" / "part-00001.parquet").write_bytes(b"PAR1 foreign")
    plan = write_plan(tmp_path, "  - {notebook: ok}\n")
    with pytest.raises(StoreError, match="not in the manifest.*workbench ingest"):
        run_plan(plan, data=root, out=tmp_path / "out", jobs=1, timeout=60, as_of=DATE)
    assert not list((tmp_path / "out").glob(f"{DATE}/*.html"))
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_only_with_other_data_is_refused(tmp_path):
    import pandas as pd

    from workbench import store

    out = tmp_path / "out"
    plan = write_plan(tmp_path, '  - {notebook: ok, name: "OK {level}", expand: {level: [1, 2]}}\n')
    assert run_plan(plan, data=fake_store(tmp_path), out=out, jobs=2, timeout=120, as_of=DATE).ok
    other = tmp_path / "other"
    posting = {"posting_id": "0" * 16, "source": "a.txt", "source_format": "txt", "encoding": "utf-8",
               "language": "en", "title": "Account Manager", "company": None, "location": None,
               "country": None, "date_posted": None, "salary_raw": None, "salary_structured": None,
               "text": "Account Manager", "fingerprint": hashlib.sha256(b"Account Manager").hexdigest()}
    store.write_store({"postings": pd.DataFrame([posting])}, other)
    before = (out / DATE / "manifest.json").read_bytes()
    with pytest.raises(PlanError, match="--only OK 2: the other pages of 2026-11-23 were built from other data"):
        run_plan(plan, data=other, out=out, jobs=1, timeout=120, as_of=DATE, only=["OK 2"])
    assert (out / DATE / "manifest.json").read_bytes() == before
    # The same data as that run: --only goes ahead.
    assert run_plan(plan, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE,
                    only=["OK 2"]).ok


def test_no_room_to_publish_is_one_line_and_recorded_in_the_run_manifest(tmp_path, monkeypatch):
    import errno

    from workbench.errors import DiskFullError

    out = tmp_path / "out"
    plan = write_plan(tmp_path, "  - {notebook: ok}\n")
    assert run_plan(plan, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE).ok

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / DATE / "ok.html"))

    monkeypatch.setattr(report, "_publish", full)
    with pytest.raises(DiskFullError) as err:
        run_plan(plan, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE)
    message = str(err.value)
    assert message.startswith("disk full while writing the reports") and "\n" not in message
    manifest = json.loads((out / DATE / "manifest.json").read_text())
    assert manifest["reports"][0]["status"] == "ok"  # the good run is still what the date shows
    assert "disk full" in manifest["failed_runs"][-1]["error"]
    assert not list(out.glob(".staging-*"))


# ------------------------------------------------------------ progress, -p, the user's HR file


class TimedLines:
    """A stream that notes when each line was written (off a terminal: lines, no bar)."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []

    def write(self, text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                self.lines.append((time.perf_counter(), line))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def test_a_progress_line_appears_as_each_report_finishes(tmp_path):
    from workbench.progress import Progress

    plan = write_plan(tmp_path, "  - {notebook: sleeps, name: Slow, parameters: {seconds: 8.0}}\n"
                                "  - {notebook: ok, name: Quick}\n")
    stream = TimedLines()
    t0 = time.perf_counter()
    result = run_plan(plan, data=fake_store(tmp_path), out=tmp_path / "out", jobs=2, timeout=120, as_of=DATE,
                      progress=Progress(stream))
    ended = time.perf_counter()
    assert result.ok, [r.error for r in result.reports]
    done = {line.split()[-4]: (at, line) for at, line in stream.lines if re.search(r"\d/2 ok ", line)}
    assert set(done) == {"Quick", "Slow"}, stream.lines
    quick_at, quick = done["Quick"]
    slow_at, slow = done["Slow"]
    # The quick report's line is written while the slow one still sleeps, not at the end.
    assert quick_at < slow_at - 4 and quick_at < ended - 4
    assert re.search(r"^\[\s*[\d.]+ s\] 1/2 ok      Quick in [\d.]+ s$", quick)
    assert re.search(r"^\[\s*[\d.]+ s\] 2/2 ok      Slow in (8|9|\d\d)\.\d s$", slow)
    steps = [line for _, line in stream.lines]
    assert any("reading the store" in s for s in steps) and any("running 2 report(s), 2 at a time" in s for s in steps)
    assert quick_at - t0 < slow_at - t0


def test_p_overrides_reach_the_notebook_and_name_the_page(tmp_path):
    plan = write_plan(tmp_path, '  - {notebook: ok, name: "OK {level}", expand: {level: [1, 2]}}\n')
    out = tmp_path / "out"
    assert run_plan(plan, data=fake_store(tmp_path), out=out, jobs=2, timeout=120, as_of=DATE).ok
    result = run_plan(plan, data=fake_store(tmp_path), out=out, jobs=1, timeout=120, as_of=DATE,
                      only=["ok 1"], overrides=[("level", "3"), ("label", "Key accounts")])
    assert result.ok, [r.error for r in result.reports]
    assert [(r.name, r.parameters["level"]) for r in result.reports] == [("OK 3 (label Key accounts)", 3)]
    page = (out / DATE / "ok-3-label-key-accounts.html").read_text(encoding="utf-8")
    assert "Level 3: Key accounts" in page
    # -p without --only adds pages beside the date's others too
    assert run_plan(plan, data=fake_store(tmp_path), out=out, jobs=2, timeout=120, as_of=DATE,
                    overrides=[("label", "Coordinator")]).ok
    manifest = json.loads((out / DATE / "manifest.json").read_text())
    assert sorted(r["slug"] for r in manifest["reports"]) == [
        "ok-1", "ok-1-label-coordinator", "ok-2", "ok-2-label-coordinator", "ok-3-label-key-accounts"]
    assert all((out / DATE / f"{r['slug']}.html").is_file() for r in manifest["reports"])


def _planted_hr_file(path: Path) -> Path:
    """23 people at level 4 paid far above the market (all in the top band), 7 at level 2."""
    import pandas as pd

    rows = [{"Employee ID": f"P4-{i:02d}", "Level": 4, "Currency": "GBP", "Base": 150_000 + 10 * i,
             "Role": "Account Director"} for i in range(23)]
    rows += [{"Employee ID": f"P2-{i:02d}", "Level": 2, "Currency": "GBP", "Base": 38_000 + 10 * i,
              "Role": "Account Manager"} for i in range(7)]
    rows.append({"Employee ID": "BAD-1", "Level": 2, "Currency": "GBP", "Base": "unknown", "Role": "x"})
    pd.DataFrame(rows).to_excel(path, index=False)
    return path


def test_the_users_hr_file_is_what_the_internal_vs_market_page_shows(tmp_path):
    sys.path.insert(0, str(FIXTURES))
    try:
        import synthetic_store
    finally:
        sys.path.remove(str(FIXTURES))
    store = synthetic_store.build(tmp_path / "store")
    hr = _planted_hr_file(tmp_path / "my_hr.xlsx")
    out = tmp_path / "out"
    result = report.run_plan(None, out=out, data=store, jobs=1, timeout=300, as_of=DATE,
                             only=["internal vs market"], incumbents=hr)
    assert result.ok, [(r.name, r.error) for r in result.reports]
    page = (out / DATE / "internal-vs-market.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S) for r in rows]
    level4 = next(c for c in cells if c and c[0].strip() == "4")
    assert level4[1].strip() == "23"  # people
    assert level4[-1].strip() == "23"  # all 23 in "1.20 and above"
    assert "Internal pay: 30 people from my_hr.xlsx. 1 row(s) left out: base is not a number: 1 row(s) (32)." in page
    assert "P4-" not in page and "150,0" not in page and "BAD-1" not in page
    manifest = json.loads((out / DATE / "manifest.json").read_text())
    assert manifest["data"]["incumbents"]["people"] == 30
    assert manifest["data"]["incumbents"]["rows_left_out"] == 1
    assert result.reports[0].headline["n"] == 30


def test_an_hr_file_missing_a_column_is_refused_before_anything_runs(tmp_path, monkeypatch):
    import pandas as pd

    from workbench.errors import SchemaError

    started = []
    monkeypatch.setattr(executor, "start_slots", lambda *a: started.append(a))
    bad = tmp_path / "hr.csv"
    pd.DataFrame([{"employee_id": "A", "level": 2, "currency": "GBP"}]).to_csv(bad, index=False)
    with pytest.raises(SchemaError, match="missing required column.* base"):
        report.run_plan(None, out=tmp_path / "out", data=fake_store(tmp_path), as_of=DATE, incumbents=bad)
    assert started == [] and not (tmp_path / "out").exists()


def test_the_longest_notebooks_start_first_and_the_rest_keep_plan_order():
    from types import SimpleNamespace

    from workbench.report import LONG_FIRST, start_order

    names = ["role_benchmark", "role_benchmark", *LONG_FIRST, "pay_by_region", "data_quality"]
    runs = [SimpleNamespace(notebook=name, slug=f"r{i}") for i, name in enumerate(names)]
    order = start_order(runs)
    assert [r.notebook for r in order[:len(LONG_FIRST)]] == list(LONG_FIRST)
    assert [r.slug for r in order[len(LONG_FIRST):]] == ["r0", "r1", "r3", "r4"]
    assert [r.slug for r in runs] == [f"r{i}" for i in range(5)]  # the plan's list is not reordered
