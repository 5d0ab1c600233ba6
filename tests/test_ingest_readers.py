"""Tests for workbench.ingest.readers: the registry and the slice dispatcher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_samples import write

from workbench.ingest import ingest_paths, readers, supported_extensions
from workbench.ingest.detection import looks_like_html
from workbench.ingest.read_html import HtmlReader
from workbench.ingest.read_text import TextReader
from workbench.ingest.readers import FileSlice, Reader, ReaderRegistry, iter_slice
from workbench.ingest.rows import make_posting


class _PipeReader(Reader):
    """A made-up format for the tests: one posting per ``|``-separated field."""

    source_format = "pipe"

    def read(self, piece: FileSlice, source: str) -> Iterator:
        for n, part in enumerate(Path(piece.path).read_text(encoding="utf-8").split("|")):
            yield "posting", make_posting(f"{source}#{n}", self.source_format, "utf-8", part.strip())


class _BrokenReader(Reader):
    source_format = "broken"

    def read(self, piece: FileSlice, source: str) -> Iterator:
        yield "posting", make_posting(source, "broken", "utf-8", "Account Manager wanted")
        raise RuntimeError("reader bug")


@pytest.fixture
def own_registry(monkeypatch):
    """The package's registry copied, so a test can add readers without leaking them."""
    registry = readers.registry.copy()
    monkeypatch.setattr(readers, "registry", registry)
    return registry


def test_built_in_readers_are_registered_in_a_fixed_order():
    assert supported_extensions() == (".txt", ".md", ".html", ".htm", ".csv", ".json", ".jsonl", ".xlsx", ".docx")
    assert readers.for_extension(".HTM") is readers.for_extension(".html")
    assert isinstance(readers.for_extension(".md"), TextReader)
    assert readers.for_extension(".pdf") is None


def test_sniffing_finds_the_html_reader_for_markup():
    assert isinstance(readers.sniff("<html><body><p>x</p></body></html>"), HtmlReader)
    assert readers.sniff("Account Manager\n- Own renewals") is None


def test_registry_refuses_an_extension_without_its_dot_or_in_capitals():
    registry = ReaderRegistry()
    for bad in ("csv", ".CSV"):
        with pytest.raises(ValueError, match="lower case with its dot"):
            registry.register(bad, _PipeReader())


def test_a_registered_reader_is_used_for_its_extension(tmp_path, own_registry):
    readers.register(".pipe", _PipeReader())
    path = write(tmp_path / "ads.pipe", "Account Manager wanted | Account Director wanted")
    result = ingest_paths(path, progress=False)
    assert result.postings["text"].tolist() == ["Account Manager wanted", "Account Director wanted"]
    assert result.postings["source"].tolist() == [f"{path.as_posix()}#0", f"{path.as_posix()}#1"]
    assert set(result.postings["source_format"]) == {"pipe"}
    assert own_registry.extensions()[-1] == ".pipe" and readers.source_formats()[-1] == "pipe"


def test_a_reader_whose_format_the_schema_would_refuse_is_not_registered():
    class Shouting(_PipeReader):
        source_format = "PIPE"

    with pytest.raises(ValueError, match="short lower-case name"):
        ReaderRegistry().register(".pipe", Shouting())
    with pytest.raises(ValueError, match="short lower-case name"):
        ReaderRegistry().register_sniffer(looks_like_html, Reader())


def test_the_registry_lists_the_formats_its_readers_record():
    assert readers.source_formats() == ("txt", "md", "html", "csv", "json", "jsonl", "xlsx", "docx")


def test_an_extension_can_reuse_a_built_in_reader(tmp_path, own_registry):
    readers.register(".text", TextReader("txt"))
    path = write(tmp_path / "ad.text", "Account Manager\nWe are hiring.")
    result = ingest_paths(path, progress=False)
    assert result.postings["title"].tolist() == ["Account Manager"] and result.rejects.empty


def test_registrations_in_a_copy_leave_the_package_registry_alone():
    copy = readers.registry.copy()
    copy.register(".pipe", _PipeReader())
    assert copy.for_extension(".pipe") is not None and readers.for_extension(".pipe") is None


def test_a_sniffer_registered_later_comes_after_the_earlier_ones():
    registry = ReaderRegistry()
    first, second = HtmlReader(), HtmlReader()
    registry.register_sniffer(looks_like_html, first)
    registry.register_sniffer(lambda text: True, second)
    assert registry.sniff("<html>") is first
    assert registry.sniff("plain") is second


def test_unsupported_extension_lists_supported(tmp_path):
    write(tmp_path / "job.odp", b"PK\x03\x04 whatever")
    result = ingest_paths(tmp_path, progress=False)
    reason = result.rejects["reason"].iloc[0]
    assert "unsupported file type '.odp'" in reason and ".jsonl" in reason and ".xlsx" in reason


def test_missing_path_is_a_reject(tmp_path):
    result = ingest_paths([tmp_path / "nope"], progress=False)
    assert "does not exist" in result.rejects["reason"].iloc[0]


def test_a_reader_bug_costs_that_file_only(tmp_path, own_registry):
    readers.register(".broken", _BrokenReader())
    items = list(iter_slice(FileSlice(write(tmp_path / "a.broken", "x").as_posix())))
    assert [kind for kind, _ in items] == ["posting", "reject"]
    assert items[1][1]["reason"] == "could not be read (RuntimeError: reader bug); check the file format"


def test_the_base_reader_reads_nothing_by_itself(tmp_path):
    with pytest.raises(NotImplementedError):
        next(iter(Reader().read(FileSlice("a"), "a")))
    with pytest.raises(NotImplementedError, match="cannot read decoded text"):
        Reader().read_text("text", "a", "utf-8")
    assert Reader().split(tmp_path, 10) is None
