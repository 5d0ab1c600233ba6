"""The incumbent (HR) file: CSV or XLSX, checked with its schema; missing columns named, bad rows listed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench import bench, config, incumbents
from workbench.errors import SchemaError

ROWS = [
    {"employee_id": "A1", "role": "Account Manager", "level": "2", "location": "Leeds", "currency": "GBP",
     "base": "36000", "bonus": "1500", "hire_date": "2022-04-01"},
    {"employee_id": "A2", "role": "Account Director", "level": "4", "location": "London", "currency": "gbp",
     "base": "£61,500", "bonus": "", "hire_date": ""},
    {"employee_id": "A3", "role": "Account Executive", "level": "1", "location": "Paris", "currency": "EUR",
     "base": "31 000", "bonus": "0", "hire_date": "2024-09-30"},
]


def write_csv(path: Path, rows: list[dict], **renames: str) -> Path:
    pd.DataFrame(rows).rename(columns=renames).to_csv(path, index=False)
    return path


def test_the_template_has_every_column_and_the_required_ones():
    template = pd.read_csv(config.DATA / "templates" / "incumbents_template.csv")
    assert tuple(template.columns) == incumbents.COLUMNS
    assert set(incumbents.REQUIRED) <= set(template.columns)
    assert incumbents.TEMPLATE == config.DATA / "templates" / "incumbents_template.csv"


def test_the_bundled_file_reads_whole_and_says_it_is_the_example():
    hr = incumbents.read()
    assert len(hr.frame) == len(pd.read_csv(config.INCUMBENTS)) and hr.rejected.empty
    assert hr.bundled and "bundled synthetic example" in hr.describe()
    assert str(hr.frame["level"].dtype) == "Int64" and hr.frame["base"].dtype == "float64"


def test_csv_values_are_read_as_their_types(tmp_path):
    hr = incumbents.read(write_csv(tmp_path / "hr.csv", ROWS, employee_id="Employee ID", hire_date="Hire-Date"))
    assert hr.rejected.empty and not hr.bundled
    frame = hr.frame.set_index("employee_id")
    assert frame.loc["A2", "base"] == 61500.0 and frame.loc["A3", "base"] == 31000.0
    assert frame.loc["A2", "currency"] == "GBP" and pd.isna(frame.loc["A2", "bonus"])
    assert frame.loc["A1", "hire_date"] == pd.Timestamp("2022-04-01")
    assert hr.describe() == "Internal pay: 3 people from hr.csv."


def test_xlsx_reads_like_csv(tmp_path):
    path = tmp_path / "hr.xlsx"
    pd.DataFrame(ROWS).to_excel(path, index=False)
    assert incumbents.read(path).frame["base"].tolist() == [36000.0, 61500.0, 31000.0]


def test_a_file_missing_a_required_column_is_refused_naming_it(tmp_path):
    rows = [{k: v for k, v in r.items() if k not in ("base", "currency")} for r in ROWS]
    with pytest.raises(SchemaError) as err:
        incumbents.read(write_csv(tmp_path / "hr.csv", rows))
    text = str(err.value)
    assert "missing required column(s) currency, base" in text
    assert "incumbents_template.csv" in text
    only_optional = [{k: v for k, v in r.items() if k not in ("bonus", "hire_date", "role")} for r in ROWS]
    assert len(incumbents.read(write_csv(tmp_path / "min.csv", only_optional)).frame) == 3


def test_bad_rows_are_left_out_and_listed_and_the_rest_kept(tmp_path):
    rows = [dict(r) for r in ROWS] + [
        dict(ROWS[0], employee_id="B1", base="abc"),        # row 5
        dict(ROWS[0], employee_id="B2", level="7"),         # row 6
        dict(ROWS[0], employee_id="B3", currency="XYZ"),    # row 7
        dict(ROWS[0], employee_id="A1"),                    # row 8: A1 twice (rows 2 and 8)
        dict(ROWS[0], employee_id="B4", base="-10"),        # row 9
        dict(ROWS[0], employee_id="B5", level="2.5"),       # row 10
        dict(ROWS[0], employee_id="", base="40000"),        # row 11
    ]
    hr = incumbents.read(write_csv(tmp_path / "hr.csv", rows))
    assert sorted(hr.frame["employee_id"]) == ["A2", "A3"]
    got = {(r.row, r.column): r.reason for r in hr.rejected.itertuples()}
    assert got == {
        (2, "employee_id"): "appears on more than one row",
        (5, "base"): "is not a number",
        (6, "level"): "must be a level from 1 to 5",
        (7, "currency"): "is not a currency with ECB rates",
        (8, "employee_id"): "appears on more than one row",
        (9, "base"): "must be more than 0",
        (10, "level"): "must be a whole number",
        (11, "employee_id"): "missing",
    }
    text = hr.describe()
    assert "8 row(s) left out" in text and "base is not a number: 1 row(s) (5)" in text
    assert "abc" not in text and "B1" not in text  # rows by number only: no value, no id


def test_a_file_with_no_usable_row_is_refused_with_the_list(tmp_path):
    rows = [dict(r, base="n/a") for r in ROWS]
    with pytest.raises(SchemaError, match=r"no usable row \(base is not a number: 3 row\(s\) \(2, 3, 4\)\)"):
        incumbents.read(write_csv(tmp_path / "hr.csv", rows))


def test_unreadable_and_unsupported_files_are_refused(tmp_path):
    with pytest.raises(SchemaError, match="cannot be read"):
        incumbents.read(tmp_path / "absent.csv")
    (tmp_path / "hr.ods").write_bytes(b"x")
    with pytest.raises(SchemaError, match="expected .csv or .xlsx"):
        incumbents.read(tmp_path / "hr.ods")


def test_bench_load_incumbents_returns_the_checked_rows(tmp_path):
    frame = bench.load_incumbents(write_csv(tmp_path / "hr.csv", ROWS))
    assert list(frame.columns[:8]) == list(incumbents.COLUMNS) == bench.INCUMBENT_COLUMNS
    assert len(frame) == 3
