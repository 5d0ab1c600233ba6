"""Tests for the workbench.ingest package: its public API and the built-in readers."""

from __future__ import annotations

import workbench.ingest as ingest
from workbench.ingest import readers


def test_every_public_name_resolves():
    missing = [name for name in ingest.__all__ if not hasattr(ingest, name)]
    assert missing == []


def test_callers_names_are_still_importable():
    # pipeline, cli, extract and bench_ingest import these from the package.
    from workbench.ingest import (  # noqa: F401
        IngestResult,
        WorkUnit,
        detect_encoding,
        detect_language,
        html_to_text,
        ingest_paths,
        ingest_unit,
        iter_postings,
        list_files,
        plan_units,
    )

    assert IngestResult._fields == ("postings", "rejects")


def test_every_built_in_reader_names_its_source_format():
    formats = {ext: readers.for_extension(ext).source_format for ext in ingest.supported_extensions()}
    assert formats == {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".csv": "csv",
                       ".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx", ".docx": "docx"}
