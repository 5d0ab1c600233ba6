"""Tests for workbench.ingest.lines: byte slices of line files at record boundaries."""

from __future__ import annotations

import pytest
from ingest_samples import write

from workbench.ingest.lines import (
    decode_slice,
    ends_in_quotes,
    read_range,
    sliceable_encoding,
    split_lines,
    wide_encoding,
)


@pytest.mark.parametrize(
    ("line", "in_quotes", "expected"),
    [
        (b'A,"one\n', False, True),  # a quoted field opens and the line ends inside it
        (b'two",B\n', True, False),  # ... and closes on the next line
        (b'A,He is 5\'11" tall\n', False, False),  # a quote inside an unquoted cell is a character
        (b'A,"say ""hi""\n', False, True),  # doubled quotes are quotes inside the field
        (b'"T1\n', False, True),  # a field at the line start
        (b'B,two\r"T1\n', False, True),  # ... or after a lone carriage return
    ],
)
def test_ends_in_quotes(line, in_quotes, expected):
    assert ends_in_quotes(line, in_quotes, b",") is expected


def test_split_lines_keeps_quoted_records_whole_and_reads_every_byte(tmp_path):
    data = b'h,d\nA,"x\ny"\nB,z\nC,w\n'
    path = write(tmp_path / "a.csv", data)
    slices = split_lines(path, 1, data_start=4, delimiter=b",")
    assert [data[s.start:s.end] for s in slices] == [b'A,"x\ny"\n', b"B,z\n", b"C,w\n"]
    assert [s.first_row for s in slices] == [0, 1, 2]


def test_split_lines_without_delimiter_cuts_at_every_newline(tmp_path):
    path = write(tmp_path / "a.jsonl", b'{"a": "\\"x"}\n{"b": 2}\n{"c": 3}')
    slices = split_lines(path, 2)
    assert [(s.start, s.end, s.first_row) for s in slices] == [(0, 22, 0), (22, 30, 2)]


def test_an_empty_body_still_gives_one_slice(tmp_path):
    path = write(tmp_path / "h.csv", b"title,description\n")
    (only,) = split_lines(path, 10, data_start=18, delimiter=b",")
    assert (only.start, only.end, only.first_row) == (18, 18, 0)


def test_wide_encodings_are_not_sliced(tmp_path):
    assert wide_encoding("UTF_16") and wide_encoding("utf-32-le") and not wide_encoding("utf-8")
    assert sliceable_encoding(write(tmp_path / "w.csv", "a,b\n".encode("utf-16"))) is None
    assert sliceable_encoding(write(tmp_path / "n.csv", "a,b\n".encode("utf-8"))) == "utf-8"
    assert sliceable_encoding(write(tmp_path / "e.csv", b"")) is None


def test_decode_slice_drops_the_bom_only_at_the_start_and_read_range(tmp_path):
    assert decode_slice(b"\xef\xbb\xbfa", "utf-8", True) == "a"
    assert decode_slice(b"\xef\xbb\xbfa", "utf-8", False) == "\ufeffa"
    path = write(tmp_path / "r.txt", b"0123456789")
    assert (read_range(path, 3, 6), read_range(path, 7, None)) == (b"345", b"789")
