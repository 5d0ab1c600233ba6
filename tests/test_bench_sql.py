"""bench.sql: one DuckDB view over a table, loaded or left in the store."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import bench, store
from workbench.bench import sql
from workbench.errors import StoreError

LINES = {"record_id": "VARCHAR", "category": "VARCHAR", "idx": "BIGINT"}


def _store(tmp_path):
    frame = pd.DataFrame({"record_id": ["a:0", "a:0", "b:0"], "idx": [0, 1, 0],
                          "category": ["reporting", None, "upsell"], "text": ["x", "y", "z"],
                          "section": ["s", "s", "s"]})
    from workbench import schemas

    cols = schemas.columns("responsibilities")
    full = pd.DataFrame({c: frame[c] if c in frame else None for c in cols})
    store.write_store({"responsibilities": full}, tmp_path / "s")
    return tmp_path / "s", full


def test_the_view_over_the_store_and_over_the_loaded_frame_hold_the_same_rows(tmp_path):
    folder, frame = _store(tmp_path)
    query = 'SELECT record_id, category, idx FROM lines ORDER BY record_id, idx'
    kept = bench.Tables(in_store=("responsibilities",), store_dir=folder)
    with sql.connect(kept, "responsibilities", LINES, "lines") as con:
        in_store = con.execute(query).fetchall()
    with sql.connect(bench.Tables(responsibilities=frame), "responsibilities", LINES, "lines") as con:
        loaded = con.execute(query).fetchall()
    assert in_store == loaded == [("a:0", "reporting", 0), ("a:0", None, 1), ("b:0", "upsell", 0)]


def test_a_column_the_frame_lacks_is_null_and_an_empty_table_has_no_rows():
    frame = pd.DataFrame({"record_id": ["r1"]})
    with sql.connect(bench.Tables(responsibilities=frame), "responsibilities", LINES, "lines") as con:
        assert con.execute("SELECT * FROM lines").fetchall() == [("r1", None, None)]
    with sql.connect(bench.Tables(), "responsibilities", LINES, "lines") as con:
        assert con.execute("SELECT count(*) FROM lines").fetchall() == [(0,)]


def test_a_part_that_differs_from_its_sha256_is_refused_before_any_query(tmp_path):
    folder, _ = _store(tmp_path)
    part = store.part_files("responsibilities", folder)[0]
    data = bytearray(part.read_bytes())
    data[10] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="sha256"):
        sql.connect(bench.Tables(in_store=("responsibilities",), store_dir=folder), "responsibilities", LINES,
                    "lines")
