"""Tests for workbench.ingest.planning: listing inputs and grouping them into work units."""

from __future__ import annotations

import os

from ingest_samples import write

from workbench.ingest import ingest_paths
from workbench.ingest.planning import list_files, plan_units


def test_folders_are_walked_sorted_without_hidden_or_lock_files(tmp_path):
    for name in ("b.txt", "a/c.txt", ".hidden/d.txt", "~$lock.xlsx", ".e.txt"):
        write(tmp_path / name, "x")
    listed = [os.path.relpath(s.path, tmp_path) for s in list_files(tmp_path)]
    assert listed == ["a/c.txt", "b.txt"]
    assert [s.missing for s in list_files([tmp_path / "b.txt", tmp_path / "nope"])] == [False, True]


def test_broken_link_and_pipe_in_a_folder_are_listed(tmp_path):
    write(tmp_path / "good.txt", "Account Manager\nWe are hiring an account manager.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = ingest_paths(tmp_path, progress=False)
    assert len(result.postings) == 1
    reasons = dict(zip(result.rejects["source"].str.rsplit("/", n=1).str[-1], result.rejects["reason"]))
    assert reasons["gone.txt"].startswith("broken symbolic link")
    assert reasons["pipe.txt"].startswith("not a regular file")


def test_small_files_are_batched_by_count_and_by_bytes(tmp_path):
    for i in range(5):
        write(tmp_path / f"{i}.txt", "x" * 100)
    by_count = plan_units(tmp_path, max_files_per_unit=2)
    assert [len(u.slices) for u in by_count] == [2, 2, 1]
    by_bytes = plan_units(tmp_path, max_bytes_per_unit=250)
    assert [len(u.slices) for u in by_bytes] == [2, 2, 1]
    assert [u.index for u in by_bytes] == [0, 1, 2]


def test_line_files_become_one_unit_per_slice_between_batches(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "b.csv", "title,description\n" + "".join(f"T{i},hiring\n" for i in range(5)))
    write(tmp_path / "c.txt", "y")
    units = plan_units(tmp_path, chunk_size=2)
    shapes = [[(os.path.basename(s.path), s.first_row if s.start is not None else None) for s in u.slices]
              for u in units]
    assert shapes == [[("a.txt", None)], [("b.csv", 0)], [("b.csv", 2)], [("b.csv", 4)], [("c.txt", None)]]
    assert [u.index for u in units] == list(range(5))


def test_empty_and_unknown_files_are_not_split(tmp_path):
    write(tmp_path / "empty.csv", "")
    write(tmp_path / "notes.odt", "x")
    (unit,) = plan_units(tmp_path, chunk_size=10)
    assert [(s.start, s.missing) for s in unit.slices] == [(None, False), (None, False)]
