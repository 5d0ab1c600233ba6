"""Tests for workbench.ingest.collect: readers' items into validated frames."""

from __future__ import annotations

import os

import pytest
from ingest_samples import RUSSIAN, write

from workbench import schemas
from workbench.ingest import ingest_paths, ingest_unit, iter_postings, plan_units


def test_mixed_folder_ingests_good_file_and_rejects_the_rest(tmp_path):
    folder = tmp_path / "in"
    write(folder / "empty.txt", b"")
    write(folder / "binary.txt", bytes(range(256)) * 40 + b"\x00" * 500)
    write(folder / "russian.txt", RUSSIAN.encode("cp1251"))
    write(folder / "cut.html", "<html><body><h1>Account Manager</h1><p>We are looking for")

    result = ingest_paths(folder, progress=False)

    assert len(result.postings) == 1
    posting = result.postings.iloc[0]
    assert posting["source"].endswith("russian.txt")
    assert posting["language"] == "ru"
    assert posting["encoding"] == "cp1251"
    assert "Менеджер по работе" in posting["text"]
    reasons = {os.path.basename(s): r for s, r in zip(result.rejects["source"], result.rejects["reason"])}
    assert set(reasons) == {"empty.txt", "binary.txt", "cut.html"}
    assert "empty file" in reasons["empty.txt"]
    assert "binary file" in reasons["binary.txt"]
    assert reasons["cut.html"].startswith("truncated HTML")
    assert set(result.rejects["stage"]) == {"ingest"}


def test_iter_postings_chunks_are_bounded(tmp_path):
    for i in range(7):
        write(tmp_path / f"{i}.txt", f"Account Manager {i}\nWe are hiring for the team.")
    chunks = list(iter_postings(tmp_path, chunk_size=3))
    assert [len(p) for p, _ in chunks] == [3, 3, 1]
    with pytest.raises(ValueError, match="at least 1"):
        next(iter_postings(tmp_path, chunk_size=0))


def test_nothing_to_read_gives_empty_frames_with_the_contract_columns(tmp_path):
    result = ingest_paths(tmp_path, progress=False)
    assert result.postings.empty and result.rejects.empty
    assert list(result.postings.columns) == list(schemas.columns("postings"))


def test_ingest_unit_reads_every_slice_of_a_unit(tmp_path):
    write(tmp_path / "a.txt", "Account Manager\nWe are hiring.")
    write(tmp_path / "b.txt", "")
    (unit,) = plan_units(tmp_path)
    postings, rejects = ingest_unit(unit, validate=False)
    assert (len(postings), len(rejects)) == (1, 1)
    checked, _ = ingest_unit(unit)
    assert checked["posting_id"].tolist() == postings["posting_id"].tolist()


def test_file_name_that_is_not_utf8_is_stored_readably(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name on a UTF-8 system
    (tmp_path / name).write_text("Account Manager\nWe are hiring an account manager.", encoding="utf-8")
    write(tmp_path / "good.txt", "Account Director\nLead the agency's biggest client.")
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 2
    assert any(s.endswith("caf\\xe9.txt") for s in result.postings["source"])


def test_iter_unit_gives_chunks_of_at_most_the_unit_chunk_size(tmp_path):
    from workbench.ingest import iter_unit

    rows = "".join(f"T{i},We are hiring {i}\n" for i in range(7)) + "T7,\n"  # 7 postings and a reject
    write(tmp_path / "a.csv", "title,description\n" + rows)
    (unit,) = plan_units(tmp_path / "a.csv", chunk_size=100)
    unit.chunk_size = 3
    chunks = list(iter_unit(unit))
    assert [(len(p), len(r)) for p, r in chunks] == [(3, 0), (3, 0), (1, 1)]
    assert [t for p, _ in chunks for t in p["title"]] == [f"T{i}" for i in range(7)]
    empty = plan_units(write(tmp_path / "e.txt", ""), chunk_size=5)[0]
    assert [(len(p), len(r)) for p, r in iter_unit(empty)] == [(0, 1)]
