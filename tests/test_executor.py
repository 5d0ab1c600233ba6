"""Supervision: outcomes decided from exit status and result file; live trees killed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import psutil

from workbench import executor
from workbench.runs import Run


def a_run(tmp_path) -> Run:
    return Run(name="R", slug="r", notebook="nb", audience="recruiter", parameters={}, stage=str(tmp_path))


def collect(run, **kw):
    return executor.collect(run, wall=10.0, started=dt.datetime.now(dt.timezone.utc), elapsed=1.25,
                            log_path=run.path(".log"), **kw)


def test_a_timeout_is_a_timeout_whatever_the_notebook_says(tmp_path):
    run = a_run(tmp_path)
    run.path(".result.json").write_text(json.dumps({"status": "ok"}))
    result = collect(run, code=None, timed_out=True)
    assert result["status"] == "timeout" and "wall-clock limit of 10 s" in result["error"]
    assert result["timings"]["wall"] == 1.25


def test_an_ok_result_from_an_executor_that_exited_badly_is_a_failure(tmp_path):
    run = a_run(tmp_path)
    run.path(".result.json").write_text(json.dumps({"status": "ok", "timings": {"execute": 1}}))
    assert collect(run, code=0, timed_out=False)["status"] == "ok"
    bad = collect(run, code=3, timed_out=False)
    assert bad["status"] == "failed" and "status 3" in bad["error"]


def test_a_killed_executor_without_a_result_is_named_with_its_log(tmp_path):
    run = a_run(tmp_path)
    run.path(".log").write_text("MemoryError somewhere")
    result = collect(run, code=-9, timed_out=False)
    assert result["status"] == "failed" and "killed by signal 9" in result["error"]
    assert "MemoryError" in result["error"]


def test_kill_all_live_kills_registered_executors_and_their_children(tmp_path):
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    executor._register(proc)
    try:
        deadline = time.time() + 10
        while time.time() < deadline and not psutil.Process(proc.pid).children():
            time.sleep(0.05)
        child = psutil.Process(proc.pid).children()[0]
        executor.kill_all_live()
        assert proc.wait(timeout=5) == -9
        child.wait(timeout=5)
        assert not child.is_running()
    finally:
        executor._unregister(proc)
