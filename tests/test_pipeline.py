"""Tests for workbench.pipeline: streaming runs, both engines, extraction isolation.

Extraction is a stand-in defined here (``fake_extract_frame``) so these tests check
the pipeline's plumbing, not the extraction rules.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from workbench import pipeline, schemas, store
from workbench.errors import WorkbenchError

TABLE_KEYS = {
    "postings": ["posting_id"],
    "rejects": ["source", "stage", "reason"],
    "records": ["record_id"],
    "salaries": ["record_id", "idx"],
    "time_allocation": ["record_id", "idx"],
    "responsibilities": ["record_id", "idx"],
    "skills": ["record_id", "idx"],
}


def fake_extract_frame(postings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One record per posting, one salary row when there is a pay field, a skill per line."""
    records = pd.DataFrame({
        "record_id": postings["posting_id"] + ":0", "posting_id": postings["posting_id"],
        "source": postings["source"], "title": postings["title"], "company": postings["company"],
        "location": postings["location"], "country": postings["country"],
        "language": postings["language"], "date_posted": postings["date_posted"],
        "role_family": "account_management", "role_level": 2, "role_label": "Account Manager",
        "role_confidence": 0.5, "experience_min": None, "experience_max": None, "education": None,
        "record_json": [json.dumps({"title": t}) for t in postings["title"]],
    })
    paid = postings[postings["salary_raw"].notna()]
    salaries = pd.DataFrame({
        "record_id": paid["posting_id"] + ":0", "idx": 0, "text": paid["salary_raw"], "low": 1.0,
        "high": None, "currency": "GBP", "period": "year", "period_inferred": False,
        "component": "base", "gross": None, "months_per_year": None, "masked": False,
        "annual_low": 1.0, "annual_high": None, "convention": "GB",
    })
    skills = [
        {"record_id": pid + ":0", "idx": i, "name": line, "level": None}
        for pid, text in zip(postings["posting_id"], postings["text"])
        for i, line in enumerate(text.split("\n"))
    ]
    return {"records": records, "salaries": salaries, "skills": pd.DataFrame(skills),
            "rejects": schemas.empty("rejects")}


