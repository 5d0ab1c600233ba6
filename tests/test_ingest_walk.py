"""Tests for workbench.ingest.walk: every entry of a folder read or listed, links followed once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ingest_samples import write

from workbench.ingest import ingest_paths
from workbench.ingest.walk import walk_folder

POSTING = "Account Manager\nWe are hiring an account manager in Leeds."


def _names(slices, root):
    return [(os.path.relpath(s.path, root), s.missing) for s in slices]


def test_the_walk_is_sorted_depth_first_like_a_sorted_listing(tmp_path):
    for name in ("b.txt", "a/c.txt", "a/z/d.txt", "a.txt", ".hidden/e.txt", "~$lock.xlsx"):
        write(tmp_path / name, POSTING)
    assert _names(walk_folder(tmp_path), tmp_path) == [
        ("a/c.txt", False), ("a/z/d.txt", False), ("a.txt", False), ("b.txt", False)]


def test_a_linked_folder_is_read_once_and_a_loop_is_listed(tmp_path):
    data = tmp_path / "data"
    write(tmp_path / "elsewhere" / "linked.txt", POSTING)
    write(data / "own.txt", POSTING)
    (data / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (data / "link_again").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (data / "loop").symlink_to(data, target_is_directory=True)
    result = ingest_paths(data, progress=False)
    assert sorted(os.path.relpath(s, data) for s in result.postings["source"]) == ["link/linked.txt", "own.txt"]
    reasons = {os.path.relpath(s, data): r for s, r in zip(result.rejects["source"], result.rejects["reason"])}
    assert reasons["link_again"].startswith(f"link to a folder already read (as {data.as_posix()}/link)")
    assert reasons["loop"].startswith(f"link to a folder already read (as {data.as_posix()})")
    assert len(result.postings) + len(result.rejects) == 4  # two files, two links


def _without_root_file_access() -> None:
    """In the child before exec: drop the two capabilities that let root read any file
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, so the program run
    obeys file permissions as any user does (CI runs as root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _ingest_without_root_access(folder) -> str:
    """Run ingest in a child process that file permissions apply to; print postings and rejects."""
    code = ("import sys, json; from workbench.ingest import ingest_paths; r = ingest_paths(sys.argv[1], progress=False);"
            "print(json.dumps({'postings': r.postings['source'].tolist(), 'rejects': r.rejects[['source', 'reason']].values.tolist()}))")
    run = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=120,
                         preexec_fn=_without_root_file_access if os.geteuid() == 0 else None)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_unreadable_folders_and_files_are_listed_with_their_reason(tmp_path):
    import json

    folder = tmp_path / "in"
    write(folder / "ok.txt", POSTING)
    write(folder / "locked" / "inside.txt", POSTING)
    write(folder / "secret.txt", POSTING)
    write(folder / "secret.csv", "title,description\nA,We are hiring\n")
    os.chmod(folder / "locked", 0o000)
    os.chmod(folder / "secret.txt", 0o000)
    os.chmod(folder / "secret.csv", 0o000)
    try:
        out = json.loads(_ingest_without_root_access(folder))
    finally:
        os.chmod(folder / "locked", 0o755)
    assert [os.path.relpath(s, folder) for s in out["postings"]] == ["ok.txt"]
    reasons = {os.path.relpath(s, folder): r for s, r in out["rejects"]}
    assert reasons["locked"].startswith("cannot open the folder (Permission denied); its files were not read")
    assert reasons["secret.txt"].startswith("cannot read the file (Permission denied)")
    assert reasons["secret.csv"].startswith("cannot read the file (Permission denied)")


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_given_path_that_is_not_a_folder_is_not_walked(tmp_path, kind):
    path = tmp_path / "x"
    if kind == "file":
        write(path, POSTING)
        assert walk_folder(path)[0].why.startswith("cannot open the folder")
    else:
        assert walk_folder(path)[0].missing
