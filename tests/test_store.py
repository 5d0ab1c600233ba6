"""Tests for workbench.store: the store as a transaction, manifest checks on read, DuckDB views.

The same faults with real processes (signals, concurrent writers, a real full disk) are in
``test_faults.py``."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket

import pandas as pd
import pytest

from workbench import schemas, store
from workbench.errors import DiskFullError, SchemaError, StoreError, StoreLockedError


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
    manifest = store.write_store({"postings": _postings(3)}, tmp_path / "s")
    assert manifest["parts"]["postings"]["part-00000.parquet"]["rows"] == 3
    back = store.read_table("postings", tmp_path / "s")
    pd.testing.assert_frame_equal(back, schemas.validate("postings", _postings(3)))
    # Tables the write did not name are there, empty, with the contract's columns.
    assert list(store.read_table("skills", tmp_path / "s").columns) == schemas.columns("skills")


def test_a_projected_read_decodes_only_the_columns_asked_for(tmp_path):
    store.write_store({"postings": _postings(5)}, tmp_path / "s")
    full = store.read_tables(["postings", "skills"], tmp_path / "s")
    wanted = {"postings": ["title", "posting_id", "not_a_column"], "skills": ["record_id"]}
    got = store.read_tables(["postings", "skills"], tmp_path / "s", columns=wanted)
    # In the table's own order, names it lacks left out, values and dtypes as a whole read.
    pd.testing.assert_frame_equal(got["postings"], full["postings"][["posting_id", "title"]])
    assert list(got["skills"].columns) == ["record_id"] and got["skills"].empty
    assert list(store.read_tables(["postings"], tmp_path / "s", columns={"postings": []})["postings"].columns) == []


def test_rows_keeps_the_rows_a_function_of_the_tables_read_before_picks(tmp_path, monkeypatch):
    frames = {"postings": _postings(6)}
    root = tmp_path / "s"
    with store.Transaction(root) as tx:  # three parts, filtered two rows' worth at a time
        for part in range(3):
            tx.add(store.write_tables({"postings": frames["postings"][2 * part:2 * part + 2]}, tx.staging,
                                      part=part))
        tx.commit()
    monkeypatch.setattr(store, "KEEP_BATCH_ROWS", 3)
    ids = schemas.validate("postings", frames["postings"])["posting_id"].tolist()
    rows = {"postings": lambda read: ("posting_id", [ids[1], ids[2], ids[5]]),
            "skills": lambda read: ("record_id", read["postings"]["posting_id"])}
    got = store.read_tables(["postings", "skills"], tmp_path / "s", rows=rows,
                            columns={"postings": ["posting_id", "title"]})
    assert got["postings"]["posting_id"].tolist() == [ids[1], ids[2], ids[5]] and got["skills"].empty
    whole = store.read_tables(["postings"], tmp_path / "s", rows={"postings": lambda read: None})
    assert len(whole["postings"]) == 6
    with pytest.raises(StoreError, match="read it too"):
        store.read_tables(["postings"], tmp_path / "s", columns={"postings": ["title"]},
                          rows={"postings": lambda read: ("posting_id", ids)})


def test_a_projected_read_of_unmarked_parts_is_checked_whole_first(tmp_path):
    # Parts written without validation carry no contract mark: the whole table is checked.
    root = tmp_path / "s"
    with store.Transaction(root) as tx:
        tx.add(store.write_tables({"postings": _postings(3)}, tx.staging, validate=False))
        tx.commit()
    got = store.read_tables(["postings"], root, columns={"postings": ["posting_id", "text"]})["postings"]
    assert list(got.columns) == ["posting_id", "text"] and got["text"].tolist()[0] == "Account Manager 0"
    bad = _postings(2).assign(posting_id="not hex")
    with store.Transaction(tmp_path / "bad") as tx:
        tx.add(store.write_tables({"postings": bad}, tx.staging, validate=False))
        tx.commit()
    with pytest.raises(StoreError, match="no longer matches its schema"):
        store.read_tables(["postings"], tmp_path / "bad", columns={"postings": ["title"]})


def test_layout_is_marker_current_and_one_version(tmp_path):
    root = tmp_path / "s"
    manifest = store.write_store({"postings": _postings(2)}, root)
    vid = manifest["store_version"]
    assert json.loads((root / store.MARKER).read_text())["format"] == store.FORMAT
    assert (root / store.CURRENT).read_text().strip() == vid
    assert sorted(p.name for p in (root / "versions" / vid).iterdir()) == sorted(
        [*store.TABLES, "manifest.json"])
    assert not list(root.glob(".staging-*"))
    again = store.write_store({"postings": _postings(5)}, root)
    assert [p.name for p in (root / "versions").iterdir()] == [again["store_version"]]
    assert len(store.read_table("postings", root)) == 5


def test_parts_written_in_staging_carry_rows_bytes_and_sha256(tmp_path):
    parts = store.write_tables({"postings": _postings(2)}, tmp_path, part=3)
    info = parts["postings"]["part-00003.parquet"]
    data = (tmp_path / "postings" / "part-00003.parquet").read_bytes()
    assert info == {"rows": 2, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_further_pieces_of_a_part_sort_between_it_and_the_next_part(tmp_path):
    names = [next(iter(store.write_tables({"postings": _postings(1)}, tmp_path, part=part, piece=piece)["postings"]))
             for part, piece in ((4, 0), (3, 2), (3, 0), (3, 1))]
    assert names == ["part-00004.parquet", "part-00003_00002.parquet", "part-00003.parquet", "part-00003_00001.parquet"]
    assert sorted(names) == ["part-00003.parquet", "part-00003_00001.parquet", "part-00003_00002.parquet",
                             "part-00004.parquet"]
    with pytest.raises(StoreError, match="non-negative"):
        store.write_tables({"postings": _postings(1)}, tmp_path, part=1, piece=-1)


def test_invalid_table_is_not_written(tmp_path):
    bad = _postings(1).assign(language="xx")
    with pytest.raises(SchemaError):
        store.write_tables({"rejects": schemas.empty("rejects"), "postings": bad}, tmp_path)
    assert not (tmp_path / "rejects").exists()
    # A failed write_store publishes nothing and leaves no staging behind.
    with pytest.raises(SchemaError):
        store.write_store({"postings": bad}, tmp_path / "s")
    assert not (tmp_path / "s" / store.CURRENT).exists() and not list((tmp_path / "s").glob(".staging-*"))


def test_missing_table_tells_the_user_to_ingest(tmp_path):
    with pytest.raises(StoreError, match="workbench ingest"):
        store.read_table("records", tmp_path)


def test_connect_has_a_view_per_table_even_when_empty(tmp_path):
    with store.Transaction(tmp_path / "s") as tx:
        tx.add(store.write_tables({"postings": _postings(2, start=0)}, tx.staging, part=0))
        tx.add(store.write_tables({"postings": _postings(3, start=2)}, tx.staging, part=1))
        tx.commit()
    con = store.connect(tmp_path / "s")
    assert con.execute("SELECT count(*) FROM postings").fetchall()[0][0] == 5
    assert con.execute("SELECT count(*) FROM skills").fetchall()[0][0] == 0
    columns = [row[0] for row in con.execute("DESCRIBE salaries").fetchall()]
    assert columns == schemas.columns("salaries")


def test_connect_on_missing_store_raises(tmp_path):
    with pytest.raises(StoreError, match="workbench ingest"):
        store.connect(tmp_path / "absent")


def test_manifest_fingerprint_counts_and_version(tmp_path):
    frame = _postings(4)
    manifest = store.write_store({"postings": frame, "rejects": schemas.empty("rejects")}, tmp_path / "s",
                                 extra={"engine": "local"})
    assert manifest == store.read_manifest(tmp_path / "s")
    assert manifest["inputs_fingerprint"] == store.inputs_fingerprint(frame["fingerprint"][::-1])
    expected = hashlib.sha256("".join(f + "\n" for f in sorted(frame["fingerprint"])).encode()).hexdigest()
    assert manifest["inputs_fingerprint"] == expected
    assert manifest["counts"]["postings"] == 4 and manifest["counts"]["records"] == 0
    assert manifest["version"] and manifest["created_at"] and manifest["engine"] == "local"


def test_read_manifest_missing(tmp_path):
    store.write_store({"postings": _postings(1)}, tmp_path / "s")
    version = store.open_version(tmp_path / "s")
    (version.path / "manifest.json").unlink()
    with pytest.raises(StoreError, match="manifest is missing.*workbench ingest"):
        store.read_manifest(tmp_path / "s")


def test_default_store_dir_is_processed(monkeypatch, tmp_path):
    from workbench import config

    monkeypatch.setattr(config, "PROCESSED", tmp_path / "processed")
    store.write_store({"postings": _postings(1)})
    assert (tmp_path / "processed" / store.MARKER).is_file()
    assert len(store.read_table("postings")) == 1


# ------------------------------------------------------------ what ingest may write into


def test_a_folder_with_other_files_is_never_claimed(tmp_path):
    user = tmp_path / "proj"
    (user / "postings").mkdir(parents=True)
    (user / "postings" / "ad.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a workbench store.*nothing was changed"):
        store.write_store({"postings": _postings(1)}, user)
    assert sorted(str(p.relative_to(user)) for p in user.rglob("*")) == ["postings", "postings/ad.txt"]


def test_an_empty_folder_becomes_a_store(tmp_path):
    (tmp_path / "empty").mkdir()
    store.write_store({"postings": _postings(1)}, tmp_path / "empty")
    assert store.looks_like_store(tmp_path / "empty")


@pytest.mark.parametrize("store_rel, input_rel", [("in/store", "in"), ("in", "in"), ("out", "out/raw")])
def test_store_inside_an_input_or_input_inside_the_store_is_refused(tmp_path, store_rel, input_rel):
    (tmp_path / input_rel).mkdir(parents=True)
    with pytest.raises(StoreError, match="lies inside"):
        store.write_store({"postings": _postings(1)}, tmp_path / store_rel, inputs=[tmp_path / input_rel])
    assert not (tmp_path / store_rel / store.MARKER).exists()


def test_a_store_of_the_earlier_layout_is_refused_on_read_and_on_write(tmp_path):
    legacy = tmp_path / "old"
    (legacy / "postings").mkdir(parents=True)
    _postings(2).to_parquet(legacy / "postings" / "part-00000.parquet")
    (legacy / "manifest.json").write_text(json.dumps({"inputs": ["data/raw"], "counts": {"postings": 2},
                                                      "inputs_fingerprint": "0" * 64}))
    assert store.looks_like_store(legacy)
    inputs = tmp_path / "inputs"  # a folder of postings that happens to hold a manifest.json
    inputs.mkdir()
    (inputs / "manifest.json").write_text(json.dumps({"files": ["a.txt"]}))
    assert not store.looks_like_store(inputs)
    with pytest.raises(StoreError, match=r"earlier version.*workbench ingest data/raw --store"):
        store.read_table("postings", legacy)
    with pytest.raises(StoreError, match="earlier version.*never deletes"):
        store.write_store({"postings": _postings(1)}, legacy)
    assert (legacy / "postings" / "part-00000.parquet").is_file()


def test_a_second_writer_is_refused_naming_the_holder(tmp_path):
    root = tmp_path / "s"
    with store.Transaction(root) as tx:
        with pytest.raises(StoreLockedError) as err:
            store.write_store({"postings": _postings(1)}, root)
        message = str(err.value)
        assert f"pid {os.getpid()}" in message and socket.gethostname() in message
        assert tx.started in message and "\n" not in message
        tx.add(store.write_tables({"postings": _postings(2)}, tx.staging))
        tx.commit()
    assert len(store.read_table("postings", root)) == 2
    assert [r["status"] for r in store.runs(root)] == ["refused", "ok"]
    store.write_store({"postings": _postings(3)}, root)  # the lock is free again


def test_leaving_a_transaction_without_commit_publishes_nothing(tmp_path):
    root = tmp_path / "s"
    store.write_store({"postings": _postings(2)}, root)
    with pytest.raises(RuntimeError):
        with store.Transaction(root) as tx:
            tx.add(store.write_tables({"postings": _postings(7)}, tx.staging))
            raise RuntimeError("boom")
    assert len(store.read_table("postings", root)) == 2
    assert not list(root.glob(".staging-*"))
    assert store.runs(root)[-1]["status"] == "failed"


def test_stale_staging_and_unpublished_versions_are_removed_by_the_next_writer(tmp_path):
    root = tmp_path / "s"
    store.write_store({"postings": _postings(2)}, root)
    stale = root / ".staging-20260101T000000Z-0123abcd"
    (stale / "postings").mkdir(parents=True)
    orphan = root / "versions" / "20260101T000000Z-89abcdef"
    orphan.mkdir()
    store.write_store({"postings": _postings(1)}, root)
    assert not stale.exists() and not orphan.exists()


def test_no_room_becomes_one_line_and_the_attempt_is_recorded(tmp_path, monkeypatch):
    import errno

    root = tmp_path / "s"
    store.write_store({"postings": _postings(2)}, root)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_write_durably", full)
    with pytest.raises(DiskFullError) as err:
        store.write_store({"postings": _postings(5)}, root)
    message = str(err.value)
    assert message.startswith("disk full while writing the store") and "\n" not in message
    assert "previous version of the store is unchanged" in message
    monkeypatch.undo()
    assert len(store.read_table("postings", root)) == 2
    assert store.runs(root)[-1]["status"] == "failed" and "disk full" in store.runs(root)[-1]["error"]


# ------------------------------------------------------------ reading checks the manifest


def _built(tmp_path, n=3):
    root = tmp_path / "s"
    with store.Transaction(root, inputs=[tmp_path / "raw"]) as tx:
        tx.add(store.write_tables({"postings": _postings(n)}, tx.staging, part=0))
        tx.add(store.write_tables({"postings": _postings(n, start=n)}, tx.staging, part=1))
        tx.commit()
    return root, store.open_version(root)


def test_a_deleted_part_is_refused_naming_the_fix(tmp_path):
    root, version = _built(tmp_path)
    (version.path / "postings" / "part-00001.parquet").unlink()
    with pytest.raises(StoreError, match=r"postings/part-00001.parquet listed in the manifest is missing; "
                                         r"re-run `workbench ingest .*raw --store"):
        store.read_table("postings", root)
    with pytest.raises(StoreError, match="missing"):
        store.connect(root)


def test_a_foreign_part_copied_in_is_refused(tmp_path):
    root, version = _built(tmp_path)
    other, _ = _built(tmp_path / "other", n=4)
    shutil.copy(store.open_version(other).files("postings")[0], version.path / "postings" / "part-00007.parquet")
    with pytest.raises(StoreError, match="part-00007.parquet is not in the manifest"):
        store.read_table("postings", root)


def test_a_part_replaced_by_another_is_refused(tmp_path):
    root, version = _built(tmp_path, n=3)
    other, _ = _built(tmp_path / "other", n=4)
    shutil.copy(store.open_version(other).files("postings")[0], version.files("postings")[0])
    with pytest.raises(StoreError, match="manifest says"):
        store.read_table("postings", root)


def test_a_part_with_other_bytes_of_the_same_size_fails_its_digest(tmp_path):
    root, version = _built(tmp_path)
    part = version.files("postings")[0]
    data = bytearray(part.read_bytes())
    data[10] ^= 0xFF  # inside the column data, not the footer
    part.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="sha256"):
        store.read_table("postings", root)


def test_counts_that_disagree_with_the_parts_are_refused(tmp_path):
    root, version = _built(tmp_path)
    path = version.path / "manifest.json"
    doc = json.loads(path.read_text())
    doc["counts"]["postings"] = 53
    path.write_text(json.dumps(doc))
    with pytest.raises(StoreError, match="counts 53 postings rows, its parts hold 6"):
        store.read_table("postings", root)


def test_a_store_whose_first_ingest_never_finished_is_refused(tmp_path):
    root = tmp_path / "s"
    with pytest.raises(RuntimeError):
        with store.Transaction(root, inputs=[tmp_path / "raw"]):
            raise RuntimeError("killed")
    with pytest.raises(StoreError, match=r"no version was ever published.*workbench ingest .*raw --store"):
        store.read_table("postings", root)


def test_a_version_of_the_earlier_table_contract_is_refused_naming_the_fix(tmp_path):
    root, version = _built(tmp_path)
    assert store.read_manifest(root)["contract"] == store.CONTRACT == 2
    path = version.path / "manifest.json"
    doc = json.loads(path.read_text())
    doc["contract"] = 1  # pay also stored converted at ingest (annual_low_rc ...)
    path.write_text(json.dumps(doc))
    with pytest.raises(StoreError, match=r"contract 1 \(pay converted to one currency at ingest\).*"
                                         r"workbench ingest .*raw --store"):
        store.read_table("postings", root)
    del doc["contract"]  # written before the contract was named: the earlier one
    path.write_text(json.dumps(doc))
    with pytest.raises(StoreError, match="contract 1"):
        store.read_table("postings", root)


def test_the_salaries_table_keeps_pay_in_its_own_currency_only():
    columns = set(schemas.SALARIES.columns)
    assert {"currency", "annual_low", "annual_high"} <= columns
    assert not columns & {"reporting_currency", "annual_low_rc", "annual_high_rc", "fx_rate", "rate_date",
                          "fx_warning"}


def test_current_cannot_point_outside_versions(tmp_path):
    root, _ = _built(tmp_path)
    (root / store.CURRENT).write_text("../../etc\n")
    with pytest.raises(StoreError, match="not a version id"):
        store.open_version(root)


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

    with store.Transaction(tmp_path) as tx:
        tx.add(store.write_tables({"records": _extract_tables()}, tx.staging, part=0))
        tx.add(store.write_tables({"records": _extract_tables().iloc[:0]}, tx.staging, part=1))
        tx.commit()
    back = store.read_table("records", tmp_path)
    assert str(back["role_level"].dtype) == "Int64"
    raw = pd.concat([pd.read_parquet(p) for p in store.part_files("records", tmp_path)], ignore_index=True)
    pd.testing.assert_frame_equal(back, schemas.validate("records", raw))
    code = ("import sys; from workbench import store; "
            f"t = store.read_table('records', {str(tmp_path)!r}); "
            "print(len(t), t['role_level'].dtype, 'pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "Int64", "False"]


def test_unmarked_or_stale_parts_are_validated_on_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    bad = _extract_tables().assign(role_level=[2, 9])  # level 9 is outside the contract
    # Written by another tool (no mark), or marked by another contract (an older schemas
    # module), and listed in a manifest: the read validates the data and rejects it.
    unmarked = pa.Table.from_pandas(bad, preserve_index=False)
    stale = unmarked.replace_schema_metadata({b"workbench.contract": b"0" * 32, b"workbench.dtypes": b"{}"})
    for i, table in enumerate([unmarked, stale]):
        root = tmp_path / f"s{i}"
        with store.Transaction(root) as tx:
            (tx.staging / "records").mkdir()
            pq.write_table(table, tx.staging / "records" / "part-00000.parquet")
            data = (tx.staging / "records" / "part-00000.parquet").read_bytes()
            tx.add({"records": {"part-00000.parquet": {"rows": 2, "bytes": len(data),
                                                       "sha256": hashlib.sha256(data).hexdigest()}}})
            tx.commit()
        with pytest.raises(StoreError, match="no longer matches its schema"):
            store.read_table("records", root)


def test_verify_parts_finds_a_part_changed_in_place_that_size_and_rows_do_not(tmp_path):
    store.write_store({"postings": _postings(3)}, tmp_path / "s")
    store.verify_parts(["postings", "records"], tmp_path / "s")  # as written: passes (records has no parts)
    part = store.part_files("postings", tmp_path / "s")[0]
    data = bytearray(part.read_bytes())
    data[10] ^= 0xFF  # one byte of the first page: the footer (size, row count) unchanged
    part.write_bytes(bytes(data))
    store.open_version(tmp_path / "s")  # the cheap checks still pass
    with pytest.raises(StoreError, match="sha256"):
        store.verify_parts(["postings"], tmp_path / "s")
