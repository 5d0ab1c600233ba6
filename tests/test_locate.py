"""Which store a notebook reads without a runner: the argument, WORKBENCH_STORE, data/processed, the latest run's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench import locate, store
from workbench.errors import StoreError


def make_store(path: Path) -> Path:
    store.write_store({}, path)
    return path


def find(tmp_path: Path, explicit=None, env=None):
    return locate.find_store(explicit, environ=env or {}, processed=tmp_path / "data" / "processed",
                             reports=tmp_path / "reports")


def test_the_order_is_argument_env_processed_then_latest_report_run(tmp_path):
    old = make_store(tmp_path / "reports" / "2026-11-02" / "_store")
    new = make_store(tmp_path / "reports" / "2026-10-01" / "_store")  # an --as-of run made later
    os.utime(old / "CURRENT", (1_000_000, 1_000_000))
    assert find(tmp_path) == new
    processed = make_store(tmp_path / "data" / "processed")
    assert find(tmp_path) == processed
    mine = make_store(tmp_path / "mine")
    assert find(tmp_path, env={locate.ENV: str(mine)}) == mine
    assert find(tmp_path, explicit=str(tmp_path / "given"), env={locate.ENV: str(mine)}) == tmp_path / "given"


def test_folders_that_are_not_stores_are_passed_over_and_nothing_is_written(tmp_path):
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "reports" / "2026-11-02").mkdir(parents=True)
    (tmp_path / "reports" / "eval" / "_store").mkdir(parents=True)
    latest = make_store(tmp_path / "reports" / "2026-11-01" / "_store")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert find(tmp_path) == latest
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_no_store_names_the_exact_ingest_command(tmp_path):
    with pytest.raises(StoreError) as err:
        find(tmp_path)
    text = str(err.value)
    assert f"--store {tmp_path / 'data' / 'processed'}`" in text
    assert "`workbench ingest " in text and "make report" in text


def test_a_wrong_workbench_store_is_an_error_not_a_fall_through(tmp_path):
    make_store(tmp_path / "data" / "processed")
    with pytest.raises(StoreError, match=r"WORKBENCH_STORE=.*typo is not a workbench store.*`workbench ingest "):
        find(tmp_path, env={locate.ENV: str(tmp_path / "typo")})


def test_store_errors_name_the_ingest_that_fixes_them(tmp_path):
    with pytest.raises(StoreError, match=rf"no store at {tmp_path / 'absent'}\. Run `workbench ingest \S+data/raw "
                                         rf"--store {tmp_path / 'absent'}`"):
        store.open_version(tmp_path / "absent")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match=rf"--store {tmp_path / 'folder-store'}`"):
        store.open_version(tmp_path / "folder")


def test_a_store_without_account_roles_names_the_ingest_to_run(tmp_path):
    from workbench import bench

    empty = make_store(tmp_path / "empty")
    with pytest.raises(StoreError, match=rf"none of its postings names an account role\. Ingest postings that do: "
                                         rf"`workbench ingest \S+ --store {empty}`"):
        bench.load(empty)


def test_every_shipped_notebook_finds_its_store_through_the_resolver():
    from workbench import config

    for path in sorted(config.NOTEBOOKS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "bench.load(" in text:
            assert "bench.load(locate.find_store(store_dir)" in text, path.name  # then what it reads
            assert "bench.load(store_dir" not in text, path.name
