"""Tests for workbench.ingest.lines: byte slices of line files at record boundaries."""

from __future__ import annotations

from ingest_samples import write

from workbench.ingest.lines import sliceable_encoding, split_lines, wide_encoding


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


def test_a_slice_is_closed_at_the_byte_limit_as_well_as_the_row_count(tmp_path):
    path = write(tmp_path / "a.jsonl", b"".join(b'{"n": %d}\n' % i for i in range(10)))  # 9-byte lines
    slices = split_lines(path, 100, max_bytes=20)
    assert [(s.first_row, s.end - s.start) for s in slices] == [(0, 27), (3, 27), (6, 27), (9, 9)]


def test_a_row_whose_quote_swallows_the_rest_ends_at_its_line_in_the_plan(tmp_path):
    data = b'h,d\nA,one\nB,"unclosed\nC,three\nD,four\n'
    path = write(tmp_path / "a.csv", data)
    slices = split_lines(path, 1, data_start=4, delimiter=b",")
    assert [data[s.start:s.end] for s in slices] == [b"A,one\n", b'B,"unclosed\n', b"C,three\n", b"D,four\n"]
    assert [s.first_row for s in slices] == [0, 1, 2, 3]
