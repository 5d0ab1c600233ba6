"""Tests for workbench.ingest.limits: the size limit and its reject, checked before reading."""

from __future__ import annotations

import dataclasses

from ingest_samples import write

from workbench import config
from workbench.ingest import ingest_paths, limits


def test_too_big_names_the_size_the_limit_and_what_to_do(monkeypatch):
    monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, max_file_mb=50))
    assert limits.max_file_bytes() == 50_000_000
    assert limits.too_big(50_000_000) is None
    reason = limits.too_big(200_000_000, "row")
    assert reason.startswith("row too large: 200.0 MB, over the 50.0 MB limit for one row")
    assert "WORKBENCH_MAX_FILE_MB" in reason and "split it" in reason


def test_a_whole_file_over_the_limit_is_rejected_without_being_read(tmp_path, monkeypatch):
    import workbench.ingest.read_text as read_text

    monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, max_file_mb=0.001))
    path = write(tmp_path / "big.txt", "Account Manager " + "x" * 5000)

    def must_not_read(_path):
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(read_text, "read_text_file", must_not_read)
    result = ingest_paths(path, progress=False)
    assert result.postings.empty
    assert result.rejects["reason"].iloc[0].startswith("file too large: 0.0 MB, over the 0.0 MB limit")
