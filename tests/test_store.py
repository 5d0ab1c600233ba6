"""Tests for workbench.store: partitioned Parquet, DuckDB views and the manifest."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from workbench import schemas, store
from workbench.errors import SchemaError, StoreError


def _postings(n, start=0):
    rows = []
    for i in range(start, start + n):
        text = f"Account Manager {i}"
        rows.append({
            "posting_id": hashlib.sha256(f"s{i}".encode()).hexdigest()[:16], "source": f"s{i}",
            "source_format": "txt", "encoding": "utf-8", "language": "en", "title": text,
            "company": None, "location": None, "country": None, "date_posted": None,
            "salary_raw": None, "text": text, "fingerprint": hashlib.sha256(text.encode()).hexdigest(),
            "salary_structured": None,
        })
    return pd.DataFrame(rows)


def test_write_and_read_round_trip(tmp_path):
    written = store.write_tables({"postings": _postings(3)}, tmp_path)
    assert written["postings"] == tmp_path / "postings" / "part-00000.parquet"
    back = store.read_table("postings", tmp_path)
    pd.testing.assert_frame_equal(back, schemas.validate("postings", _postings(3)))


def test_append_adds_parts_and_overwrite_replaces_them(tmp_path):
    store.write_tables({"postings": _postings(2)}, tmp_path, part=0)
    store.write_tables({"postings": _postings(2, start=2)}, tmp_path, part=1, mode="append")
    assert len(store.read_table("postings", tmp_path)) == 4
    assert sorted(p.name for p in (tmp_path / "postings").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    store.write_tables({"postings": _postings(1)}, tmp_path)
    assert len(store.read_table("postings", tmp_path)) == 1


def test_invalid_table_is_not_written(tmp_path):
    bad = _postings(1).assign(language="xx")
    with pytest.raises(SchemaError):
        store.write_tables({"rejects": schemas.empty("rejects"), "postings": bad}, tmp_path)
    assert not (tmp_path / "rejects").exists()


def test_missing_table_tells_the_user_to_ingest(tmp_path):
    with pytest.raises(StoreError, match="workbench ingest"):
        store.read_table("records", tmp_path)


def test_connect_has_a_view_per_table_even_when_empty(tmp_path):
    store.write_tables({"postings": _postings(2, start=0)}, tmp_path, part=0)
    store.write_tables({"postings": _postings(3, start=2)}, tmp_path, part=1, mode="append")
    con = store.connect(tmp_path)
    assert con.execute("SELECT count(*) FROM postings").fetchall()[0][0] == 5
    assert con.execute("SELECT count(*) FROM skills").fetchall()[0][0] == 0
    columns = [row[0] for row in con.execute("DESCRIBE salaries").fetchall()]
    assert columns == schemas.columns("salaries")


def test_connect_on_missing_store_raises(tmp_path):
    with pytest.raises(StoreError, match="workbench ingest"):
        store.connect(tmp_path / "absent")


def test_manifest_fingerprint_counts_and_version(tmp_path):
    frame = _postings(4)
    store.write_tables({"postings": frame, "rejects": schemas.empty("rejects")}, tmp_path)
    manifest = store.write_manifest(tmp_path, extra={"engine": "local"})
    assert manifest == store.read_manifest(tmp_path)
    assert manifest["inputs_fingerprint"] == store.inputs_fingerprint(frame["fingerprint"][::-1])
    expected = hashlib.sha256("".join(f + "\n" for f in sorted(frame["fingerprint"])).encode()).hexdigest()
    assert manifest["inputs_fingerprint"] == expected
    assert manifest["counts"]["postings"] == 4 and manifest["counts"]["records"] == 0
    assert manifest["version"] and manifest["created_at"] and manifest["engine"] == "local"
    assert json.loads((tmp_path / "manifest.json").read_text())["counts"]["postings"] == 4


def test_read_manifest_missing(tmp_path):
    with pytest.raises(StoreError, match="no manifest"):
        store.read_manifest(tmp_path)


def test_default_store_dir_is_processed(monkeypatch, tmp_path):
    from workbench import config

    monkeypatch.setattr(config, "PROCESSED", tmp_path / "processed")
    store.write_tables({"postings": _postings(1)})
    assert (tmp_path / "processed" / "postings" / "part-00000.parquet").exists()
    assert len(store.read_table("postings")) == 1


def test_store_names_the_same_tables_as_the_schemas():
    assert store.TABLES == schemas.TABLES


def _extract_tables():
    records = pd.DataFrame({
        "record_id": ["a:0", "b:0"], "posting_id": ["a", "b"], "source": ["a.txt", "b.txt"],
        "title": ["Account Manager", None], "company": [None, None], "location": [None, None],
        "country": ["GB", None], "language": ["en", "en"], "date_posted": [None, None],
        "role_family": ["account_manager", "other"], "role_level": [2, None],
        "role_label": ["Account Manager", None], "role_confidence": [0.8, 0.0],
        "experience_min": [None, 3.0], "experience_max": [None, None], "education": [None, None],
        "record_json": ["{}", "{}"],
    })
    return records


def test_marked_parts_read_back_with_their_dtypes_without_pandera(tmp_path):
    # Written (and validated) by this version: the footer carries the contract mark,
    # and a fresh process reads the table back equal to a validated read without
    # importing pandera.
    import subprocess
    import sys

    store.write_tables({"records": _extract_tables()}, tmp_path, part=0)
    store.write_tables({"records": _extract_tables().iloc[:0]}, tmp_path, part=1, mode="append")
    back = store.read_table("records", tmp_path)
    assert str(back["role_level"].dtype) == "Int64"
    raw = pd.concat([pd.read_parquet(p) for p in sorted((tmp_path / "records").glob("*.parquet"))],
                    ignore_index=True)
    pd.testing.assert_frame_equal(back, schemas.validate("records", raw))
    code = ("import sys; from workbench import store; "
            f"t = store.read_table('records', {str(tmp_path)!r}); "
            "print(len(t), t['role_level'].dtype, 'pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "Int64", "False"]


def test_unmarked_or_stale_parts_are_validated_on_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "records"
    folder.mkdir()
    bad = _extract_tables().assign(role_level=[2, 9])  # level 9 is outside the contract
    # Written by another tool: no mark, so the read validates and rejects it.
    pq.write_table(pa.Table.from_pandas(bad, preserve_index=False), folder / "part-00000.parquet")
    with pytest.raises(StoreError, match="no longer matches its schema"):
        store.read_table("records", tmp_path)
    # Marked by another contract (an older schemas module): validated too.
    table = pa.Table.from_pandas(bad, preserve_index=False).replace_schema_metadata(
        {b"workbench.contract": b"0" * 32, b"workbench.dtypes": b"{}"})
    pq.write_table(table, folder / "part-00000.parquet")
    with pytest.raises(StoreError, match="no longer matches its schema"):
        store.read_table("records", tmp_path)