def exploding_extract_frame(postings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Fails on any posting whose text mentions BOOM, works otherwise."""
    if postings["text"].str.contains("BOOM").any():
        raise ValueError("cannot parse BOOM")
    return fake_extract_frame(postings)


def _make_inputs(folder):
    folder.mkdir()
    for i in range(6):
        (folder / f"ad{i}.txt").write_text(f"Title: Account Manager {i}\nCompany: Co{i}\n"
                                           f"Description: Grow accounts {i}.\nLine two.\n", encoding="utf-8")
    lines = [json.dumps({"id": str(i), "title": f"KAM {i}", "description": f"<p>Keep client {i}</p>",
                         "salary_raw": f"£{30 + i}k", "country": "GB"}) for i in range(9)]
    lines.insert(4, "{broken")
    (folder / "part-00000.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.html").write_text("<html><body><p>Account", encoding="utf-8")
    return folder


@pytest.fixture()
def inputs(tmp_path):
    return _make_inputs(tmp_path / "raw")


@pytest.fixture(scope="module")
def pooled_run(tmp_path_factory):
    """One local run on two processes, shared by the comparisons below."""
    base = tmp_path_factory.mktemp("pooled")
    folder = _make_inputs(base / "raw")
    summary = pipeline.run_ingest(folder, base / "store", jobs=2, chunk_size=4, progress=False,
                                  extractor=fake_extract_frame)
    return folder, summary


def _tables(store_dir):
    out = {}
    for name, keys in TABLE_KEYS.items():
        frame = store.read_table(name, store_dir)
        out[name] = frame.sort_values(keys).reset_index(drop=True)
    return out


def _assert_same_tables(left, right):
    for name in TABLE_KEYS:
        pd.testing.assert_frame_equal(left[name], right[name], check_like=False, obj=name)


def test_run_ingest_local_writes_every_table_in_parts(pooled_run):
    _, summary = pooled_run
    root = summary.store_dir
    assert (summary.n_files, summary.n_postings, summary.n_records, summary.n_rejects) == (9, 15, 15, 3)
    assert summary.seconds > 0
    parts = [p.name for p in store.part_files("postings", root)]
    assert len(parts) >= 4 and parts[0] == "part-00000.parquet"
    tables = _tables(root)
    assert len(tables["salaries"]) == 9
    assert tables["rejects"]["reason"].str.contains("malformed JSON|empty file|truncated HTML").all()
    manifest = store.read_manifest(root)
    assert manifest["counts"]["postings"] == 15
    assert manifest["inputs_fingerprint"] == store.inputs_fingerprint(tables["postings"]["fingerprint"])
    # Where the time went: CPU seconds per stage, summed over the workers.
    assert set(summary.stage_seconds) == {"ingest", "extract", "write"}
    assert all(v >= 0 for v in summary.stage_seconds.values())
    assert summary.stage_seconds["write"] > 0  # every unit writes Parquet parts
    assert manifest["stage_cpu_seconds"] == dict(summary.stage_seconds)


def test_single_process_and_pool_give_identical_stores(pooled_run, tmp_path):
    folder, pooled = pooled_run
    pipeline.run_ingest(folder, tmp_path / "one", jobs=1, chunk_size=4, progress=False,
                        extractor=fake_extract_frame)
    _assert_same_tables(_tables(tmp_path / "one"), _tables(pooled.store_dir))


def test_dask_engine_matches_local_engine(pooled_run, tmp_path):
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    folder, pooled = pooled_run
    tests_dir = str(Path(__file__).resolve().parent)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        # Workers are fresh processes: make sure they can import this test module.
        client.run(lambda path: sys.path.insert(0, path) if path not in sys.path else None, tests_dir)
        summary = pipeline.run_ingest(folder, tmp_path / "dask", engine="dask", scheduler=client,
                                      chunk_size=4, progress=False, extractor=fake_extract_frame)
    assert summary.n_postings == 15
    _assert_same_tables(_tables(pooled.store_dir), _tables(tmp_path / "dask"))
    local_manifest = store.read_manifest(pooled.store_dir)
    dask_manifest = store.read_manifest(tmp_path / "dask")
    assert local_manifest["inputs_fingerprint"] == dask_manifest["inputs_fingerprint"]
    assert local_manifest["counts"] == dask_manifest["counts"]


def test_failing_extraction_costs_only_the_bad_posting(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for i, word in enumerate(["fine", "BOOM", "fine"]):
        (folder / f"{i}.txt").write_text(f"Account Manager\nThis one is {word}.", encoding="utf-8")
    summary = pipeline.run_ingest(folder, tmp_path / "store", jobs=1, progress=False,
                                  extractor=exploding_extract_frame)
    assert (summary.n_postings, summary.n_records) == (3, 2)
    rejects = store.read_table("rejects", tmp_path / "store")
    assert rejects["stage"].tolist() == ["extract"]
    assert rejects["source"].iloc[0].endswith("1.txt")
    assert "cannot parse BOOM" in rejects["reason"].iloc[0]


def test_postings_that_break_the_contract_cost_their_unit_not_the_run(monkeypatch, tmp_path):
    # An ingest bug that lets a posting break the contract (say a date written
    # "999-01-01") used to stop the run: the fallback wrote the same postings again.
    folder = tmp_path / "raw"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Account Manager\nPosting number {i}.", encoding="utf-8")
    real = pipeline.iter_unit

    def buggy_ingest(unit, **kwargs):
        for postings, rejects in real(unit, **kwargs):
            if any(s.path.endswith("1.txt") for s in unit.slices):
                postings["date_posted"] = "999-01-01"
            yield postings, rejects

    monkeypatch.setattr(pipeline, "iter_unit", buggy_ingest)
    summary = pipeline.run_ingest(folder, tmp_path / "store", jobs=1, chunk_size=1, progress=False,
                                  extractor=fake_extract_frame)
    assert summary.n_postings == 2
    rejects = store.read_table("rejects", tmp_path / "store")
    assert rejects["stage"].tolist() == ["ingest"]
    assert rejects["source"].iloc[0].endswith("1.txt")
    assert "failed schema validation" in rejects["reason"].iloc[0]


def test_extractor_false_writes_postings_only(inputs, tmp_path):
    summary = pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, progress=False, extractor=False)
    assert summary.n_records == 0 and summary.n_postings == 15
    assert store.read_table("records", tmp_path / "store").empty


def test_default_extractor_is_workbench_extract(monkeypatch, inputs, tmp_path):
    stand_in = types.ModuleType("workbench.extract")
    stand_in.extract_frame = fake_extract_frame
    monkeypatch.setitem(sys.modules, "workbench.extract", stand_in)
    summary = pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, progress=False)
    assert summary.n_records == 15


def test_rerun_replaces_the_store_and_drops_the_old_version(inputs, tmp_path):
    pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, chunk_size=2, progress=False, extractor=False)
    first = store.read_manifest(tmp_path / "store")["store_version"]
    for path in inputs.glob("ad*.txt"):
        path.unlink()
    summary = pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, chunk_size=2, progress=False,
                                  extractor=False)
    assert len(store.read_table("postings", tmp_path / "store")) == summary.n_postings == 9
    manifest = store.read_manifest(tmp_path / "store")
    assert manifest["counts"]["postings"] == 9 and manifest["store_version"] != first
    assert [p.name for p in (tmp_path / "store" / "versions").iterdir()] == [manifest["store_version"]]
    assert [r["status"] for r in store.runs(tmp_path / "store")] == ["ok", "ok"]


def test_a_failing_unit_publishes_nothing_and_keeps_the_previous_version(inputs, tmp_path, monkeypatch):
    pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, chunk_size=2, progress=False, extractor=False)
    before = store.read_manifest(tmp_path / "store")
    real = pipeline.iter_unit

    def breaks_on_the_third_unit(unit, **kwargs):
        if unit.index == 2:
            raise RuntimeError("unit 2 cannot be read")
        return real(unit, **kwargs)

    monkeypatch.setattr(pipeline, "iter_unit", breaks_on_the_third_unit)
    with pytest.raises(RuntimeError, match="unit 2"):
        pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, chunk_size=2, progress=False, extractor=False)
    assert store.read_manifest(tmp_path / "store") == before
    assert len(store.read_table("postings", tmp_path / "store")) == 15
    assert not list((tmp_path / "store").glob(".staging-*"))
    last = store.runs(tmp_path / "store")[-1]
    assert last["status"] == "failed" and "unit 2 cannot be read" in last["error"]


def test_empty_input_folder_leaves_a_valid_empty_store(tmp_path):
    (tmp_path / "raw").mkdir()
    summary = pipeline.run_ingest(tmp_path / "raw", tmp_path / "store", progress=False, extractor=False)
    assert summary.n_files == 0
    assert store.read_table("postings", tmp_path / "store").empty


def test_bad_engine_is_refused(tmp_path):
    with pytest.raises(WorkbenchError, match="engine"):
        pipeline.run_ingest(tmp_path, tmp_path / "s", engine="spark", extractor=False)


def test_tables_from_paths_in_memory(inputs):
    tables = pipeline.tables_from_paths(inputs, extractor=fake_extract_frame)
    assert set(tables) == set(schemas.TABLES)
    assert len(tables["postings"]) == 15 and len(tables["records"]) == 15
    assert len(tables["rejects"]) == 3
    assert tables["time_allocation"].empty


def test_a_unit_bigger_than_a_chunk_is_written_in_pieces_in_row_order(tmp_path):
    # A workbook is one unit however many rows it has: its rows stream and are written
    # chunk by chunk, so a worker holds one chunk (a 10^6-row sheet took 7.6 GB before).
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ads"
    sheet.append(["Title", "Description"])
    for i in range(25):
        sheet.append([f"Account Manager {i}", f"Posting number {i}: we are hiring."])
    (tmp_path / "raw").mkdir()
    workbook.save(tmp_path / "raw" / "ads.xlsx")
    (tmp_path / "raw" / "z.txt").write_text("Account Director\nOne more posting.", encoding="utf-8")
    summary = pipeline.run_ingest(tmp_path / "raw", tmp_path / "store", jobs=1, chunk_size=10, progress=False,
                                  extractor=fake_extract_frame)
    assert summary.n_postings == 26
    files = sorted(p.name for p in store.part_files("postings", tmp_path / "store"))
    # The workbook and the text file are batched in one unit: 26 postings in pieces of 10.
    assert files == ["part-00000.parquet", "part-00000_00001.parquet", "part-00000_00002.parquet"]
    postings = store.read_table("postings", tmp_path / "store")
    assert postings["title"].tolist() == [f"Account Manager {i}" for i in range(25)] + ["Account Director"]


class _Terminal:
    """A stand-in stderr that is a terminal and keeps what tqdm draws."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_the_progress_bar_counts_postings_not_parts(inputs, tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    summary = pipeline.run_ingest(inputs, tmp_path / "store", jobs=1, chunk_size=4, progress=True,
                                  extractor=fake_extract_frame)
    final = terminal.text.replace("\r", "\n").strip().splitlines()[-1]
    assert f"ingest+extract: {summary.n_postings} postings" in final, terminal.text
    units = len(pipeline.plan_units(inputs, chunk_size=4))
    assert f"part {units}/{units}" in final and units > 1


def test_quiet_silences_loggers_with_levels_of_their_own_and_restores_them(caplog):
    """A stopped Dask run tears its cluster down under pipeline._quiet: loggers such as
    ``distributed.client`` or ``asyncio`` carry their own levels, and none may print then."""
    import logging

    from workbench.pipeline import _quiet

    child = logging.getLogger("distributed.client")
    child.setLevel(logging.WARNING)
    with caplog.at_level(logging.WARNING):
        with _quiet():
            child.error("Traceback: CancelledError")
            logging.getLogger("asyncio").error("Task exception was never retrieved")
        assert caplog.records == []
        child.error("after the block")
    assert [r.getMessage() for r in caplog.records] == ["after the block"]
