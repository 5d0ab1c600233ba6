"""The benchmark scripts behind `make bench` run and report every row (figures are not asserted:
speed is measured by `make bench`, never by a timed unit test)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

PERF = Path(__file__).resolve().parents[1] / "perf"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PERF / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_bench_ingest_reports_throughput_memory_and_the_machine_probe(monkeypatch):
    monkeypatch.setenv("BENCH_N", "3000")
    rows = {row["metric"]: row for row in _load("ingest").run()}
    assert {"ingest_extract_throughput", "extract_stage_throughput", "machine_speed_probe",
            "ingest_extract_total", "ingest_only_throughput", "peak_rss_process_tree"} <= set(rows)
    for row in rows.values():
        assert row["value"] is not None and row["value"] > 0, row
    # The stage figure counts extraction CPU only, so it is at least the end-to-end figure.
    assert rows["extract_stage_throughput"]["value"] >= rows["ingest_extract_throughput"]["value"]
    assert "N=3,000 postings" in rows["ingest_extract_throughput"]["note"]
    assert "just before the run" in rows["machine_speed_probe"]["note"]
    assert rows["peak_rss_process_tree"]["peer_value"] == 2048.0


@pytest.mark.slow
def test_bench_places_reports_cold_and_cached_rates():
    module = _load("places")
    rows = {row["metric"]: row for row in module.run()}
    assert {"gazetteer load (once per process)", "location strings/s, cold (1 core)",
            "location strings/s, cached (1 core)"} <= set(rows)
    for row in rows.values():
        assert row["value"] > 0, row
    # The timed strings are places the parser knows: nearly all of them give a city or region.
    from workbench.places import parse_location

    strings = module._strings()
    known = [s for s in strings if any(getattr(parse_location(s), f) for f in ("city", "region"))]
    assert len(strings) == 3000 and len(known) / len(strings) > 0.97


def test_bench_employers_times_the_key_and_the_table_against_the_per_row_udf():
    rows = _load("employers").run(n_records=3000, n_names=300)
    assert len(rows) == 5
    for row in rows:
        assert row["value"] is not None and row["value"] > 0, row
    assert rows[3]["peer"] == "per-row DuckDB Python UDF" and rows[3]["peer_value"] > 0


@pytest.mark.slow
def test_bench_faults_reports_stop_times_and_plan_refusals(monkeypatch):
    monkeypatch.setenv("BENCH_FAULT_N", "4000")
    monkeypatch.setenv("BENCH_FAULT_CHUNK", "200")
    monkeypatch.setenv("BENCH_FAULT_CASES", "local:SIGTERM")  # test_faults stops every kind for real
    rows = _load("faults").run()
    assert len(rows) == 4 + 1
    for row in rows:
        assert row["value"] is not None and row["value"] >= 0, row
    stops = [r for r in rows if "last process gone" in r["metric"]]
    assert all("previous store intact and readable: True" in r["note"] for r in stops)
    assert all("left alive: 0" in r["note"] for r in stops)


def test_perf_aggregate_times_the_product_table_against_a_duckdb_peer_that_agrees():
    rows = _load("aggregate").run(sizes=(2000, 4000))
    assert [r["unit"] for r in rows] == ["s", "s", "x"]
    for row in rows[:2]:
        assert row["value"] > 0 and row["peer_value"] > 0
        assert "same table as the peer: True" in row["note"], row


@pytest.mark.slow
def test_bench_memory_measures_every_case_in_a_child_process_tree(monkeypatch):
    # Small sizes: the figures themselves come from `make bench` (BENCHMARKS.md).
    monkeypatch.setenv("BENCH_MEMORY_TEXT_MB", "60")  # over the 50 MB limit: rejected
    monkeypatch.setenv("BENCH_MEMORY_ROWS", "3000")
    monkeypatch.setenv("BENCH_MEMORY_JSON_MB", "1")
    rows = _load("memory").run()
    assert [row["metric"].split(" ")[-1] for row in rows] == ["file", "rejected", "ingested", "streamed"]
    for row in rows:
        assert row["value"] > 50 and row["unit"] == "MB", row  # an interpreter at least: the child was sampled
    text, book, array = rows[1:]
    assert "0 postings, 0 records, 1 rejected" in text["note"] and text["peer_value"] == 500.0
    assert "3000 postings" in book["note"] and book["peer_value"] == 1500.0
    assert " 0 rejected" in array["note"]


@pytest.mark.slow
def test_bench_report_memory_runs_the_default_plan_on_a_tiled_store(monkeypatch):
    # A small store (200 postings ingested, their parts repeated to 600): the 10^6 figures
    # come from `make bench` (BENCHMARKS.md).
    monkeypatch.setenv("BENCH_REPORT_N", "600")
    monkeypatch.setenv("BENCH_REPORT_SEED_N", "200")
    monkeypatch.delenv("BENCH_REPORT_STORE", raising=False)
    monkeypatch.setenv("BENCH_REPORT_EACH", "Data quality")
    peak, wall, alone = _load("report_memory").run()
    assert alone["metric"].startswith("Data quality alone, 600-posting store") and alone["value"] > 100, alone
    assert "1 ok, 0 failed" in alone["note"]
    assert peak["unit"] == "MB" and peak["value"] > 100 and peak["peer_value"] == 4000.0, peak
    assert wall["unit"] == "s" and wall["value"] > 0 and wall["peer_value"] == 120.0, wall
    assert "600 postings, default plan" in peak["note"] and " ok, 0 failed" in wall["note"]


def test_bench_duty_areas_times_both_passes_and_the_model_load(monkeypatch):
    from workbench import config

    if not (config.CORPORA / "hh_ru").is_dir():
        pytest.skip("needs ../shared/corpora (WORKBENCH_SHARED)")
    module = _load("duty_areas")
    monkeypatch.setattr(module, "LIMITS", {"linkedin_us": 3, "uk_ads": 3, "hh_ru": 3})
    rows = {row["metric"]: row for row in module.run()}
    assert set(rows) == {"extract_posting, first pass", "extract_posting, second pass", "area model load"}
    assert all(row["value"] >= 0 for row in rows.values())
    assert rows["extract_posting, first pass"]["value"] > 0
    assert "9 corpus descriptions" in rows["extract_posting, first pass"]["note"]
