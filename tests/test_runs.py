"""Run records: what travels to the executor, what comes back, what the manifest keeps."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.plan import ReportSpec
from workbench.runs import MANIFEST_KEYS, Batch, Run, batch_manifest, read_manifest, record_failed_batch


def a_batch(tmp_path: Path, **options) -> Batch:
    return Batch.new("2026-11-23", tmp_path / "out", 0.0, **options)


def test_a_planned_run_carries_its_plan_entry_and_the_batch_facts(tmp_path):
    batch = a_batch(tmp_path, timeout=30, kernel="workbench")
    batch.store, batch.fingerprint = tmp_path / "store", "abc"
    spec = ReportSpec(name="Role 2", slug="role-2", notebook=Path("notebooks/role_benchmark.py"),
                      parameters={"level": 2}, audience="recruiter")
    run = Run.planned(spec, batch, tmp_path / "src.ipynb", ["store_dir"])
    assert (run.notebook, run.parameters, run.store_dir) == ("role_benchmark", {"level": 2}, str(tmp_path / "store"))
    assert run.run_id.startswith("2026-11-23T") and run.stage == str(batch.stage)
    assert run.path(".html") == batch.stage / "role-2.html"
    # The task an executor reads has no outcome fields, and rebuilds the same record.
    task = json.loads(json.dumps(run.to_task(123)))
    assert task["parent_pid"] == 123 and "status" not in task and "previous" not in task
    assert Run.from_task(task) == run


def test_an_executor_result_becomes_the_outcome_and_the_manifest_entry(tmp_path):
    run = Run(name="R", slug="r", notebook="nb", audience="analyst", parameters={})
    run.apply({"status": "timeout", "error": "wall-clock limit", "attempts": 1, "timings": {"wall": 2.5},
               "traceback": "not kept"})
    entry = run.manifest_entry()
    assert tuple(entry) == MANIFEST_KEYS
    assert (entry["status"], entry["error"], entry["timings"]) == ("timeout", "wall-clock limit", {"wall": 2.5})
    assert Run(name="R", slug="r", notebook="nb", audience="a", parameters={}).apply(
        {"status": "weird"}).status == "failed"


def test_an_only_run_keeps_the_other_reports_of_the_date(tmp_path):
    batch = a_batch(tmp_path, only="r")
    batch.date_dir.mkdir(parents=True)
    (batch.date_dir / "manifest.json").write_text(json.dumps(
        {"reports": [{"slug": "other", "status": "ok"}, {"slug": "r", "status": "failed"}]}))
    run = Run(name="R", slug="r", notebook="nb", audience="recruiter", parameters={}, status="ok")
    manifest = batch_manifest(batch, [run])
    assert [r["slug"] for r in manifest["reports"]] == ["other", "r"]
    assert manifest["reports"][1]["status"] == "ok" and manifest["versions"]["python"]
    assert manifest["data"] == {"store": None, "fingerprint": None, "inputs": None, "sample": False}


def test_an_only_run_keeps_the_plan_order_of_the_date(tmp_path):
    batch = a_batch(tmp_path, only="a")
    batch.date_dir.mkdir(parents=True)
    (batch.date_dir / "manifest.json").write_text(json.dumps(
        {"reports": [{"slug": s, "status": "ok"} for s in ("a", "b", "c")]}))
    run = Run(name="A", slug="a", notebook="nb", audience="recruiter", parameters={}, status="failed")
    manifest = batch_manifest(batch, [run])
    assert [(r["slug"], r["status"]) for r in manifest["reports"]] == [("a", "failed"), ("b", "ok"), ("c", "ok")]


def test_a_built_store_is_named_under_the_date_and_a_stopped_batch_is_listed(tmp_path):
    batch = a_batch(tmp_path, data=[tmp_path / "raw"])
    batch.built = True
    assert batch.data_record()["store"] == str(batch.date_dir / "_store")
    assert batch.data_record()["inputs"] == [str(tmp_path / "raw")]
    record_failed_batch(batch, OSError("disk full"))
    failed = read_manifest(batch.date_dir / "manifest.json")["failed_runs"]
    assert failed[0]["run_id"] == batch.run_id and failed[0]["error"] == "disk full"
