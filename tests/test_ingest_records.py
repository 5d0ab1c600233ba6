"""Tests for workbench.ingest.records: CSV and JSON Lines records in bounded memory."""

from __future__ import annotations

import io

import pytest

from workbench.ingest.records import BAD_CLOSE, TOO_LARGE, UNCLOSED, iter_records, newline_of


def _records(data: bytes, delimiter: bytes | None = b",", cap: int = 1000, newline: bytes = b"\n"):
    return list(iter_records(io.BytesIO(data), 0, cap, delimiter=delimiter, newline=newline))


def _pieces(data: bytes, **kw) -> list[tuple[bytes | None, str | None]]:
    return [(r.data, r.problem) for r in _records(data, **kw)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a quoted cell may span lines; doubled quotes stay inside it
        (b'A,"x\ny ""q"""\nB,z\n', [(b'A,"x\ny ""q"""\n', None), (b"B,z\n", None)]),
        # a quote inside an unquoted cell is a character
        (b"A,He is 5'11\" tall\nB,z\n", [(b"A,He is 5'11\" tall\n", None), (b"B,z\n", None)]),
        # a quote after a lone CR starts a cell
        (b'B,two\r"T1\nT1b",m\nC,x\n', [(b'B,two\r"T1\nT1b",m\n', None), (b"C,x\n", None)]),
        # on one line, text after a closing quote is read leniently (as the csv module does)
        (b'A,"abc"def\nB,z\n', [(b'A,"abc"def\n', None), (b"B,z\n", None)]),
    ],
)
def test_csv_records_end_where_the_csv_module_ends_a_row(data, expected):
    assert _pieces(data) == expected


def test_an_unclosed_quote_is_cut_to_its_line_and_the_rows_below_are_read():
    records = _records(b'A,one\nB,"unclosed\nC,three\nD,four\n')
    assert [(r.data, r.problem, r.lines) for r in records] == [
        (b"A,one\n", None, 1), (b'B,"unclosed\n', UNCLOSED, 3), (b"C,three\n", None, 1), (b"D,four\n", None, 1)]


def test_a_quote_closed_lines_later_and_followed_by_text_is_cut_too():
    # B's quote is closed by C's opening quote, which is followed by "x": C would be swallowed.
    assert _pieces(b'B,"open\nC,"x",y\n') == [(b'B,"open\n', BAD_CLOSE), (b'C,"x",y\n', None)]


def test_a_record_over_the_cap_is_passed_over_without_being_held():
    records = _records(b"A," + b"x" * 5000 + b"\nB,y\n", cap=100)
    assert [(r.start, r.end, r.data, r.problem) for r in records] == [
        (0, 5003, None, TOO_LARGE), (5003, 5007, b"B,y\n", None)]


def test_a_quoted_cell_longer_than_a_read_block_keeps_its_state(monkeypatch):
    import workbench.ingest.records as records

    monkeypatch.setattr(records, "_BLOCK", 7)  # quotes fall on block edges
    data = b'A,"one ""two""\nthree"\nB,"x"\n'
    assert _pieces(data) == [(b'A,"one ""two""\nthree"\n', None), (b'B,"x"\n', None)]


def test_json_lines_are_one_record_per_line_and_old_mac_files_split_at_cr():
    assert _pieces(b'{"a": "x,\\"y"}\n\n{"b": 2}', delimiter=None) == [
        (b'{"a": "x,\\"y"}\n', None), (b"\n", None), (b'{"b": 2}', None)]
    assert newline_of(b"a,b\rc,d\r") == b"\r" and newline_of(b"a,b\r\nc,d\r\n") == b"\n"
    assert _pieces(b'A,x\rB,"y\rz"\rC,w', newline=b"\r") == [
        (b"A,x\r", None), (b'B,"y\rz"\r', None), (b"C,w", None)]
