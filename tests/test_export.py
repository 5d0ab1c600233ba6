"""The CSV export helper neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pandas as pd
import pytest

from workbench import export


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"x\")"])
def test_formula_starts_are_neutralised(cell):
    assert export.neutralise(cell) == "'" + cell


def test_plain_text_and_numbers_are_left_alone():
    assert export.neutralise("Acme Ltd") == "Acme Ltd"
    assert export.neutralise(-5) == -5 and export.neutralise(2.5) == 2.5


def test_csv_text_neutralises_text_cells_and_headers_and_keeps_numbers():
    frame = pd.DataFrame({"Company": ["=1+1", "Acme"], "Median": [-3.0, None], "=h": ["x", "y"]})
    rows = list(csv.reader(io.StringIO(export.csv_text(frame))))
    assert rows == [["Company", "Median", "'=h"], ["'=1+1", "-3.0", "x"], ["Acme", "", "y"]]


def test_data_uri_decodes_to_the_same_csv_with_a_byte_order_mark():
    frame = pd.DataFrame({"Company": ["=1+1"], "Pay": ["£37,400"]})
    uri = export.csv_data_uri(frame)
    assert uri.startswith(export.CSV_URI_PREFIX) and "=" not in uri[len(export.CSV_URI_PREFIX):]
    assert unquote(uri[len(export.CSV_URI_PREFIX):]) == "\ufeff" + export.csv_text(frame)


def test_file_names_come_from_the_caption():
    assert export.csv_filename("Percentiles, GBP per year") == "percentiles-gbp-per-year.csv"
    assert export.csv_filename("<script>") == "script.csv" and export.csv_filename(None) == "table.csv"
